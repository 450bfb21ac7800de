import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { describe } from 'vitest';
import { closedPort } from './closed-port.js';

/** True when a `redis-server` binary is on PATH. */
export const REDIS_SERVER_INSTALLED =
  spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

/**
 * `describe` for suites that need a real redis-server. Locally without one they are skipped; in CI
 * (CI=true) they run and fail loudly, so a missing package never passes silently.
 */
export const describeWithRedis =
  REDIS_SERVER_INSTALLED || process.env.CI ? describe : describe.skip;

export interface RedisServer {
  port: number;
  url: string;
  /** Kills the server (SIGKILL: the bot must cope with a Redis that vanishes). */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
}

/** Starts a throwaway redis-server on a free loopback port, no persistence. */
export async function startRedisServer(): Promise<RedisServer> {
  if (!REDIS_SERVER_INSTALLED) {
    throw new Error(
      'redis-server is not installed: the Redis tests need it (apt-get install -y redis-server)',
    );
  }
  const port = await closedPort();
  let child: ChildProcess | undefined = await spawnRedis(port);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (!child) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
      child = undefined;
    },
    async restart() {
      if (child) return;
      child = await spawnRedis(port);
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
    const timer = setTimeout(
      () => fail(new Error(`redis-server not ready in 5 s:\n${output}`)),
      5000,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => fail(new Error(`redis-server exited (${code}):\n${output}`)));
  });
  child.stdout?.resume();
  return child;
}
