import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Everything /metrics exposes, on its own registry (tests and two runtimes in one process). */
export interface BotMetrics {
  registry: Registry;
  eventsReceived: Counter<'platform' | 'kind'>;
  diagnoses: Counter<'platform' | 'symptom'>;
  silenced: Counter<'platform' | 'reason'>;
  feedback: Counter<'platform' | 'symptom' | 'verdict'>;
  checks: Counter<'platform' | 'check' | 'result'>;
  adminOnlyAnswers: Counter<'platform' | 'check' | 'requester'>;
  replyLatency: Histogram<'platform'>;
  rateLimited: Counter<'platform'>;
}

const PREFIX = 'aperture_doctor_';

/** Creates the registry with the bot's metrics and Node's default process metrics. */
export function createMetrics(): BotMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: PREFIX });
  const registers = [registry];
  return {
    registry,
    eventsReceived: new Counter({
      name: `${PREFIX}events_received_total`,
      help: 'Messages, commands and clicks that reached the conversation layer',
      labelNames: ['platform', 'kind'],
      registers,
    }),
    diagnoses: new Counter({
      name: `${PREFIX}diagnoses_total`,
      help: 'Diagnoses made, by symptom id (none included)',
      labelNames: ['platform', 'symptom'],
      registers,
    }),
    silenced: new Counter({
      name: `${PREFIX}silenced_total`,
      help: 'Messages deliberately left unanswered, by reason',
      labelNames: ['platform', 'reason'],
      registers,
    }),
    feedback: new Counter({
      name: `${PREFIX}feedback_total`,
      help: 'Feedback clicks; verdict="not-it" counts false alarms',
      labelNames: ['platform', 'symptom', 'verdict'],
      registers,
    }),
    checks: new Counter({
      name: `${PREFIX}checks_total`,
      help: 'Follow-up checks run, by check id and result',
      labelNames: ['platform', 'check', 'result'],
      registers,
    }),
    adminOnlyAnswers: new Counter({
      name: `${PREFIX}admin_only_answers_total`,
      help: 'Answers of config-revealing checks, by whether the requester is an admin',
      labelNames: ['platform', 'check', 'requester'],
      registers,
    }),
    replyLatency: new Histogram({
      name: `${PREFIX}reply_latency_seconds`,
      help: 'From a reply entering the outbound queue to the platform accepting it',
      labelNames: ['platform'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    rateLimited: new Counter({
      name: `${PREFIX}rate_limited_total`,
      help: 'HTTP 429 answers seen from the platform APIs',
      labelNames: ['platform'],
      registers,
    }),
  };
}
