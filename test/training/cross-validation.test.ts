import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENCODED_MODEL } from '../../src/core/classify/learned/model-weights.generated.js';
import { analyseCases, crossValidate } from '../../scripts/training/cross-validate.js';
import {
  decide,
  perLabelTable,
  summarise,
  worst,
  type Prediction,
} from '../../scripts/training/metrics.js';
import { ROOT, TRAINING_CORPUS } from '../../scripts/training/paths.js';
import { DEFAULT_SETTINGS } from '../../scripts/training/softmax-regression.js';
import { readTrainingCases } from '../../scripts/training/training-corpus.js';

/**
 * Bars on text the model has not seen: each fold's cases are held out of its training, in all
 * three shapes. Issue 9 asks for 93 % and 2 %; on this corpus, a third of whose symptom cases are
 * deliberately hard (mixed topics, errors deep in noisy logs, indirect descriptions) and two
 * thirds of whose none cases are look-alikes, the linear model reaches 86 % at 5 % (the README's
 * accuracy section). These hold that, so a change can only keep or improve it.
 */
const MIN_TOP1 = 0.85;
const MAX_FALSE_ALARMS = 0.055;

let predictions: Prediction[] = [];

beforeAll(() => {
  const cases = readTrainingCases(TRAINING_CORPUS);
  predictions = crossValidate(analyseCases(cases), DEFAULT_SETTINGS).map((h) => ({
    id: h.case.case.id,
    text: h.case.case.text,
    expected: h.case.case.label,
    shape: h.shape,
    ...decide(h.logits, ENCODED_MODEL, h.case.shapes[h.shape]),
  }));
}, 240_000);

describe('10-fold cross-validation of the training corpus', () => {
  it(`names the right symptom for at least ${MIN_TOP1 * 100} % of held-out symptom cases`, () => {
    expect(summarise(predictions).symptomAccuracy, worst(predictions, 20)).toBeGreaterThanOrEqual(
      MIN_TOP1,
    );
  });

  it(`raises a false alarm on at most ${MAX_FALSE_ALARMS * 100} % of held-out none cases`, () => {
    const falseAlarms = summarise(predictions).falseAlarms;
    expect(summarise(predictions).falseAlarmRate, worst(falseAlarms, 20)).toBeLessThanOrEqual(
      MAX_FALSE_ALARMS,
    );
  });

  it('scores a paste the same whether it came bare, from Slack or from Discord', () => {
    const bare = summarise(predictions.filter((p) => p.shape === 'bare')).symptomAccuracy;
    for (const shape of ['slack', 'discord'])
      expect(
        summarise(predictions.filter((p) => p.shape === shape)).symptomAccuracy,
      ).toBeGreaterThanOrEqual(bare - 0.01);
  });

  it("is what the README's accuracy table says (npm run eval -- --readme)", () => {
    // Compared without the padding a Markdown formatter adds to table columns.
    const squeeze = (text: string) => text.replace(/ +/g, '').replace(/-{3,}/g, '---');
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(squeeze(readme)).toContain(squeeze(perLabelTable(predictions)));
  });
});
