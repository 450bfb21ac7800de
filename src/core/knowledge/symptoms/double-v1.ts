import { factSignal, statusFromAperture, statusSeen, textSignal } from '../../classify/signal.js';
import type { SymptomEntryInput } from '../symptom-entry.js';

export const doubleV1: SymptomEntryInput = {
  id: 'double-v1',
  title: 'HTTP 405: the base URL has one /v1 too many',
  summary:
    'Aperture answers 405 because the client requests `/v1/v1/…`: its base URL already ends in `/v1`.',
  cause:
    'Clients append `/v1/\u2026` to their base URL, so a base URL that already ends in `/v1` sends requests to `/v1/v1/\u2026`, which Aperture answers with 405 Method Not Allowed.',
  steps: [
    { text: 'Check the exact URL the client calls: a doubled `/v1/v1/` confirms it.' },
    {
      text: 'For Anthropic-style clients (Claude Code, the Anthropic SDK) set the base URL without a path:',
      command: 'export ANTHROPIC_BASE_URL=http://ai',
    },
    {
      text: 'For OpenAI-style clients, give the base URL exactly one `/v1` (`http://ai/v1`) and make sure the tool does not add another.',
    },
    { text: "Admins: in Aperture's settings, make sure no provider `baseurl` ends in `/v1`." },
  ],
  docsUrl: 'https://tailscale.com/docs/aperture/troubleshooting',
  topics: [
    'double-v1',
    '405',
    'method not allowed',
    'v1/v1',
    'base url',
    '/v1/v1',
    'double v1',
    'duplicate v1',
  ],
  checkIds: ['http', 'aperture-config'],
  examples: ['$ curl -sS http://ai/v1/v1/models\n405 method not allowed'],
  signals: [
    textSignal('doubled-v1-path', 3.5, /\/v1\/v1(?:\/|\b)/i),
    factSignal('status-405-from-aperture', 3, (f) => statusFromAperture(f, 405)),
    factSignal('status-405', 1.5, (f) => statusSeen(f, 405)),
    textSignal('method-not-allowed', 1, /\bmethod not allowed\b/i),
  ],
};
