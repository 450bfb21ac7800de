import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const HERE = dirname(fileURLToPath(import.meta.url));
const CLI = resolve(HERE, '../../../dist/cli.js');
const RECORDER = resolve(HERE, '../../helpers/record-loaded-packages.mjs');

/** What only the bot needs: a one-shot command that loads any of these starts slowly for nothing. */
const BOT_ONLY = [
  'ioredis',
  'pino',
  'prom-client',
  'rate-limiter-flexible',
  '@slack/bolt',
  '@slack/web-api',
  'discord.js',
];

interface Loaded {
  code: number | null;
  packages: string[];
}

/** Runs the built CLI with the recorder preloaded; resolves with the packages it imported. */
function packagesLoadedBy(args: string[], stdin = ''): Promise<Loaded> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', RECORDER, CLI, ...args], {
      cwd: HERE,
      env: {
        PATH: process.env.PATH ?? '',
        LOG_LEVEL: 'silent',
        APERTURE_URL: 'http://127.0.0.1:39',
      },
      stdio: ['pipe', 'ignore', 'ignore', 'pipe'],
    });
    let report = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.stdio[3]?.on('data', (chunk: Buffer) => (report += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, packages: report.split('\n').filter(Boolean) });
    });
    child.stdin?.end(stdin);
  });
}

describe('start-up: a command loads only what it uses', () => {
  it('classify --jsonl loads neither the bot’s packages nor zod', async () => {
    const run = await packagesLoadedBy(
      ['classify', '--jsonl'],
      '{"id":"1","text":"403 access denied: no role granted"}\n',
    );
    expect(run.code).toBe(0);
    expect(run.packages.filter((name) => [...BOT_ONLY, 'zod'].includes(name))).toEqual([]);
  });

  it('diagnose, why and list load neither the bot’s packages nor zod', async () => {
    for (const args of [
      ['diagnose', 'curl: (6) Could not resolve host: ai'],
      ['why', '403'],
      ['list'],
    ]) {
      const run = await packagesLoadedBy(args);
      expect(run.code, args.join(' ')).toBe(0);
      expect(
        run.packages.filter((name) => [...BOT_ONLY, 'zod'].includes(name)),
        args[0],
      ).toEqual([]);
    }
  });

  it('--help, --version and help COMMAND load no package but dotenv', async () => {
    for (const args of [['--help'], ['--version'], ['help', 'classify'], ['classify', '--help']]) {
      const run = await packagesLoadedBy(args);
      expect(run.code, args.join(' ')).toBe(0);
      expect(
        run.packages.filter((name) => name !== 'dotenv'),
        args.join(' '),
      ).toEqual([]);
    }
  });

  it('the console loads its logger but neither Redis, Prometheus nor the shared rate limiter', async () => {
    const run = await packagesLoadedBy(['console'], '/aperture help\n');
    expect(run.code).toBe(0);
    // The recorder sees what a command does load: the console's logger.
    expect(run.packages).toContain('pino');
    expect(
      run.packages.filter((name) =>
        ['ioredis', 'prom-client', 'rate-limiter-flexible'].includes(name),
      ),
    ).toEqual([]);
  });
});
