/**
 * `npm run corpus:check`: the training corpus has no near-duplicates within itself and copies
 * nothing from the shared dev corpus. Two texts are near-duplicates when the Jaccard overlap of
 * their word sets is at least NEAR_DUPLICATE (texts of fewer than MIN_WORDS words are exempt:
 * "403 forbidden" may honestly occur twice).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { TRAINING_CORPUS } from './training/paths.js';
import { readTrainingCases } from './training/training-corpus.js';
import { DEV_CORPUS } from '../test/corpus/load-corpus.js';

export const NEAR_DUPLICATE = 0.7;
const MIN_WORDS = 6;

export interface Overlap {
  a: string;
  b: string;
  jaccard: number;
}

function wordSet(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[a-z0-9_]+/g) ?? []);
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const word of small) if (large.has(word)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * Every pair at or over NEAR_DUPLICATE, in (left, right) order. Comparing every pair was 32
 * million comparisons at 8,000 cases and outran the test's time limit on a loaded machine, so
 * this is a prefix-filtered similarity join (exact, the AllPairs method): with each word set
 * ordered rarest word first, two sets can reach the threshold only if they share a word among
 * the first |s| − ⌈t·|s|⌉ + 1 of each, so only pairs sharing such a word are compared.
 */
export function nearDuplicates(
  left: ReadonlyArray<{ id: string; text: string }>,
  right: ReadonlyArray<{ id: string; text: string }> = left,
): Overlap[] {
  const same = left === right;
  const l = left.map((c) => ({ id: c.id, words: wordSet(c.text) }));
  const r = same ? l : right.map((c) => ({ id: c.id, words: wordSet(c.text) }));
  const frequency = new Map<string, number>();
  for (const set of same ? l : [...l, ...r])
    for (const word of set.words) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  const prefixOf = (words: Set<string>) => {
    const ordered = [...words].sort(
      (a, b) => (frequency.get(a) ?? 0) - (frequency.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0),
    );
    // The epsilon keeps 0.7 × 10 = 7.000000000000001 from shortening the prefix by one.
    return ordered.slice(0, ordered.length - Math.ceil(NEAR_DUPLICATE * ordered.length - 1e-9) + 1);
  };
  const index = new Map<string, number[]>();
  r.forEach((b, j) => {
    if (b.words.size < MIN_WORDS) return;
    for (const word of prefixOf(b.words)) {
      const holders = index.get(word);
      if (holders) holders.push(j);
      else index.set(word, [j]);
    }
  });
  const found: Overlap[] = [];
  l.forEach((a, i) => {
    if (a.words.size < MIN_WORDS) return;
    const candidates = new Set<number>();
    for (const word of prefixOf(a.words))
      for (const j of index.get(word) ?? []) if (!same || j > i) candidates.add(j);
    for (const j of [...candidates].sort((x, y) => x - y)) {
      const b = r[j];
      if (!b) continue;
      // Jaccard can reach the threshold only when the sizes are close enough.
      const [lo, hi] =
        a.words.size < b.words.size ? [a.words.size, b.words.size] : [b.words.size, a.words.size];
      if (lo / hi < NEAR_DUPLICATE) continue;
      const overlap = jaccard(a.words, b.words);
      if (overlap >= NEAR_DUPLICATE)
        found.push({ a: a.id, b: b.id, jaccard: Math.round(overlap * 100) / 100 });
    }
  });
  return found;
}

export function devCorpusCases(): Array<{ id: string; text: string }> {
  return readFileSync(DEV_CORPUS, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { id: string; text: string });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const cases = readTrainingCases(TRAINING_CORPUS);
  const within = nearDuplicates(cases);
  const fromDev = nearDuplicates(cases, devCorpusCases());
  for (const o of within) process.stdout.write(`near-duplicate: ${o.a} ~ ${o.b} (${o.jaccard})\n`);
  for (const o of fromDev)
    process.stdout.write(`too close to the dev corpus: ${o.a} ~ ${o.b} (${o.jaccard})\n`);
  process.stdout.write(
    `${cases.length} cases; ${within.length} near-duplicates, ${fromDev.length} close to the dev corpus (threshold ${NEAR_DUPLICATE})\n`,
  );
  process.exitCode = within.length + fromDev.length > 0 ? 1 : 0;
}
