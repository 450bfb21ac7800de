/**
 * One worker of runFoldsInWorkers: analyses the corpus it is sent, trains the folds it is
 * given and posts each held-out case's logits back. The same code as crossValidate, so the
 * logits (and the calibration drawn from them) are the same whichever thread trains a fold.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyseCases, foldLogits } from './cross-validate.js';
import type { TrainSettings } from './softmax-regression.js';
import type { TrainingCase } from './training-corpus.js';

const { cases, folds, settings } = workerData as {
  cases: TrainingCase[];
  folds: number[];
  settings: TrainSettings;
};
const results = foldLogits(analyseCases(cases), folds, settings);
parentPort?.postMessage(
  results,
  results.map((r) => r.logits.buffer as ArrayBuffer),
);
