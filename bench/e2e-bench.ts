/**
 * `npm run bench:e2e`: Slack HTTP mode on loopback at a fixed event rate. The real bot (built CLI)
 * and a bare Bolt app that only acks and echoes run as child processes against one fake Web API;
 * the load is the same for both. Prints ack and reply p50/p99, each child's RSS, and the ratios.
 * BENCH_RATE (events/s, default 200) and BENCH_SECONDS (default 20) bound the run.
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
            'dist/cli.js',
          ],
          env,
          probe,
        )
      : await startChild(
          process.execPath,
          ['--import', 'tsx', 'bench/bare-bolt-app.ts'],
          env,
          probe,
        );
  const sentAt = new Map<string, number>();
  const ack: number[] = [];
  const total = RATE * SECONDS;
  const started = performance.now();
  const sends: Promise<void>[] = [];
  let peakRss = 0;
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
    sends.push(postEvent(url, envelope).then(() => void ack.push(performance.now() - t0)));
    if (i % RATE === 0) peakRss = Math.max(peakRss, rssMb(child.pid));
  }
  await Promise.all(sends);
  const deadline = Date.now() + 15_000;
  while (slack.deliveredTo('chat.postMessage').length < total && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  peakRss = Math.max(peakRss, rssMb(child.pid));
  const reply = slack
    .deliveredTo('chat.postMessage')
    .map((call) => call.receivedAt - (sentAt.get(String(call.args.thread_ts)) ?? call.receivedAt));
  child.kill('SIGTERM');
  await slack.close();
  return { ack, reply, rssMb: peakRss, lost: total - reply.length };
}

function pct(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

const bare = await run('bare');
const bot = await run('bot');
const line = (label: string, r: RunResult) =>
  `${label.padEnd(22)} ack p50 ${pct(r.ack, 0.5).toFixed(1).padStart(6)} ms  p99 ${pct(r.ack, 0.99).toFixed(1).padStart(6)} ms   reply p50 ${pct(r.reply, 0.5).toFixed(1).padStart(6)} ms  p99 ${pct(r.reply, 0.99).toFixed(1).padStart(6)} ms   rss ${r.rssMb.toFixed(0)} MB   unanswered ${r.lost}`;
process.stdout.write(`${RATE} events/s for ${SECONDS} s, Slack HTTP mode on loopback\n`);
process.stdout.write(`${line('bare Bolt (ack+echo)', bare)}\n${line('aperture-doctor', bot)}\n`);
process.stdout.write(
  `ratio bot/bare: reply p50 ${(pct(bot.reply, 0.5) / pct(bare.reply, 0.5)).toFixed(2)}x, reply p99 ${(pct(bot.reply, 0.99) / pct(bare.reply, 0.99)).toFixed(2)}x, ack p99 ${(pct(bot.ack, 0.99) / pct(bare.ack, 0.99)).toFixed(2)}x\n`,
);
process.stdout.write('targets: ack p99 < 50 ms, reply <= 1.2x the bare floor, RSS < 150 MB\n');
