import { factSignal, statusSeen, textSignal } from '../../classify/signal.js';
import type { SymptomEntryInput } from '../symptom-entry.js';

export const hookUnavailable: SymptomEntryInput = {
  id: 'hook-unavailable',
  title: 'HTTP 503: a fail-closed hook is not answering',
  summary:
    'Aperture refuses requests with 503 because a hook configured to fail closed is unreachable, slow or broken.',
  cause:
    'A hook set to fail closed could not be reached or gave an answer Aperture cannot use, so Aperture refuses every request it covers with 503 until the hook recovers.',
  steps: [
    { text: 'Check that the hook endpoint is up and answers quickly from the Aperture device.' },
    {
      text: "Admins: look at the hook under `hooks` in the Aperture config and at Aperture's logs for the hook errors.",
    },
    {
      text: 'For a hook that is not security-critical, consider a `fail_policy` that lets requests through when the hook is down.',
    },
  ],
  docsUrl: 'https://tailscale.com/docs/aperture/troubleshooting',
  topics: [
    'hook-unavailable',
    '503',
    'service unavailable',
    'hook',
    'hooks',
    'fail_closed',
    'fail_policy',
    'unavailable',
    'hook down',
    'fail closed',
  ],
  checkIds: ['aperture-config', 'http'],
  examples: ['503 Service Unavailable from http://ai since we added the fail_closed hook'],
  signals: [
    factSignal('status-503-with-hooks', 3.5, (f) =>
      /\bhooks?\b|fail_closed|fail_policy|guardrail/i.test(f.text) ? statusSeen(f, 503) : null,
    ),
    textSignal('fail-closed-named', 2, /\bfail_closed\b|\bfail_policy\b|fail(?:s|ing)? closed/i),
  ],
};
