import { once } from 'node:events';
import type { FeedbackExample, FeedbackStore } from '../core/feedback/feedback-example.js';
import { fieldAccuracy, fieldAccuracyLines } from '../core/feedback/field-accuracy.js';
import { createFeedbackStore } from '../runtime/feedback/create-feedback-store.js';
import { createRedisClient } from '../runtime/state/redis-state-store.js';
import type { CliIo, ExitCode } from './cli-io.js';
import { parseCommandArgs, type CommandSpec } from './command-args.js';
import { trainingLinesOf } from './feedback-training-lines.js';
import { loadConfigOrExplain } from './load-config-or-explain.js';

const USAGE = `usage: aperture-doctor feedback export [--since DATE]
       aperture-doctor feedback stats [--since DATE]

  The verdicts people gave (Solved, Not it + a pick, Something else, offers taken or dismissed),
  from Redis when REDIS_URL is set, else from FEEDBACK_FILE.

  export        the examples as JSON lines in the training corpus's format, on standard output
                (npm run train -- --extra FILE folds them into a retrain)
  stats         per predicted symptom: confirmed, corrected, false alarms; and field precision
  --since DATE  only verdicts from DATE on (2026-11-01, or an ISO time); default: all kept
                (FEEDBACK_TTL_DAYS)
  -h, --help    this text
`;

/** For `help feedback`; the arguments themselves are read below (--since takes a value). */
export const FEEDBACK_SPEC: CommandSpec = { usage: USAGE, flags: ['--since'] };

/** How long the CLI waits for Redis before saying it cannot read the verdicts. */
const REDIS_READY_MS = 3000;

/** `feedback export|stats [--since DATE]`: exit 0, or 2 on a usage error or an unreadable store. */
export async function runFeedbackCommand(args: string[], io: CliIo): Promise<ExitCode> {
  if (args.includes('--version')) {
    const version = parseCommandArgs(['--version'], FEEDBACK_SPEC, io);
    if (typeof version === 'number') return version;
  }
  const parsed = parseFeedbackArgs(args);
  if ('help' in parsed) {
    io.stdout.write(USAGE);
    return 0;
  }
  if ('problem' in parsed) {
    io.stderr.write(`aperture-doctor feedback: ${parsed.problem}\n${USAGE}`);
    return 2;
  }
  const config = loadConfigOrExplain(io);
  if (!config) return 2;
  let examples: FeedbackExample[];
  const redis = config.REDIS_URL ? createRedisClient(config.REDIS_URL) : undefined;
  try {
    if (redis) await readyWithin(redis, REDIS_READY_MS);
    const store: FeedbackStore | undefined = createFeedbackStore(
      { ...config, FEEDBACK: true },
      { redis },
    );
    examples = (await store?.list({ since: parsed.since })) ?? [];
  } catch (error) {
    io.stderr.write(
      `aperture-doctor feedback: could not read the verdicts from ${redis ? 'Redis (REDIS_URL)' : config.FEEDBACK_FILE}: ${(error as Error).message}\n`,
    );
    return 2;
  } finally {
    redis?.disconnect();
  }
  if (parsed.command === 'export') {
    for (const line of trainingLinesOf(examples)) io.stdout.write(`${JSON.stringify(line)}\n`);
    return 0;
  }
  const window =
    parsed.since === undefined
      ? `all verdicts kept (the last ${config.FEEDBACK_TTL_DAYS} days)`
      : `verdicts since ${new Date(parsed.since).toISOString()}`;
  io.stdout.write(`${window}\n${fieldAccuracyLines(fieldAccuracy(examples)).join('\n')}\n`);
  return 0;
}

type FeedbackArgs =
  { command: 'export' | 'stats'; since?: number } | { problem: string } | { help: true };

function parseFeedbackArgs(args: string[]): FeedbackArgs {
  let since: number | undefined;
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg === '--since' || arg.startsWith('--since=')) {
      const value = arg === '--since' ? args[++i] : arg.slice('--since='.length);
      const time = value ? Date.parse(value) : NaN;
      if (!value || Number.isNaN(time))
        return { problem: `--since needs a date such as 2026-11-01 (got ${value ?? 'nothing'})` };
      since = time;
    } else if (arg.startsWith('-')) return { problem: `unknown option ${arg.slice(0, 40)}` };
    else words.push(arg);
  }
  const [command, extra] = words;
  if (command !== 'export' && command !== 'stats')
    return {
      problem: command ? `no feedback command "${command.slice(0, 40)}"` : 'export or stats?',
    };
  if (extra !== undefined) return { problem: `unexpected argument "${extra.slice(0, 40)}"` };
  return { command, since };
}

async function readyWithin(redis: ReturnType<typeof createRedisClient>, ms: number) {
  if (redis.status === 'ready') return;
  const timer = AbortSignal.timeout(ms);
  await Promise.race([
    once(redis, 'ready', { signal: timer }),
    once(redis, 'error', { signal: timer }).then(([error]) => Promise.reject(error)),
  ]).catch((error: unknown) => {
    throw timer.aborted ? new Error(`no answer within ${ms} ms`) : error;
  });
}
