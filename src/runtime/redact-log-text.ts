/**
 * Last line of defence for log messages: masks anything shaped like a token. The classifier's
 * redaction (core/classify/redact-secrets.ts) runs on pastes first; this catches what reaches a
 * log by another road (an error message that quotes a header, a URL with a key).
 */
const TOKEN_PATTERNS: readonly RegExp[] = [
  /\b(tskey-[a-z]+-)[A-Za-z0-9_-]{4,}/g,
  /\b(sk-ant-[a-z0-9]*-?)[A-Za-z0-9_-]{8,}/g,
  /\b(sk-(?:proj-)?)[A-Za-z0-9_-]{16,}/g,
  /\b(xox[abposr]-)[A-Za-z0-9-]{8,}/g,
  /\b(xapp-)[A-Za-z0-9-]{8,}/g,
  /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  /\b((?:x-api-key|authorization)\s*[:=]\s*)[^\s,;"']{8,}/gi,
];

export function redactSecretsInLogText(text: string): string {
  let masked = text;
  for (const pattern of TOKEN_PATTERNS) masked = masked.replace(pattern, '$1[redacted]');
  return masked;
}
