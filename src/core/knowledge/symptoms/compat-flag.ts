import { calledRole, factSignal, statusSeen, textSignal } from '../../classify/signal.js';
import type { SymptomEntryInput } from '../symptom-entry.js';

const COMPAT_PATH = /\/v1\/(?:responses|messages)\b/i;

export const compatFlag: SymptomEntryInput = {
  id: 'compat-flag',
  title: 'HTTP 404 on /v1/responses or /v1/messages: a compatibility flag is off',
  summary: 'Aperture answers 404 for an API format the provider is not flagged to serve.',
  cause:
    'Aperture serves `/v1/responses` and `/v1/messages` for a provider only when it has the matching compatibility flag (`openai_responses` or `anthropic_messages`); without it those paths answer 404 even though the model exists.',
  steps: [
    {
      text: 'Note which path failed: `/v1/responses` needs `openai_responses`, `/v1/messages` needs `anthropic_messages` on the provider that serves the model.',
    },
    {
      text: "Admins: in Aperture's settings, open the provider and enable that compatibility flag, then retry.",
    },
    { text: 'Check that the model is listed for you:', command: 'curl http://ai/v1/models' },
  ],
  docsUrl: 'https://tailscale.com/docs/aperture/troubleshooting',
  topics: [
    'compat-flag',
    '404',
    'not found',
    'responses api',
    'openai_responses',
    'anthropic_messages',
    'compatibility',
    'responses',
    '/v1/responses',
    'messages api',
    'compat flag',
    'compatibility flag',
  ],
  checkIds: ['models', 'aperture-config'],
  examples: ['POST http://ai/v1/responses -> 404 Not Found'],
  signals: [
    factSignal('status-404-on-compat-path', 3.5, (f) =>
      statusSeen(f, 404) !== null && calledRole(f, ['provider', 'other']) === null
        ? (COMPAT_PATH.exec(f.text)?.[0] ?? null)
        : null,
    ),
    textSignal(
      'compat-flag-named',
      2.5,
      /\bopenai_responses\b|\banthropic_messages\b|compatibility flag/i,
    ),
    factSignal('status-404-from-aperture', 1, (f) =>
      calledRole(f, ['aperture']) ? statusSeen(f, 404) : null,
    ),
  ],
};
