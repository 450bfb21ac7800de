import { describe, expect, it } from 'vitest';
import { NEAR_DUPLICATE, nearDuplicates } from '../../scripts/check-training-corpus.js';
import { mulberry32 } from '../../scripts/training/softmax-regression.js';

/** Every pair compared: the definition the fast join must agree with. */
function everyPair(cases: ReadonlyArray<{ id: string; text: string }>) {
  const sets = cases.map((c) => ({
    id: c.id,
    words: new Set(c.text.toLowerCase().match(/[a-z0-9_]+/g)),
  }));
  const found: Array<{ a: string; b: string }> = [];
  for (let i = 0; i < sets.length; i++)
    for (let j = i + 1; j < sets.length; j++) {
      const a = sets[i]!;
      const b = sets[j]!;
      if (a.words.size < 6 || b.words.size < 6) continue;
      let shared = 0;
      for (const word of a.words) if (b.words.has(word)) shared++;
      if (shared / (a.words.size + b.words.size - shared) >= NEAR_DUPLICATE)
        found.push({ a: a.id, b: b.id });
    }
  return found;
}

describe('the near-duplicate check', () => {
  it('finds exactly the pairs that comparing every pair finds', () => {
    const random = mulberry32(7);
    const vocabulary = Array.from({ length: 60 }, (_, i) => `w${i}`);
    const pick = (n: number) =>
      Array.from({ length: n }, () => vocabulary[Math.floor(random() * 60)]);
    // Variants of a few base texts, each with a few words swapped: many pairs near the line.
    const bases = Array.from({ length: 8 }, () => pick(12));
    const cases = Array.from({ length: 300 }, (_, i) => {
      const words = [...(bases[i % bases.length] ?? [])];
      const swaps = Math.floor(random() * 5);
      for (let s = 0; s < swaps; s++) words[Math.floor(random() * words.length)] = pick(1)[0];
      return { id: `c${i}`, text: words.join(' ') };
    });
    const expected = everyPair(cases);
    expect(expected.length).toBeGreaterThan(100);
    expect(nearDuplicates(cases).map(({ a, b }) => ({ a, b }))).toEqual(expected);
  });

  it('exempts texts of fewer than six words', () => {
    const cases = [
      { id: 'a', text: '403 forbidden' },
      { id: 'b', text: '403 forbidden' },
    ];
    expect(nearDuplicates(cases)).toEqual([]);
  });
});
