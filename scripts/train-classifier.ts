/**
 * `npm run train`: trains the classifier's learned layer on training/corpus/*.jsonl, fits its
 * temperature on 10-fold cross-validation, and writes src/core/classify/learned/
 * model-weights.generated.ts. Deterministic: the same corpus and settings give the same bytes
 * (test/unit/core/classify/model-weights.test.ts checks that the file is not stale).
 */
import { writeFileSync } from 'node:fs';
import { FEATURES_VERSION } from '../src/core/classify/learned/features.js';
import { encodeModel } from '../src/core/classify/learned/linear-model.js';
import { analyseCases, crossValidate, trainOn } from './training/cross-validate.js';
import { calibrate, DEFAULT_SETTINGS } from './training/softmax-regression.js';
import { corpusDigest, TRAINING_CORPUS, WEIGHTS_FILE, weightsSource } from './training/paths.js';
import { LABELS, readTrainingCases } from './training/training-corpus.js';

const started = Date.now();
const cases = readTrainingCases(TRAINING_CORPUS);
const analysed = analyseCases(cases);
const heldOut = crossValidate(analysed, DEFAULT_SETTINGS);
const { temperature, noneMargin } = calibrate(
  heldOut.map((h) => ({ logits: h.logits, label: h.case.label })),
  LABELS.indexOf('none'),
  DEFAULT_SETTINGS.maxFalseAlarmRate,
);
const model = { ...trainOn(analysed, DEFAULT_SETTINGS), temperature };
const encoded = encodeModel(model, {
  featuresVersion: FEATURES_VERSION,
  trainedOn: corpusDigest(DEFAULT_SETTINGS),
  noneMargin,
});
writeFileSync(WEIGHTS_FILE, weightsSource(encoded));
process.stdout.write(
  `trained on ${cases.length} cases (${analysed.length * 3} shaped examples), ${model.rows.size} features, temperature ${temperature}, none margin ${noneMargin}, in ${((Date.now() - started) / 1000).toFixed(1)} s\nwrote ${WEIGHTS_FILE}\n`,
);
