import type { SecretKind } from './diagnosis.js';

/**
 * Masks credentials in pasted text before anything else sees it: the reply, the logs, the
 * evidence excerpts. A value that is plainly a placeholder (`$TOKEN`, `<key>`, `YOUR_KEY`) is not
 * a secret and is left alone, so a pasted command line does not trigger a rotation warning.
 */
interface SecretPattern {
  kind: SecretKind;
  pattern: RegExp;
}

const VALUE = String.raw`[A-Za-z0-9._~+/=-]{8,4096}`;

// Headers first: once a header's value is masked, the token patterns below find nothing left.
// Each `\s*` follows a required token (`:`, a quote, the scheme): two `\s*` with only optional
// parts between them split one run of spaces every way there is, quadratic in its length.
const PATTERNS: readonly SecretPattern[] = [
  {
    kind: 'authorization-header',
    pattern: new RegExp(
      String.raw`(\bauthorization\s*[:=]\s*(?:["']\s*)?(?:(?:bearer|basic|token)\s*)?)(${VALUE})`,
      'gi',
    ),
  },
  {
    kind: 'api-key-header',
    pattern: new RegExp(String.raw`(\bx-api-key\s*[:=]\s*["']?)(${VALUE})`, 'gi'),
  },
  { kind: 'tailscale-key', pattern: /(\btskey-[a-z]{2,10}-)([A-Za-z0-9_-]{6,256})/g },
  { kind: 'anthropic-key', pattern: /(\bsk-ant-)([A-Za-z0-9_-]{8,512})/g },
  { kind: 'openai-key', pattern: /(\bsk-(?:proj-|svcacct-|admin-)?)([A-Za-z0-9_-]{16,512})/g },
  { kind: 'slack-token', pattern: /(\bxox[abposr]-|\bxapp-)([A-Za-z0-9-]{8,512})/g },
  { kind: 'bearer-token', pattern: new RegExp(String.raw`(\bbearer\s+)(${VALUE})`, 'gi') },
];

const MASK = '[redacted]';

export interface RedactionResult {
  text: string;
  found: SecretKind[];
}

export function redactSecrets(text: string): RedactionResult {
  const found = new Set<SecretKind>();
  let masked = text;
  for (const { kind, pattern } of PATTERNS) {
    masked = masked.replace(pattern, (whole, prefix: string, value: string) => {
      if (value === MASK || !looksLikeSecret(value)) return whole;
      found.add(kind);
      return `${prefix}${MASK}`;
    });
  }
  return { text: masked, found: [...found] };
}

/**
 * Real tokens mix letters and digits; placeholders and words ("Bearer authentication",
 * `YOUR_API_KEY`, `sk-...`) do not, or say what they are.
 */
function looksLikeSecret(value: string): boolean {
  if (!/\d/.test(value) || !/[A-Za-z]/.test(value)) return false;
  return (
    !/^(?:your|my|example|placeholder|dummy|redacted|xxx)/i.test(value) &&
    !/(?:\.\.\.|…)$/.test(value)
  );
}
