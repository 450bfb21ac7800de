import { redactSecrets } from '../core/classify/redact-secrets.js';

/**
 * Last line of defence for log lines: masks anything shaped like a secret, with the same table as
 * replies and checks (core/classify/redact-secrets.ts). It reads through JSON escaping, so a log
 * line quoting a JSON body (Bolt's `http request body:` at debug level) is masked like a paste.
 */
export function redactSecretsInLogText(text: string): string {
  return redactSecrets(text).text;
}
