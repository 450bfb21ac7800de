import type { PasteFacts } from '../extract-evidence.js';
import { TROUBLE } from '../phrases.js';
import type { SymptomScore } from '../score-symptoms.js';
import { conceptsOf } from './concepts.js';
import { FeatureVector, hashMore, hashPrefix } from './feature-vector.js';

export { FeatureVector } from './feature-vector.js';

/**
 * What the learned layer sees of a paste: the rule facts and signals that fired, and the words
 * of the text with hosts, addresses, numbers and ids masked to their role, so `ai`,
 * `ai.tail1234.ts.net` and `100.101.7.42` look alike, and a typo still shares character n-grams
 * with the word it misspells. Names are stable strings, hashed; words are hashed as they are read.
 *
 * Bump FEATURES_VERSION whenever what this file emits changes: the weights record it.
 */
export const FEATURES_VERSION = 11;

/** Words weighed from a long paste: its head and its tail (see tokensOf). */
const HEAD_TOKENS = 2_500;
const TAIL_TOKENS = 1_000;
const MAX_CHAR_GRAM_WORDS = 400;
const CHAR_GRAM = 4;

/**
 * Binary features are 1; word groups are scaled by 1/sqrt(count). `explaining` keeps every
 * feature's name, for tools that show what the model weighed.
 */
export function featuresOf(
  facts: PasteFacts,
  scores: readonly SymptomScore[],
  options: { explaining?: boolean } = {},
): FeatureVector {
  const features = new FeatureVector(options);
  addFactFeatures(features, facts);
  for (const score of scores) {
    // The hand-weighted rule score, squashed, and each signal that fired: the model learns how
    // far to trust each one from data instead of from the weights typed into the entries.
    if (score.score !== 0)
      features.set(`r:${score.symptom}`, Math.max(-1.5, Math.min(2.5, score.score / 4)));
    for (const signal of score.fired) features.set(`s:${score.symptom}/${signal}`, 1);
  }
  const kept = tokensOf(facts);
  const words = new Set(kept);
  addWordFeatures(features, words, kept);
  addConceptFeatures(features, words);
  return features;
}

function addFactFeatures(features: FeatureVector, facts: PasteFacts): void {
  const set = (name: string) => features.set(`f:${name}`, 1);
  const aperture = facts.hosts.some((h) => h.role === 'aperture');
  for (const status of facts.statuses) {
    set(`status:${status.code}`);
    set(`status-class:${Math.floor(status.code / 100)}xx`);
    if (aperture) set(`status:${status.code}:aperture-called`);
    if (facts.mentionsAperture) set(`status:${status.code}:aperture-named`);
  }
  for (const host of facts.hosts) {
    set(`host:${host.role}`);
    if (host.scheme) set(`host:${host.role}:${host.scheme}`);
    if (host.port !== undefined) set(`host:${host.role}:port-${portClass(host.port)}`);
    if (host.path && /\/v1\/v1\b/.test(host.path)) set('path:double-v1');
    if (host.path && /\/v1\/responses\b/.test(host.path)) set('path:responses');
    if (host.path && /\/v1\/messages\b/.test(host.path)) set('path:messages');
  }
  for (const failure of facts.failures) {
    set(`fail:${failure.kind}`);
    set(`fail:${failure.kind}:${failure.role ?? 'unknown'}`);
    if (failure.port !== undefined) set(`fail:${failure.kind}:port-${portClass(failure.port)}`);
  }
  if (facts.tags.length > 0) set('tags');
  if (facts.tags.length > 1) set('tags:several');
  if (facts.retryAfterSeconds !== undefined)
    set(facts.retryAfterSeconds >= 600 ? 'retry-after:long' : 'retry-after:short');
  if (facts.mentionsAperture) set('aperture');
  if (facts.mentionsTailscale) set('tailscale');
  if (facts.llmClient) set('llm-client');
  // Whether anything went wrong at all: "the mullvad exit node is great" names a symptom's words
  // and no trouble.
  // The Agents page's placeholder in a config is trouble by itself: MagicDNS is off.
  const placeholder = facts.lower.includes(PLACEHOLDER_HOST);
  const trouble =
    facts.failures.length > 0 ||
    facts.statuses.some((st) => st.code >= 400) ||
    placeholder ||
    TROUBLE.test(facts.text);
  set(trouble ? 'trouble' : 'no-trouble');
  if (/\?\s*$|^(?:how|why|what|is|are|can|does|do|should)\b/im.test(facts.text)) set('question');
  // A problem told as solved ("the 404 is sorted", "closing the ticket") is nobody's problem now,
  // and healthy output pasted (a pong, a 200, a NOERROR answer) is no failure.
  if (RESOLVED.test(facts.text)) set('resolved');
  if (HEALTHY.test(facts.text)) set('healthy');
  if (placeholder) set('placeholder-host');
  if (facts.hosts.length === 0) set('no-host');
  if (facts.text.length > 2_000) set('long-paste');
  if (facts.text.length < 80) set('short-text');
}

