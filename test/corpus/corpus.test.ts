import { describe, expect, it } from 'vitest';
import { NEWER_SYMPTOM_IDS } from '../../src/core/knowledge/symptom-ids.js';
import { loadDevCorpus, loadOwnCases } from './load-corpus.js';
import { report, score } from './score-corpus.js';

/**
 * Top-1 accuracy on symptom cases and a ceiling on false alarms on chatter, for sets the
 * classifier is never trained on: issue 9's 97 % and one false alarm on the shared dev corpus;
 * issue 2's 95 % on ours, where the learned layer still names a few calm remarks (a tag on CI
 * runners, a Mullvad exit node that works, a 429 from OpenAI) and so is held at three.
 */

describe.each([
  ['the shared dev corpus', loadDevCorpus, 0.97, 1],
  // 47 `none` cases at the shipped operating point (3-4.5 % false alarms on CV) expect about
  // two false alarms; a bar of two failed a retrain that was better on CV by one borderline case.
  ["the project's own cases", loadOwnCases, 0.95, 3],
])('the classifier on %s', (_name, load, minAccuracy, maxFalseAlarms) => {
  const result = score(load());

  it(`names the expected symptom for at least ${minAccuracy * 100} % of symptom cases`, () => {
    expect(result.accuracy, report(result)).toBeGreaterThanOrEqual(minAccuracy);
  });

  it(`raises at most ${maxFalseAlarms} false alarms on chatter and look-alikes`, () => {
    expect(result.falseAlarms.length, report(result)).toBeLessThanOrEqual(maxFalseAlarms);
  });
});

describe('our own corpus cases', () => {
  it('label newer-row pastes with the newer ids, so those ids are scored too', () => {
    const labels = new Set(loadOwnCases().map((c) => c.expected));
    for (const id of NEWER_SYMPTOM_IDS) expect(labels).toContain(id);
  });

  it('never repeat a case id', () => {
    const ids = loadOwnCases().map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
