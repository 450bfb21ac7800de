import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyText } from '../../../../src/core/classify/classify-text.js';
import { SYMPTOM_IDS } from '../../../../src/core/knowledge/symptom-ids.js';

const VALID = new Set<string>([...SYMPTOM_IDS, 'none']);

function assertWellFormed(text: string) {
  const diagnosis = classifyText(text);
  expect(VALID.has(diagnosis.symptom)).toBe(true);
  expect(diagnosis.confidence).toBeGreaterThanOrEqual(0);
  expect(diagnosis.confidence).toBeLessThanOrEqual(1);
}

describe('classifyText on arbitrary input', () => {
  it('never throws and always answers a known id with a confidence in 0..1', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000, unit: 'binary' }), (text) => assertWellFormed(text)),
      { numRuns: 300 },
    );
  });

  it('copes with pastes up to 64 KB', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 30_000, maxLength: 65_536 }), (text) =>
        assertWellFormed(text),
      ),
      { numRuns: 8 },
    );
  });

  it('copes with binary junk and lone surrogates', () => {
    const junk = Array.from({ length: 4096 }, (_, i) =>
      String.fromCharCode((i * 7919) % 0xffff),
    ).join('');
    assertWellFormed(junk);
    assertWellFormed('\ud800\udc00\ud800 403 \udfff access denied: no role granted');
  });
});

/**
 * Inputs shaped to make a backtracking regex explode: long runs that almost match. Each must be
 * classified at all (a catastrophic pattern would not finish within the test timeout).
 */
describe('classifyText on adversarial input', () => {
  const runs: Array<[string, string]> = [
    ['spaces', ' '.repeat(60_000)],
    ['letters', 'a'.repeat(60_000)],
    ['digits', '4'.repeat(60_000)],
    ['dots', '.'.repeat(60_000)],
    ['dotted host', `http://${'a.'.repeat(20_000)}`],
    ['repeated urls', 'http://'.repeat(8000)],
    ['nested brackets', '<'.repeat(20_000) + '|'.repeat(20_000)],
    ['tag soup', 'tag:'.repeat(15_000)],
    ['status soup', '403 429 '.repeat(7000)],
    ['bearer words', 'Bearer '.repeat(8000)],
    ['almost a tailnet ip', '100.64.'.repeat(8000)],
    ['slack link without end', `<http://ai|${'x'.repeat(50_000)}`],
    ['one long line', `curl: (6) Could not resolve host: ${'a'.repeat(50_000)}`],
  ];
  it.each(runs)('finishes on %s', (_name, text) => assertWellFormed(text));
});
