import type { PasteFacts } from '../extract-evidence.js';
import { TROUBLE } from '../phrases.js';
import type { SymptomScore } from '../score-symptoms.js';
import { conceptsOf } from './concepts.js';
import { PLACEHOLDER_HOST, tokensOf } from './tokens.js';
import { FeatureVector, hashMore, hashPrefix } from './feature-vector.js';

/**
 * What the learned layer sees of a paste: the rule facts and signals that fired, and the words
 * of the text with hosts, addresses, numbers and ids masked to their role, so `ai`,
 * `ai.tail1234.ts.net` and `100.101.7.42` look alike, and a typo still shares character n-grams
 * with the word it misspells. Names are stable strings, hashed; words are hashed as they are read.
 *
 * Bump FEATURES_VERSION whenever what this file emits changes: the weights record it.
 */
export const FEATURES_VERSION = 16;

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
  addConceptFeatures(features, words, facts);
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
  if (/\?\s*$|^(?:how|why|what|is|are|can|does|do|should)\b/m.test(facts.lower)) set('question');
  // A problem told as solved ("the 404 is sorted", "closing the ticket") is nobody's problem now,
  // and healthy output pasted (a pong, a 200, a NOERROR answer) is no failure.
  if (RESOLVED.test(facts.lower)) set('resolved');
  if (HEALTHY.test(facts.lower)) set('healthy');
  if (placeholder) set('placeholder-host');
  if (facts.hosts.length === 0) set('no-host');
  if (facts.text.length > 2_000) set('long-paste');
  if (facts.text.length < 80) set('short-text');
}

// Not "could not be resolved: 'ai'" nor curl's "Host ai:80 was resolved.": those are lookups.
// Both read the lower-cased copy the facts keep: case-insensitive matching cost more.
const RESOLVED =
  /\b(?:is|was|are|got) (?:sorted|fixed)\b|\b(?:issue|ticket|problem|incident) (?:is |was |got )?resolved\b|\bresolved now\b|\bfixed (?:it|now|that|everything)\b|\b(?:[45]\d\d|errors?|problems?|issues?|timeouts?)s? (?:(?:is|are) )?(?:all )?gone\b|\buntil (?:i|we) (?:fixed|changed|removed|reverted)\b|\bin hindsight\b|\bworks (?:again|now|fine now)\b|\bgo(?:es)? through again\b|\bclosing (?:the |this )?(?:ticket|loop|issue)\b|\bpost-?(?:incident|mortem)\b|\bback to normal\b|\b200 now\b|(?:^|\n)[ \t]{0,8}resolved\b|\ball good\b|\bnothing to fix\b/;
const HEALTHY =
  /\b64 bytes from\b|\bpong from\b|\bhttp\/[\d.]{1,3} 200\b|\bstatus: noerror\b|\bstate is running\b|"online": true|\bresolves (?:fine|ok|correctly)\b|\b(?:is|are) (?:up|fine|healthy) (?:again|now)?/;

function portClass(port: number): string {
  return port === 443 || port === 80 ? String(port) : 'other';
}

const WORD = hashPrefix('w:');
const BIGRAM = hashPrefix('b:');
const CHAR_GRAMS = hashPrefix('c:');
const HEAD = hashPrefix('h:');
const TAIL = hashPrefix('e:');
/** Measured by cross-validation: 4 and 6 took top-1 at 2 % false alarms from 86.6 to 88.6 %. */
const HEAD_WORDS = 4;
const TAIL_WORDS = 6;

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
  // Where a message starts and ends says whether the trouble is now: "Retro:", "Runbook, step
  // 3" open a report; "sorted now", "we can close", "any idea?" end one.
  const headCount = Math.min(HEAD_WORDS, tokens.length);
  for (let i = 0; i < headCount; i++)
    group.add(hashMore(HEAD, tokens[i] ?? ''), explaining ? `h:${tokens[i]}` : undefined);
  for (let i = Math.max(headCount, tokens.length - TAIL_WORDS); i < tokens.length; i++)
    group.add(hashMore(TAIL, tokens[i] ?? ''), explaining ? `e:${tokens[i]}` : undefined);
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
 * The concepts the words name, with whether anything went wrong, how a connection failed,
 * whether Aperture is named and whether it is a question, each alone and in pairs: "expiry" with
 * "unreachable" is key-expiry where "expiry" alone is a GPG key, and "name" with "address" is
 * MagicDNS.
 */
function addConceptFeatures(
  features: FeatureVector,
  words: ReadonlySet<string>,
  facts: PasteFacts,
): void {
  const concepts = conceptsOf(words);
  if (features.has('f:trouble')) concepts.push('~trouble');
  if (features.has('f:question')) concepts.push('~question');
  // How it failed and whether Aperture is named pair with the words too: "expired" beside a
  // timeout, "gateway" beside a failed lookup (measured: +0.5 points of top-1 at 2 % false alarms).
  // extractFacts reports each failure kind once.
  for (const failure of facts.failures) concepts.push(`~fail-${failure.kind}`);
  if (facts.mentionsAperture) concepts.push('~aperture');
  for (const concept of concepts) features.set(`k:${concept}`, 1);
  const pairs = new Set<string>();
  for (let i = 0; i < concepts.length; i++)
    for (let j = i + 1; j < concepts.length; j++) pairs.add(`${concepts[i]}+${concepts[j]}`);
  if (pairs.size === 0) return;
  const value = 1 / Math.sqrt(pairs.size);
  for (const pair of pairs) features.set(`kk:${pair}`, value);
}
