/**
 * `npm run bench:startup`: cold start of the built CLI beside `node -e ''` in the same run. Each
 * row is the median of BENCH_RUNS runs (default 10), the rows interleaved so that a busy machine
 * slows them alike: wall time from spawn to exit (or to the console's first answer) and the
 * process's peak RSS (reported at exit by bench/report-peak-rss.cjs, preloaded into every row,
 * the floor included). `npm start` is timed too (BENCH_NPM_RUNS, default 3), without an RSS: it is
 * npm plus the staleness check plus the console.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist/cli.js');
const PRELOAD = join(ROOT, 'bench/report-peak-rss.cjs');
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const NPM_RUNS = Number(process.env.BENCH_NPM_RUNS ?? 3);
const PASTE = '403 Forbidden {"error":"access denied: no role granted"}\n';
/** The first line of the console's answer to PASTE. */
const FIRST_ANSWER = 'Aperture denies access: no role granted';

interface Sample {
  ms: number;
  rssMb: number | undefined;
}

interface Case {
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  /** Written to stdin; without `untilStdout` stdin is then closed. */
  stdin: string;
  /** When set, the time stops when stdout first contains it (then stdin is closed). */
  untilStdout?: string;
}

// No .env is read (cwd is an empty directory), no token is set, nothing leaves the machine.
const home = mkdtempSync(join(tmpdir(), 'bench-startup-'));
const ENV = {
  PATH: process.env.PATH ?? '',
  HOME: home,
  LOG_LEVEL: 'silent',
  APERTURE_URL: 'http://127.0.0.1:39',
};

function runOnce(c: Case): Promise<Sample> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(c.command, c.args, {
      cwd: c.cwd ?? home,
      env: ENV,
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let rss = '';
    let answeredAt: number | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (c.untilStdout && answeredAt === undefined && stdout.includes(c.untilStdout)) {
        answeredAt = performance.now();
        child.stdin?.end();
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdio[3]?.on('data', (chunk: Buffer) => (rss += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const exitedAt = performance.now();
      clearTimeout(timer);
      if (code !== 0 || (c.untilStdout && answeredAt === undefined)) {
        reject(new Error(`${c.name}: exit ${code}, no answer\n${stderr.slice(0, 2000)}`));
        return;
      }
      // Several processes (npm's) may report: the largest is the peak of any one of them.
      const peaks = rss.split('\n').filter(Boolean).map(Number);
      resolvePromise({
        ms: (answeredAt ?? exitedAt) - started,
        rssMb: peaks.length > 0 ? Math.max(...peaks) / 1024 : undefined,
      });
    });
    if (c.untilStdout) child.stdin?.write(c.stdin);
    else child.stdin?.end(c.stdin);
  });
}

const node = (args: string[]) => ['--require', PRELOAD, ...args];
const FLOOR: Case = {
  name: "node -e ''",
  command: process.execPath,
  args: node(['-e', '']),
  stdin: '',
};
const CASES: Case[] = [
  {
    name: 'classify --jsonl, empty stdin',
    command: process.execPath,
    args: node([CLI, 'classify', '--jsonl']),
    stdin: '',
  },
  {
    name: 'classify --jsonl, one line',
    command: process.execPath,
    args: node([CLI, 'classify', '--jsonl']),
    stdin: `${JSON.stringify({ id: '1', text: PASTE })}\n`,
  },
  {
    name: 'console, to its first answer',
    command: process.execPath,
    args: node([CLI, 'console']),
    stdin: PASTE,
    untilStdout: FIRST_ANSWER,
  },
];
// npm start reads the clone's .env, which may hold tokens: then it would start the bot, not time it.
const NPM: Case | undefined =
  existsSync(join(ROOT, '.env')) || NPM_RUNS <= 0
    ? undefined
    : {
        name: 'npm start, built, to first answer',
        command: 'npm',
        args: ['start', '--silent', '--', 'console'],
        cwd: ROOT,
        stdin: PASTE,
        untilStdout: FIRST_ANSWER,
      };

if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: npm run build first');
const samples = new Map<Case, Sample[]>([FLOOR, ...CASES].map((c) => [c, []]));
const npmSamples: Sample[] = [];
await runOnce(FLOOR); // warm the file cache for everyone
await runOnce(CASES[0] as Case);
for (let round = 0; round < RUNS; round++) {
  for (const c of [FLOOR, ...CASES]) samples.get(c)?.push(await runOnce(c));
  if (NPM && round < NPM_RUNS) npmSamples.push(await runOnce(NPM));
}
rmSync(home, { recursive: true, force: true });

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}
const ms = (list: Sample[]) => median(list.map((s) => s.ms));
const mb = (list: Sample[]) => median(list.map((s) => s.rssMb ?? NaN));
const floorMs = ms(samples.get(FLOOR) ?? []);
const floorMb = mb(samples.get(FLOOR) ?? []);
const cell = (value: number, unit: string) =>
  Number.isFinite(value) ? `${value.toFixed(0)} ${unit}` : '—';
const ratio = (ours: number, floor: number) =>
  Number.isFinite(ours) ? `${(ours / floor).toFixed(2)}x` : '—';
const line = (name: string, list: Sample[]) =>
  [
    name.padEnd(36),
    cell(ms(list), 'ms').padStart(8),
    cell(floorMs, 'ms').padStart(8),
    ratio(ms(list), floorMs).padStart(7),
    cell(mb(list), 'MB').padStart(8),
    cell(floorMb, 'MB').padStart(8),
    ratio(mb(list), floorMb).padStart(7),
  ].join('  ');

process.stdout.write(
  [
    `cold start, median of ${RUNS} runs (npm start: ${NPM ? Math.min(RUNS, NPM_RUNS) : 0}); floor: node -e ''`,
    `${''.padEnd(36)}  ${'time'.padStart(8)}  ${'floor'.padStart(8)}  ${'ratio'.padStart(7)}  ${'peak RSS'.padStart(8)}  ${'floor'.padStart(8)}  ${'ratio'.padStart(7)}`,
    ...CASES.map((c) => line(c.name, samples.get(c) ?? [])),
    ...(NPM
      ? [line(NPM.name, npmSamples)]
      : ['npm start: skipped (BENCH_NPM_RUNS=0, or the clone has a .env)']),
    'targets: classify start-up <= 150 ms and <= 55 MB; npm start to the first answer <= 1 s',
  ].join('\n') + '\n',
);
