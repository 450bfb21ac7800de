/**
 * `npm run bench`: classifier throughput and latency on the dev corpus and on 40 KB pastes, and
 * `classify --jsonl` on 20,000 lines as a whole process, each as ours / floor / ratio beside a
 * naive one-regex-per-symptom table (the floor) measured in the same run; then the time per 64 KB
 * paste of every adversarial shape the linear-time test knows, slowest named. Bounded iterations.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readExitNode } from '../src/core/checks/pasted-exit-node.js';
import { classifyText } from '../src/core/classify/classify-text.js';
import { naiveClassify } from './naive-classifier.mjs';
import { KEYWORD_SHAPES, SHAPES } from '../test/helpers/adversarial-shapes.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = readFileSync(resolve(ROOT, '../shared/corpus/dev.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => (JSON.parse(line) as { text: string }).text);

/** A 40 KB paste: a long stack trace with the error near the end, like real pastes. */
function bigPaste(seed: number): string {
  const frame = (i: number) =>
    `    at handler${(i * seed) % 97} (file:///srv/app/node_modules/pkg/lib/index.js:${i}:${seed % 80})\n`;
  let text = 'TypeError: fetch failed\n';
  for (let i = 0; text.length < 40_000; i++) text += frame(i);
  return `${text}  [cause]: Error: getaddrinfo ENOTFOUND ai\n`;
}

interface Result {
  perSecond: number;
  p50: number;
  p99: number;
}

function measure(inputs: string[], classify: (text: string) => unknown, rounds: number): Result {
  for (const text of inputs.slice(0, 20)) classify(text); // warm-up
  const samples: number[] = [];
  const started = process.hrtime.bigint();
  for (let round = 0; round < rounds; round++) {
    for (const text of inputs) {
      const t0 = process.hrtime.bigint();
      classify(text);
      samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
  samples.sort((a, b) => a - b);
  const at = (q: number) =>
    samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  return { perSecond: (samples.length / totalMs) * 1000, p50: at(0.5), p99: at(0.99) };
}

const big = Array.from({ length: 20 }, (_, i) => bigPaste(i + 3));
const small = corpus.filter((text) => text.length <= 4096);
const devOurs = measure(small, classifyText, 50);
const devFloor = measure(small, naiveClassify, 50);
const bigOurs = measure(big, classifyText, 10);
const bigFloor = measure(big, naiveClassify, 10);

/** One measure: ours, the naive table's (the floor) and ours / floor, in one run. */
function row(name: string, ours: number, floor: number, unit: string, target: string): string {
  const digits = unit === '/s' ? 0 : 3;
  const cell = (value: number) => `${value.toFixed(digits)}${unit === '/s' ? '/s' : ` ${unit}`}`;
  return `${name.padEnd(30)} ${cell(ours).padStart(12)} ${cell(floor).padStart(12)} ${`${(ours / floor).toFixed(2)}x`.padStart(8)}   ${target}`;
}
/** 20,000 JSON lines: the dev corpus over and over, every 100th line a 40 KB paste. */
const JSONL_LINES = 20_000;
const jsonl = Array.from({ length: JSONL_LINES }, (_, i) =>
  JSON.stringify({
    id: String(i),
    text: i % 100 === 99 ? (big[i % big.length] ?? '') : (corpus[i % corpus.length] ?? ''),
  }),
).join('\n');
const scratch = mkdtempSync(join(tmpdir(), 'bench-jsonl-'));
const input = join(scratch, 'lines.jsonl');
writeFileSync(input, `${jsonl}\n`);

/** Wall time of one process reading `input` on stdin to its exit (start-up included), in ms. */
function timeProcess(args: string[]): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent' },
      stdio: [openSync(input, 'r'), 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolvePromise(performance.now() - started)
        : reject(new Error(`${args.join(' ')} exited ${code}`)),
    );
  });
}
const JSONL_RUNS = Number(process.env.BENCH_JSONL_RUNS ?? 3);
const oursMs: number[] = [];
const floorMs: number[] = [];
for (let run = 0; run < JSONL_RUNS; run++) {
  oursMs.push(await timeProcess(['dist/cli.js', 'classify', '--jsonl']));
  floorMs.push(await timeProcess(['bench/naive-classify-jsonl.mjs']));
}
rmSync(scratch, { recursive: true, force: true });
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN;
const linesPerSecond = (ms: number) => (JSONL_LINES / ms) * 1000;

process.stdout.write(
  [
    `classifier beside a naive one-regex-per-symptom table (the floor), same run`,
    `${''.padEnd(30)} ${'ours'.padStart(12)} ${'floor'.padStart(12)} ${'ratio'.padStart(8)}   target`,
    row('dev corpus (<= 4 KB), rate', devOurs.perSecond, devFloor.perSecond, '/s', ''),
    row('dev corpus, p50', devOurs.p50, devFloor.p50, 'ms', ''),
    row('dev corpus, p99', devOurs.p99, devFloor.p99, 'ms', '<= 1 ms'),
    row('40 KB pastes, rate', bigOurs.perSecond, bigFloor.perSecond, '/s', ''),
    row('40 KB pastes, p50', bigOurs.p50, bigFloor.p50, 'ms', ''),
    row('40 KB pastes, p99', bigOurs.p99, bigFloor.p99, 'ms', '<= 20 ms'),
    row(
      `classify --jsonl, ${JSONL_LINES / 1000}k lines`,
      linesPerSecond(median(oursMs)),
      linesPerSecond(median(floorMs)),
      '/s',
      '>= 20,000/s; ratio >= 0.5 (at most 2x slower)',
    ),
    `(classify --jsonl: node dist/cli.js against node bench/naive-classify-jsonl.mjs, whole process, median of ${JSONL_RUNS})`,
  ].join('\n') + '\n',
);

/** Best of a few runs, in ms: one paste, not a throughput. */
function bestMs(run: () => unknown, rounds = 3): number {
  let best = Infinity;
  for (let round = 0; round < rounds; round++) {
    const t0 = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return best;
}

const ADVERSARIAL_CHARS = 65_536;
const shapes = [...SHAPES, ...KEYWORD_SHAPES].map((shape) => {
  const text = shape.make(ADVERSARIAL_CHARS);
  return {
    name: shape.name,
    classify: bestMs(() => classifyText(text)),
    exitNode: bestMs(() => readExitNode(text)),
  };
});
const ms = (value: number) => `${value.toFixed(2).padStart(9)} ms`;
const slowest = shapes.reduce((a, b) => (b.classify > a.classify ? b : a));
const slowestExitNode = shapes.reduce((a, b) => (b.exitNode > a.exitNode ? b : a));
process.stdout.write(
  [
    `\nadversarial pastes, 64 KB each (best of 3)   classifier    exit-node check`,
    ...shapes.map((s) => `  ${s.name.padEnd(40)} ${ms(s.classify)}   ${ms(s.exitNode)}`),
    `classifier, slowest adversarial 64 KB shape: ${slowest.name}, ${slowest.classify.toFixed(2)} ms`,
    `exit-node check, slowest adversarial 64 KB shape: ${slowestExitNode.name}, ${slowestExitNode.exitNode.toFixed(2)} ms`,
  ].join('\n') + '\n',
);
const mb = process.memoryUsage().rss / 1024 / 1024;
process.stdout.write(`rss ${mb.toFixed(0)} MB\n`);
