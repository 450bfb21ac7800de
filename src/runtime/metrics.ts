import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ConversationEvent } from '../core/conversation/conversation-deps.js';
import type { FeedbackStore } from '../core/feedback/feedback-example.js';
import { fieldAccuracy } from '../core/feedback/field-accuracy.js';
import type { PlatformInstruments } from '../platforms/platform-instruments.js';
import type { PlatformLogger } from '../platforms/platform-logger.js';
import type { SecondOpinionInstruments } from './second-opinion/create-second-opinion.js';

/** The field-precision gauge looks at this many of the latest verdicts. */
export const FIELD_PRECISION_WINDOW = 200;

/** The bot's Prometheus metrics, on one registry served at /metrics. */
export function createMetrics(options: { feedback?: FeedbackStore } = {}) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'aperture_doctor_' });
  const events = new Counter({
    name: 'aperture_doctor_events_received_total',
    help: 'Messages and interactions received',
    labelNames: ['platform'],
    registers: [registry],
  });
  const diagnoses = new Counter({
    name: 'aperture_doctor_diagnoses_total',
    help: 'Classifications by symptom (none included)',
    labelNames: ['platform', 'symptom'],
    registers: [registry],
  });
  const silenced = new Counter({
    name: 'aperture_doctor_silenced_total',
    help: 'Messages left unanswered, by reason',
    labelNames: ['platform', 'reason'],
    registers: [registry],
  });
  const feedback = new Counter({
    name: 'aperture_doctor_feedback_total',
    help: 'Verdicts by symptom: solved, not-it, picked (a correction), something-else, offer-accepted, offer-dismissed',
    labelNames: ['platform', 'symptom', 'verdict'],
    registers: [registry],
  });
  const store = options.feedback;
  if (store) {
    // Read from the store at scrape time, so every replica reports the same shared figure.
    new Gauge({
      name: 'aperture_doctor_feedback_field_precision',
      help: `Share of the last ${FIELD_PRECISION_WINDOW} recorded verdicts that confirmed the diagnosis (0..1)`,
      registers: [registry],
      async collect() {
        const examples = await store.list().catch(() => undefined);
        const precision = examples
          ? fieldAccuracy(examples.slice(-FIELD_PRECISION_WINDOW)).precision
          : undefined;
        if (precision === undefined) this.reset();
        else this.set(precision);
      },
    });
  }
  const checks = new Counter({
    name: 'aperture_doctor_checks_total',
    help: 'Follow-up checks run, by result',
    labelNames: ['platform', 'check', 'status'],
    registers: [registry],
  });
  const adminAnswers = new Counter({
    name: 'aperture_doctor_admin_only_answers_total',
    help: 'Config-revealing checks answered, by whether the requester is in ADMIN_USERS',
    labelNames: ['check', 'admin'],
    registers: [registry],
  });
  const replyLatency = new Histogram({
    name: 'aperture_doctor_reply_latency_seconds',
    help: 'From event received to reply accepted',
    labelNames: ['platform'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: 'aperture_doctor_rate_limited_total',
    help: '429 answers seen from a platform',
    labelNames: ['platform'],
    registers: [registry],
  });

  const givenUp = new Counter({
    name: 'aperture_doctor_replies_given_up_total',
    help: 'Outbound messages never delivered, by reason (rate-limited, failed, refused, shutdown)',
    labelNames: ['platform', 'reason'],
    registers: [registry],
  });

  const secondOpinionCalls = new Counter({
    name: 'aperture_doctor_second_opinion_calls_total',
    help: 'Calls to the model for a second opinion, by outcome (answered, none, budget, malformed, unknown-id, timeout, gateway-error, unreachable)',
    labelNames: ['model', 'outcome'],
    registers: [registry],
  });
  const secondOpinionTokens = new Counter({
    name: 'aperture_doctor_second_opinion_tokens_total',
    help: 'Tokens the gateway reported for second opinions, input and output',
    labelNames: ['model', 'direction'],
    registers: [registry],
  });
  const secondOpinionLatency = new Histogram({
    name: 'aperture_doctor_second_opinion_latency_seconds',
    help: 'From request sent to the model to its answer (or failure)',
    labelNames: ['model'],
    buckets: [0.25, 0.5, 1, 2, 3, 5, 10],
    registers: [registry],
  });
  const secondOpinion: SecondOpinionInstruments = {
    called(model, outcome, seconds, tokens) {
      secondOpinionCalls.inc({ model, outcome });
      // A call refused by the budget never reached the gateway: no latency, no tokens.
      if (outcome === 'budget') return;
      secondOpinionLatency.observe({ model }, seconds);
      secondOpinionTokens.inc({ model, direction: 'input' }, tokens.input);
      secondOpinionTokens.inc({ model, direction: 'output' }, tokens.output);
    },
  };

  const instruments: PlatformInstruments = {
    eventReceived: (platform) => events.inc({ platform }),
    replySent: (platform, seconds) => replyLatency.observe({ platform }, seconds),
    rateLimited: (platform) => rateLimited.inc({ platform }),
    replyGivenUp: (platform, reason) => givenUp.inc({ platform, reason }),
  };

  /** Feeds the metrics, and writes the audit trail: every check run and admin-only answer. */
  function observer(logger: PlatformLogger, adminUsers: readonly string[] = []) {
    return (event: ConversationEvent) => {
      switch (event.type) {
        case 'diagnosed':
          diagnoses.inc({ platform: event.platform, symptom: event.symptom });
          return;
        case 'silenced':
          silenced.inc({ platform: event.platform, reason: event.reason });
          return;
        case 'feedback':
          feedback.inc({
            platform: event.platform,
            symptom: event.symptom,
            verdict: event.verdict,
          });
          return;
        case 'check-run': {
          const { platform, channelId, userId, checkId, status, adminOnly } = event;
          checks.inc({ platform, check: checkId, status });
          logger.info(
            {
              audit: 'check-run',
              platform,
              channel: channelId,
              user: userId,
              check: checkId,
              status,
              adminOnly,
            },
            'follow-up check run',
          );
          if (adminOnly) {
            // The core shows a config-revealing answer publicly to admins, privately to others.
            const admin = adminUsers.includes(userId);
            adminAnswers.inc({ check: checkId, admin: String(admin) });
            logger.info(
              {
                audit: 'admin-only-answer',
                platform,
                channel: channelId,
                user: userId,
                check: checkId,
                admin,
                shownTo: admin ? 'thread' : 'requester-only',
              },
              'config-revealing answer',
            );
          }
          return;
        }
      }
    };
  }

  return { registry, instruments, observer, secondOpinion };
}

export type Metrics = ReturnType<typeof createMetrics>;
