import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closedPort } from './closed-port.js';

/** True when redis-server is installed; in CI its absence is an error, not a skip. */
export function redisAvailable(): boolean {
  const found = spawnSync('redis-server', ['--version']).status === 0;
  if (!found && process.env.CI === 'true')
    throw new Error('redis-server is not installed: .ci/run must install it');
  return found;
}

export interface TestRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Starts it again on the same port (after stop). */
  restart(): Promise<void>;
}

/** A private redis-server on a free loopback port: no persistence, killed by stop(). */
export async function startRedis(): Promise<TestRedis> {
  const port = await closedPort();
  let child: ChildProcess | undefined;
  const launch = () =>
    new Promise<void>((resolve, reject) => {
      child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const timer = setTimeout(
        () => reject(new Error('redis-server did not start within 10 s')),
        10_000,
      );
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once(
        'exit',
        (code) =>
          code !== null && code !== 0 && reject(new Error(`redis-server exited with ${code}`)),
      );
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!child || child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  await launch();
  return { url: `redis://127.0.0.1:${port}`, port, stop, restart: launch };
}
