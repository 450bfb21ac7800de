import { describe, expect, it } from 'vitest';
import { FEATURES_VERSION } from '../../src/core/classify/learned/features.js';
import { encodeModel } from '../../src/core/classify/learned/linear-model.js';
import { ENCODED_MODEL } from '../../src/core/classify/learned/model-weights.generated.js';
import { analyseCases, trainOn } from '../../scripts/training/cross-validate.js';
import { corpusDigest, TRAINING_CORPUS } from '../../scripts/training/paths.js';
import { DEFAULT_SETTINGS } from '../../scripts/training/softmax-regression.js';
import { readTrainingCases } from '../../scripts/training/training-corpus.js';

const STALE =
  'the weights are stale: run `npm run train` and commit model-weights.generated.ts and .bin';

describe('the committed classifier weights', () => {
  it('were trained on the training corpus and settings as they are now', () => {
    expect(ENCODED_MODEL.featuresVersion, STALE).toBe(FEATURES_VERSION);
    expect(ENCODED_MODEL.trainedOn, STALE).toBe(corpusDigest(DEFAULT_SETTINGS));
  });

  it('are what training on that corpus with today’s features gives, byte for byte', () => {
    // Catches a change to the rule signals or the features that forgot to retrain.
    const model = trainOn(analyseCases(readTrainingCases(TRAINING_CORPUS)), DEFAULT_SETTINGS);
    const encoded = encodeModel(
      { ...model, temperature: ENCODED_MODEL.temperature },
      {
        featuresVersion: FEATURES_VERSION,
        trainedOn: ENCODED_MODEL.trainedOn,
        noneMargin: ENCODED_MODEL.noneMargin,
      },
    );
    expect(encoded.rows, STALE).toBe(ENCODED_MODEL.rows);
    expect(Buffer.compare(encoded.tables, ENCODED_MODEL.tables) === 0, STALE).toBe(true);
    expect(encoded.bias, STALE).toEqual(ENCODED_MODEL.bias);
  }, 120_000);
});
