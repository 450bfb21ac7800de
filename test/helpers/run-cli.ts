import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/cli.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Spawns the built CLI (`npm test` builds first) with no platform tokens and checks pointed at a
 * loopback port where nothing listens (39, a port fetch does not refuse), so nothing leaves the machine. Killed after `timeoutMs`.
 */
export function runCli(
  args: string[],
  options: {
    stdin?: string | Buffer;
    env?: Record<string, string>;
    timeoutMs?: number;
    /** Another copy of the built CLI (an unpacked package) instead of this clone's dist/cli.js. */
    bin?: string;
  } = {},
): Promise<CliRun> {
  const cli = options.bin ?? CLI;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        APERTURE_URL: 'http://127.0.0.1:39',
        LOG_LEVEL: 'silent',
        // Tests that record verdicts say where; the others leave no file behind.
        FEEDBACK: 'off',
        ...options.env,
      },
      cwd: dirname(cli),
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 10_000);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
    child.stdin.end(options.stdin ?? '');
  });
}