// Not "could not be resolved: 'ai'" nor curl's "Host ai:80 was resolved.": those are lookups.
const RESOLVED =
  /\b(?:is|was|are|got) (?:sorted|fixed)\b|\b(?:issue|ticket|problem|incident) (?:is |was |got )?resolved\b|\bresolved now\b|\bfixed (?:it|now|that|everything)\b|\b(?:[45]\d\d|errors?|problems?|issues?|timeouts?)s? (?:(?:is|are) )?(?:all )?gone\b|\buntil (?:i|we) (?:fixed|changed|removed|reverted)\b|\bin hindsight\b|\bworks (?:again|now|fine now)\b|\bgo(?:es)? through again\b|\bclosing (?:the |this )?(?:ticket|loop|issue)\b|\bpost-?(?:incident|mortem)\b|\bback to normal\b|\b200 now\b|(?:^|\n)[ \t]{0,8}resolved\b|\ball good\b|\bnothing to fix\b/i;
const HEALTHY =
  /\b64 bytes from\b|\bpong from\b|\bHTTP\/[\d.]{1,3} 200\b|\bstatus: NOERROR\b|\bstate is Running\b|"Online": true|\bresolves (?:fine|ok|correctly)\b|\b(?:is|are) (?:up|fine|healthy) (?:again|now)?/i;

function portClass(port: number): string {
  return port === 443 || port === 80 ? String(port) : 'other';
}

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
      if (role !== undefined) {
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

/** What the Agents page shows for the instance's name when MagicDNS is off. */
const PLACEHOLDER_HOST = 'your-aperture-host';

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

const WORD = hashPrefix('w:');
const BIGRAM = hashPrefix('b:');
const CHAR_GRAMS = hashPrefix('c:');

function addWordFeatures(
  features: FeatureVector,
  words: ReadonlySet<string>,
  tokens: readonly string[],
): void {
  const explaining = features.explaining;
  const group = new Group(features);
  for (const word of words) group.add(hashMore(WORD, word), explaining ? `w:${word}` : undefined);
  group.flush();
  for (let i = 1; i < tokens.length; i++) {
    const first = tokens[i - 1] ?? '';
    const second = tokens[i] ?? '';
    const hash = hashMore(hashMore(hashMore(BIGRAM, first), ' '), second);
    group.add(hash, explaining ? `b:${first} ${second}` : undefined);
  }
  group.flush();
  let gramWords = 0;
  for (const word of words) {
    if (word.length < CHAR_GRAM || isPlaceholder(word)) continue;
    if (++gramWords > MAX_CHAR_GRAM_WORDS) break;
    const padded = `<${word}>`;
    for (let i = 0; i + CHAR_GRAM <= padded.length; i++)
      group.add(
        hashMore(CHAR_GRAMS, padded, i, i + CHAR_GRAM),
        explaining ? `c:${padded.slice(i, i + CHAR_GRAM)}` : undefined,
      );
  }
  group.flush();
}

/** The masks tokensOf puts in place of hosts, addresses, ids and numbers: no n-grams of those. */
function isPlaceholder(word: string): boolean {
  return word.charCodeAt(0) === 122 /* z */ && /^z(?:host|ip|id|num|https?$|long)/.test(word);
}

/** Collects one group's hashes (and, when explaining, names) for FeatureVector.addGroup. */
class Group {
  readonly #hashes: number[] = [];
  readonly #names: Map<number, string> | undefined;

  constructor(private readonly features: FeatureVector) {
    this.#names = features.explaining ? new Map() : undefined;
  }

  add(hash: number, name?: string): void {
    const unsigned = hash >>> 0;
    this.#hashes.push(unsigned);
    if (name !== undefined) this.#names?.set(unsigned, name);
  }

  flush(): void {
    this.features.addGroup(this.#hashes, this.#names);
    this.#hashes.length = 0;
    this.#names?.clear();
  }
}

/**
 * The concepts the words name, with whether anything went wrong and whether it is a question,
 * each alone and in pairs: "expiry" with "unreachable" is key-expiry where "expiry" alone is a
 * GPG key, and "name" with "address" is MagicDNS.
 */
function addConceptFeatures(features: FeatureVector, words: ReadonlySet<string>): void {
  const concepts = conceptsOf(words);
  if (features.has('f:trouble')) concepts.push('~trouble');
  if (features.has('f:question')) concepts.push('~question');
  for (const concept of concepts) features.set(`k:${concept}`, 1);
  const pairs = new Set<string>();
  for (let i = 0; i < concepts.length; i++)
    for (let j = i + 1; j < concepts.length; j++) pairs.add(`${concepts[i]}+${concepts[j]}`);
  if (pairs.size === 0) return;
  const value = 1 / Math.sqrt(pairs.size);
  for (const pair of pairs) features.set(`kk:${pair}`, value);
}
