/**
 * One worker of crossValidateInWorkers: analyses the corpus it is sent, trains the folds it is
 * given and posts each held-out case's logits back. The same code as crossValidate, so the
 * logits (and the calibration drawn from them) are the same whichever thread trains a fold.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { logitsOf } from '../../src/core/classify/learned/linear-model.js';
import { analyseCases, foldOf, trainOn, type FoldLogits } from './cross-validate.js';
import type { TrainSettings } from './softmax-regression.js';
import { SHAPES, type TrainingCase } from './training-corpus.js';

const { cases, folds, settings } = workerData as {
  cases: TrainingCase[];
  folds: number[];
  settings: TrainSettings;
};
const analysed = analyseCases(cases);
const results: FoldLogits[] = [];
for (const fold of folds) {
  const model = trainOn(
    analysed.filter((c) => foldOf(c) !== fold),
    settings,
  );
  analysed.forEach((c, index) => {
    if (foldOf(c) !== fold) return;
    for (const shape of SHAPES)
      results.push({ fold, index, shape, logits: logitsOf(model, c.shapes[shape]) });
  });
}
parentPort?.postMessage(
  results,
  results.map((r) => r.logits.buffer as ArrayBuffer),
);
