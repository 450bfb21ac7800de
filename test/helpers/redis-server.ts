import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { describe } from 'vitest';
import { closedPort } from './closed-port.js';

const INSTALLED = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

/** True when redis-server is installed; in CI its absence is an error, not a skip. */
export function redisAvailable(): boolean {
  if (!INSTALLED && process.env.CI === 'true')
    throw new Error(
      'redis-server is not installed: .ci/run must install it (apt-get install redis-server)',
    );
  return INSTALLED;
}

/** `describe` for suites that need a real redis-server: skipped locally without one, failing in CI. */
export const describeWithRedis = (name: string, suite: () => void) =>
  describe.runIf(redisAvailable())(name, suite);

export interface TestRedis {
  url: string;
  port: number;
  /** Kills the server (SIGKILL: the bot must cope with a Redis that vanishes). */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty (after stop). */
  restart(): Promise<void>;
  /** SIGSTOP: the server keeps its connections and answers nothing (a hung host, not a dead one). */
  freeze(): void;
  /** SIGCONT after freeze: it answers what it was sent meanwhile. */
  thaw(): void;
}

/** A private redis-server on a free loopback port: no persistence, killed by stop(). */
export async function startRedis(): Promise<TestRedis> {
  const port = await closedPort();
  let child: ChildProcess | undefined = await spawnRedis(port);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      if (!child) return;
      child.kill('SIGCONT');
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
      child = undefined;
    },
    async restart() {
      if (!child) child = await spawnRedis(port);
    },
    freeze() {
      child?.kill('SIGSTOP');
    },
    thaw() {
      child?.kill('SIGCONT');
    },
  };
}

async function spawnRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const timer = setTimeout(
      () => fail(new Error(`redis-server not ready in 10 s:\n${output}`)),
      10_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => fail(new Error(`redis-server exited (${code}):\n${output}`)));
  });
  return child;
}
