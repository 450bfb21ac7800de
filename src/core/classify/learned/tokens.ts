import { isApertureName } from '../classify-host.js';
import type { PasteFacts } from '../extract-evidence.js';

/** Words weighed from a long paste: its head and its tail. */
const HEAD_TOKENS = 2_500;
const TAIL_TOKENS = 1_000;

/**
 * The paste's words, lower-cased: every host the facts found becomes its role
 * (`zhost_aperture`), tailnet and other addresses, long ids and numbers become placeholders,
 * and dotted or hyphenated runs that are not hosts split into their words. Of a long paste only
 * the head and the tail are read, where the command and the error sit: the middle of a 40 KB
 * log was most of the time and none of the signal.
 */
export function tokensOf(facts: PasteFacts): string[] {
  const lower = facts.lower;
  const roles = new Map<string, string>();
  for (const host of facts.hosts) roles.set(host.host.toLowerCase().replace(/\.+$/, ''), host.role);
  const tokens: string[] = [];
  const headEnd = readTokens(lower, 0, HEAD_TOKENS, roles, tokens);
  if (headEnd >= lower.length) return tokens;
  const tail: string[] = [];
  let from = Math.max(headEnd, lower.length - TAIL_CHARS);
  // Start on a word's first character, not inside one.
  if (from > headEnd) while (from < lower.length && WORD_CHAR.test(lower.charAt(from - 1))) from++;
  readTokens(lower, from, Infinity, roles, tail);
  for (const token of tail.slice(-TAIL_TOKENS)) tokens.push(token);
  return tokens;
}

/** Enough characters for TAIL_TOKENS words of a log line. */
const TAIL_CHARS = 12_000;
const WORD_CHAR = /[a-z0-9_.-]/;

/** Appends the tokens from `from` on, up to `limit` of them; returns where it stopped. */
function readTokens(
  lower: string,
  from: number,
  limit: number,
  roles: ReadonlyMap<string, string>,
  tokens: string[],
): number {
  const run = /[a-z0-9_](?:[a-z0-9_-]|\.(?=[a-z0-9_]))*/g;
  run.lastIndex = from;
  const stopAt = tokens.length + limit;
  for (let match = run.exec(lower); match !== null; match = run.exec(lower)) {
    const token = match[0];
    if ((token === 'http' || token === 'https') && lower.startsWith('://', run.lastIndex))
      tokens.push(token === 'https' ? 'zhttps' : 'zhttp');
    else {
      const role = roles.get(token);
      if (role === 'aperture' && token.endsWith('.ts.net') && !isApertureName(firstLabel(token))) {
        // The rules count every tailnet name as possibly Aperture; the words need not:
        // `grafana.tail0d1e.ts.net` failing to resolve is not the gateway's name failing.
        tokens.push('zhost_tailnet');
        for (const word of firstLabel(token).split('-'))
          if (word.length > 1) tokens.push(wordToken(word));
      } else if (role !== undefined) {
        // The Agents page's placeholder is an Aperture name that says MagicDNS is off.
        tokens.push(token === PLACEHOLDER_HOST ? 'zhost_placeholder' : `zhost_${role}`);
        // `redis`, `registry.npmjs.org`: the name says what it is; Aperture's names say no more.
        if (role !== 'aperture')
          for (const word of token.split(/[.-]/)) if (word.length > 2) tokens.push(wordToken(word));
      } else if (token.includes('.') && IPV4.test(token)) tokens.push(addressToken(token));
      else if (token.endsWith('.ts.net'))
        tokens.push(token.endsWith('.mullvad.ts.net') ? 'zhost_mullvad' : 'zhost_tailnet');
      else if (!token.includes('.') && !token.includes('-')) tokens.push(wordToken(token));
      else for (const word of token.split(/[.-]/)) if (word !== '') tokens.push(wordToken(word));
    }
    if (tokens.length >= stopAt) return run.lastIndex;
  }
  return lower.length;
}

function firstLabel(host: string): string {
  const dot = host.indexOf('.');
  return dot === -1 ? host : host.slice(0, dot);
}

/** What the Agents page shows for the instance's name when MagicDNS is off. */
export const PLACEHOLDER_HOST = 'your-aperture-host';

const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

function addressToken(ip: string): string {
  if (/^100\.(?:6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./.test(ip)) return 'zip_tailnet';
  if (ip.startsWith('127.')) return 'zip_local';
  return 'zip';
}

// Character tests instead of three regexes: this runs once per word of every paste.
function wordToken(word: string): string {
  let digits = 0;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code >= 48 && code <= 57) digits++;
  }
  if (digits === word.length) return word.length === 3 ? 'znum3' : 'znum';
  // Words are lower-cased runs of [a-z0-9_]: a letter is whatever is neither a digit nor `_`.
  if (word.length >= 10 && digits > 0 && hasLetter(word)) return 'zid';
  return word.length > 40 ? 'zlong' : word;
}

function hasLetter(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code >= 97 && code <= 122) return true;
  }
  return false;
}
