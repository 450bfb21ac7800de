import { PROVIDER_RATE_LIMIT_WORDING } from '../../classify/phrases.js';
import {
  calledRole,
  factSignal,
  statusFromAperture,
  statusSeen,
  textSignal,
} from '../../classify/signal.js';
import type { SymptomEntryInput } from '../symptom-entry.js';

export const quota429: SymptomEntryInput = {
  id: 'quota-429',
  title: 'Aperture answers 429: a quota is empty or misconfigured',
  summary:
    'HTTP 429 from Aperture: a quota bucket ran dry, or a quota it cannot parse rejects everything (fails closed).',
  cause:
    "A quota bucket a grant references is empty, or a quota Aperture cannot parse fails closed, so Aperture answers 429 in the provider's own error format.",
  steps: [
    {
      text: 'List the buckets with their balance, capacity and rate:',
      command: 'curl http://ai/api/quotas',
    },
    {
      text: "Read the `quotas` section of the config and every grant's `quotas` list: each bucket a grant names must be defined, for example:",
      command:
        '"quotas": {"daily:<user>": {"capacity": "$10.00", "rate": "$5.00/day", "on_exceed": "reject"}}',
    },
    {
      text: "Fix invalid values: dollar amounts for capacity and rate, rate units `min`, `hour`, `day`, `week` or `month`, `on_exceed` only `reject`, bucket templates only `<user>` and `<node>`. Removing a grant's `quotas` field falls back to the defaults.",
    },
    {
      text: 'If a bucket is simply spent, an admin can refill it:',
      command:
        'curl -X POST http://ai/api/quotas/refill -d \'{"bucket": "<bucket name>", "amount": <amount>}\'',
    },
    {
      text: 'Aperture logs each rejection at Warn with `detail` (the buckets), `login_name` and `model`: search its logs to see which bucket refused.',
    },
  ],
  docsUrl: 'https://tailscale.com/docs/aperture/troubleshooting',
  topics: [
    'quota-429',
    '429',
    'quota',
    'quotas',
    'budget',
    'budgets',
    'rate limit',
    'too many requests',
    'bucket',
    'refill',
    'retry-after',
    'spending',
    'rate limited',
    'rate-limited',
    'ratelimit',
    'throttled',
    'throttling',
    'limit',
    'on_exceed',
    'insufficient_quota',
    'rate_limit_error',
    'spend limit',
    'out of budget',
  ],
  checkIds: ['quota-status', 'aperture-config'],
  examples: [
    'curl: (22) The requested URL returned error: 429 calling http://ai/v1/messages',
    'everything through aperture is 429 since I added a quotas section',
  ],
  signals: [
    factSignal('status-429-from-aperture', 3.5, (f) => statusFromAperture(f, 429)),
    factSignal('status-429', 1.2, (f) => statusSeen(f, 429)),
    factSignal('status-429-about-aperture', 1.5, (f) =>
      f.mentionsAperture ? statusSeen(f, 429) : null,
    ),
    // An LLM SDK's 429 in a channel about Aperture: a hint, enough for an offer, not a reply.
    factSignal('status-429-from-llm-client', 1, (f) => (f.llmClient ? statusSeen(f, 429) : null)),
    factSignal('provider-error-shape', 1, (f) =>
      statusSeen(f, 429) !== null
        ? (/rate_limit_error|insufficient_quota|RESOURCE_EXHAUSTED|ThrottlingException/.exec(
            f.text,
          )?.[0] ?? null)
        : null,
    ),
    // curl -sS prints only the body: Aperture's quota error in the provider's shape, from Aperture.
    factSignal('quota-error-body-from-aperture', 3, (f) =>
      calledRole(f, ['aperture']) !== null
        ? (/"(?:rate_limit_error|insufficient_quota)"/.exec(f.text)?.[0] ?? null)
        : null,
    ),
    textSignal(
      'quota-config-words',
      1.5,
      /\b(?:quotas?|on_exceed|buckets?|budgets?|capacity|refill)\b/i,
    ),
    factSignal('long-retry-after', 1, (f) =>
      (f.retryAfterSeconds ?? 0) >= 60 || /retry-after is (?:huge|large|a huge|very)/i.test(f.text)
        ? `retry-after: ${f.retryAfterSeconds ?? 'large'}`
        : null,
    ),
    // "a 429 from openai": the person names the provider as the source, and Aperture is not in
    // sight. "from Claude Code" names a client.
    factSignal('provider-named-as-source', -2, (f) =>
      f.mentionsAperture
        ? null
        : (/\bfrom (?:openai|anthropic|claude(?! code)|gemini|google|bedrock|the provider)\b/i.exec(
            f.text,
          )?.[0] ?? null),
    ),
    textSignal('provider-own-wording', -4, PROVIDER_RATE_LIMIT_WORDING),

    factSignal('provider-host-called', -4, (f) =>
      calledRole(f, ['aperture']) === null ? calledRole(f, ['provider']) : null,
    ),
    textSignal(
      'github-rate-limit',
      -3,
      /x-ratelimit-remaining|api\.github\.com|secondary rate limit/i,
    ),
  ],
};
