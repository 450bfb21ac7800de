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

export function nearDuplicates(
  left: ReadonlyArray<{ id: string; text: string }>,
  right: ReadonlyArray<{ id: string; text: string }> = left,
): Overlap[] {
  const same = left === right;
  const l = left.map((c) => ({ id: c.id, words: wordSet(c.text) }));
  const r = same ? l : right.map((c) => ({ id: c.id, words: wordSet(c.text) }));
  const found: Overlap[] = [];
  l.forEach((a, i) => {
    if (a.words.size < MIN_WORDS) return;
    for (let j = same ? i + 1 : 0; j < r.length; j++) {
      const b = r[j];
      if (!b || b.words.size < MIN_WORDS) continue;
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
