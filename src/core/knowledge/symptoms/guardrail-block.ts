import { textSignal } from '../../classify/signal.js';
import type { SymptomEntryInput } from '../symptom-entry.js';

export const guardrailBlock: SymptomEntryInput = {
  id: 'guardrail-block',
  title: 'A guardrail hook blocked the request',
  summary:
    'A `pre_request` hook refused the request (403 `request blocked by guardrail`): a policy decision, not a missing grant.',
  cause:
    "A `pre_request` hook answered `block`, so Aperture refused the request with 403 `request blocked by guardrail` (or the hook's own status): the caller's grants are fine.",
  steps: [
    {
      text: 'Read the whole error body: a hook usually says why it blocked (a secret in the prompt, a disallowed model, a policy rule).',
    },
    {
      text: 'Change the request accordingly, or ask the team that owns the guardrail whether the block was intended.',
    },
    {
      text: 'Admins: find the hook under `hooks` in the Aperture config and check its logs for this request.',
    },
  ],
  docsUrl: 'https://tailscale.com/docs/aperture/troubleshooting',
  topics: [
    'guardrail-block',
    'guardrail',
    'guardrails',
    'blocked',
    'pre_request',
    'hook block',
    'blocked by guardrail',
    'request blocked',
    'pii',
    'dlp',
  ],
  checkIds: ['aperture-config'],
  examples: ['request failed: 403 {"error":"request blocked by guardrail"}'],
  signals: [
    textSignal(
      'blocked-by-guardrail',
      5,
      /\bblocked by (?:a |the )?guardrail|guardrail (?:blocked|block)|\bpre_request\b/i,
    ),
    textSignal('guardrail-named', 1.5, /\bguardrails?\b/i),
  ],
};
