/**
 * `npm run bench:e2e`: Slack HTTP mode on loopback at a fixed event rate. The real bot (built CLI)
 * and a bare Bolt app that only acks and echoes (bench/bare-bolt-app.mjs) run as child processes
 * under plain node, both compiled JavaScript, against one fake Web API; the load is the same for
 * both. Prints every measure as ours / floor / ratio. BENCH_RATE (events/s, default 200) and
 * BENCH_SECONDS (default 20) bound the run; BENCH_BOT_NODE_ARGS adds node options to the bot.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeSlackWebApi } from '../test/integration/fakes/fake-slack-web-api.js';
import { closedPort } from '../test/helpers/closed-port.js';
import { SIGNING_SECRET, postEvent } from '../test/helpers/signed-slack-request.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const PASTE = '$ curl -sS http://ai/v1/models\n{"error":"access denied: no role granted"}';

interface RunResult {
  ack: number[];
  reply: number[];
  rssMb: number;
  lost: number;
  /** Event posts that got no HTTP answer (a reset connection on a loaded machine). */
  unacked: number;
  /** RSS once ready, before any event. */
  idleRssMb: number;
  /** The bot's own heap figures at the end of the run, from its /metrics (the floor has none). */
  heap?: string;
}

/** Heap in use, heap reserved and external memory, as the bot's /metrics reports them. */
async function heapFigures(port: number): Promise<string | undefined> {
  const text = await fetch(`http://127.0.0.1:${port}/metrics`).then(
    (response) => (response.ok ? response.text() : ''),
    () => '',
  );
  const metric = (name: string) =>
    Number(new RegExp(`^aperture_doctor_${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN) /
    1024 /
    1024;
  if (!text) return undefined;
  return `heap used ${metric('nodejs_heap_size_used_bytes').toFixed(0)} MB of ${metric('nodejs_heap_size_total_bytes').toFixed(0)} MB reserved, external ${metric('nodejs_external_memory_bytes').toFixed(0)} MB, RSS ${metric('process_resident_memory_bytes').toFixed(0)} MB`;
}

async function startChild(
  command: string,
  args: string[],
  env: Record<string, string>,
  readyProbe: () => Promise<boolean>,
): Promise<ChildProcess> {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 20_000;
  while (!(await readyProbe())) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`${args.join(' ')} did not start`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return child;
}

function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function run(name: 'bot' | 'bare'): Promise<RunResult> {
  const slack = await new FakeSlackWebApi().start();
  const port = await closedPort();
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-bench-1',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: `${slack.url}/api/`,
    PORT: String(port),
    LOG_LEVEL: 'silent',
    APERTURE_URL: 'http://127.0.0.1:39',
  };
  const url = `http://127.0.0.1:${port}/slack/events`;
  const probe = () =>
    fetch(url, { method: 'POST', body: '{}' }).then(
      () => true,
      () => false,
    );
  const child =
    name === 'bot'
      ? await startChild(
          process.execPath,
          [
            ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []),
            // e.g. BENCH_BOT_NODE_ARGS=--max-old-space-size=64: is the heap live data or garbage?
            ...(process.env.BENCH_BOT_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
            'dist/cli.js',
          ],
          env,
          probe,
        )
      : await startChild(process.execPath, ['bench/bare-bolt-app.mjs'], env, probe);
  const idleRssMb = rssMb(child.pid);
  const sentAt = new Map<string, number>();
  const ack: number[] = [];
  const total = RATE * SECONDS;
  const started = performance.now();
  const sends: Promise<void>[] = [];
  let peakRss = 0;
  let unacked = 0;
  for (let i = 0; i < total; i++) {
    // Fixed rate: event i leaves at i / RATE seconds; one channel per event, as in a busy workspace.
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const ts = `${1_700_000_000 + i}.000100`;
    const envelope = {
      type: 'event_callback',
      team_id: 'T0',
      api_app_id: 'A0',
      event_id: `Ev${name}${i}`,
      event_time: 0,
      event: { type: 'message', channel: `C${i}`, user: 'U0LENA', ts, text: PASTE },
    };
    const t0 = performance.now();
    sentAt.set(ts, Date.now());
    sends.push(
      postEvent(url, envelope).then(
        () => void ack.push(performance.now() - t0),
        () => void unacked++,
      ),
    );
    if (i % RATE === 0) peakRss = Math.max(peakRss, rssMb(child.pid));
  }
  await Promise.all(sends);
  const deadline = Date.now() + 15_000;
  while (slack.deliveredTo('chat.postMessage').length < total && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  peakRss = Math.max(peakRss, rssMb(child.pid));
  const heap = name === 'bot' ? await heapFigures(port) : undefined;
  const reply = slack
    .deliveredTo('chat.postMessage')
    .map((call) => call.receivedAt - (sentAt.get(String(call.args.thread_ts)) ?? call.receivedAt));
  child.kill('SIGTERM');
  await slack.close();
  return { ack, reply, rssMb: peakRss, lost: total - reply.length, unacked, idleRssMb, heap };
}

function pct(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

const bare = await run('bare');
const bot = await run('bot');

interface Row {
  name: string;
  ours: number;
  floor: number;
  unit: string;
  target: string;
}
const rows: Row[] = [
  { name: 'ack p50', ours: pct(bot.ack, 0.5), floor: pct(bare.ack, 0.5), unit: 'ms', target: '' },
  {
    name: 'ack p99',
    ours: pct(bot.ack, 0.99),
    floor: pct(bare.ack, 0.99),
    unit: 'ms',
    target: '< 50 ms',
  },
  {
    name: 'reply p50',
    ours: pct(bot.reply, 0.5),
    floor: pct(bare.reply, 0.5),
    unit: 'ms',
    target: '<= 1.2x',
  },
  {
    name: 'reply p99',
    ours: pct(bot.reply, 0.99),
    floor: pct(bare.reply, 0.99),
    unit: 'ms',
    target: '<= 1.2x',
  },
  { name: 'idle RSS', ours: bot.idleRssMb, floor: bare.idleRssMb, unit: 'MB', target: '' },
  { name: 'peak RSS', ours: bot.rssMb, floor: bare.rssMb, unit: 'MB', target: '<= 1.2x' },
  { name: 'unacked', ours: bot.unacked, floor: bare.unacked, unit: '', target: '0' },
  { name: 'unanswered', ours: bot.lost, floor: bare.lost, unit: '', target: '0' },
];
const value = (n: number, unit: string) =>
  `${n.toFixed(unit === 'ms' ? 1 : 0)}${unit ? ` ${unit}` : ''}`;
const ratio = (row: Row) =>
  row.floor > 0 && Number.isFinite(row.ours / row.floor)
    ? `${(row.ours / row.floor).toFixed(2)}x`
    : '—';
process.stdout.write(
  [
    `${RATE} events/s for ${SECONDS} s (${RATE * SECONDS} events, one channel each), Slack HTTP mode on loopback`,
    `${''.padEnd(12)} ${'ours'.padStart(10)} ${'floor'.padStart(10)} ${'ratio'.padStart(7)}   target`,
    ...rows.map(
      (row) =>
        `${row.name.padEnd(12)} ${value(row.ours, row.unit).padStart(10)} ${value(row.floor, row.unit).padStart(10)} ${ratio(row).padStart(7)}   ${row.target}`,
    ),
    'ours: aperture-doctor (node dist/cli.js); floor: bare Bolt, ack + echo (node bench/bare-bolt-app.mjs)',
    ...(bot.heap ? [`ours at the end of the run: ${bot.heap}`] : []),
  ].join('\n') + '\n',
);
