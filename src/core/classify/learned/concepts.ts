/**
 * What a word is about, for the learned layer: words people use for the same thing
 * ("resolve", "nxdomain", "lookup") share a concept, and a pair of concepts in one paste
 * ("expiry" with "unreachable", "name" with "address") is a conjunction that a linear model
 * cannot form from single words. A word names a concept when it starts with one of its stems;
 * the words are the masked, lower-cased tokens of features.ts (`zhost_aperture`, `zip_tailnet`).
 */
const CONCEPT_STEMS: Record<string, readonly string[]> = {
  name: [
    'name',
    'hostname',
    'dns',
    'magicdns',
    'resolv',
    'lookup',
    'nxdomain',
    'enotfound',
    'getaddrinfo',
    'servfail',
    'nameserver',
    'eai_again',
    'unknownhost',
    'nodename',
    'servname',
  ],
  address: ['zip_tailnet', 'address', 'ip', 'number', 'numeric'],
  expiry: ['expir', 'reauth', 'needslogin', 'login', 'logged', 'deleted', 'removed', 'relogin'],
  unreachable: [
    'timeout',
    'timed',
    'timing',
    'hang',
    'spin',
    'unreachable',
    'offline',
    'respond',
    'dead',
    'down',
    'etimedout',
    'quiet',
    'loss',
    'retry',
    'retrying',
  ],
  denied: ['denied', 'forbidden', 'refus', 'permission', 'unauthori', 'blocked', 'allowed'],
  grant: ['grant', 'acl', 'polic', 'role', 'cap', 'src'],
  quota: ['quota', 'bucket', 'limit', 'rate', 'budget', 'spend', 'throttl'],
  vpn: ['mullvad', 'vpn', 'exit', 'wireguard', 'cgnat', 'overlap', 'zhost_mullvad'],
  identity: [
    'tag',
    'user',
    'identit',
    'same',
    'everyone',
    'attribut',
    'usage',
    'person',
    'people',
    'who',
    'lump',
    'single',
  ],
  tls: ['zhttps', 'https', 'ssl', 'tls', 'certificat', 'cert', 'handshake', 'x509'],
  gateway: ['zhost_aperture', 'zhost_tailnet', 'aperture', 'gateway', 'proxy', 'llm'],
  // Not "works", "again" or "resolved": "stopped working", "failing again", "could not be resolved".
  fixed: ['fixed', 'sorted', 'solved', 'thanks', 'thx'],
  hook: ['hook', 'guardrail', 'moderation', 'polic', 'blocked'],
  path: ['v1', 'responses', 'messages', 'completions', 'endpoint', 'route', 'path'],
};

/** Stem → the concepts it names, and the stem lengths to try: a few lookups per word. */
const BY_STEM = new Map<string, string[]>();
for (const [concept, stems] of Object.entries(CONCEPT_STEMS))
  for (const stem of stems) BY_STEM.set(stem, [...(BY_STEM.get(stem) ?? []), concept]);
const STEM_LENGTHS = [...new Set([...BY_STEM.keys()].map((stem) => stem.length))].sort(
  (a, b) => a - b,
);

/** The first two characters of every stem, as one number: most words start like no stem. */
const STEM_STARTS = new Set([...BY_STEM.keys()].map((stem) => startOf(stem)));

function startOf(word: string): number {
  return (word.charCodeAt(0) << 16) | word.charCodeAt(1);
}

/** The concepts that the words name, sorted. */
export function conceptsOf(words: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  for (const word of words) for (const concept of conceptsOfWord(word)) found.add(concept);
  return [...found].sort();
}

/**
 * Words recur from paste to paste, and most name no concept: each word's answer is remembered
 * instead of slicing it at every stem length again. Bounded: a stream of new words starts the
 * memory over.
 */
const MEMORY_WORDS = 20_000;
const byWord = new Map<string, readonly string[]>();
const NO_CONCEPTS: readonly string[] = [];

function conceptsOfWord(word: string): readonly string[] {
  const known = byWord.get(word);
  if (known !== undefined) return known;
  let concepts = NO_CONCEPTS;
  if (word.length >= 2 && STEM_STARTS.has(startOf(word))) {
    const found = new Set<string>();
    for (const length of STEM_LENGTHS) {
      if (length > word.length) break;
      for (const concept of BY_STEM.get(word.slice(0, length)) ?? []) found.add(concept);
    }
    if (found.size > 0) concepts = [...found];
  }
  if (byWord.size >= MEMORY_WORDS) byWord.clear();
  byWord.set(word, concepts);
  return concepts;
}
