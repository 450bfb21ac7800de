/**
 * Shared by `npm run train` and `npm run eval`: the training examples of a corpus, and 10-fold
 * cross-validation grouped by case (a case's Slack and Discord shapes stay in its fold).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { analysePaste } from '../../src/core/classify/analyse-paste.js';
import {
  hashFeature,
  logitsOf,
  type LinearModel,
} from '../../src/core/classify/learned/linear-model.js';
import { inShape, LABELS, SHAPES, type Shape, type TrainingCase } from './training-corpus.js';
import { train, type Example, type TrainSettings } from './softmax-regression.js';

export const FOLDS = 10;
export const ALL_FOLDS: readonly number[] = Array.from({ length: FOLDS }, (_, fold) => fold);

export interface AnalysedCase {
  case: TrainingCase;
  label: number;
  /** The case's features in each shape; shapes whose text is the same share one vector. */
  shapes: Record<Shape, Example['features']>;
}

export function analyseCases(cases: readonly TrainingCase[]): AnalysedCase[] {
  return cases.map((c, index) => {
    const label = LABELS.indexOf(c.label);
    // A sentence with nothing Slack escapes or Discord marks up arrives the same on all three:
    // about a quarter of the shaped texts are another shape's text again, analysed once. (Merging
    // them into one example of their summed weight trained faster but cost 0.6 points of top-1.)
    const byText = new Map<string, Example['features']>();
    const shapes = Object.fromEntries(
      SHAPES.map((shape) => {
        const text = inShape(c, shape, index);
        let features = byText.get(text);
        if (!features) byText.set(text, (features = analysePaste(text).features));
        return [shape, features];
      }),
    ) as Record<Shape, Example['features']>;
    return { case: c, label, shapes };
  });
}

/** Each case in its three shapes, weighing one case in all. */
export function examplesOf(cases: readonly AnalysedCase[]): Example[] {
  return cases.flatMap((c) =>
    SHAPES.map((shape) => ({
      features: c.shapes[shape],
      label: c.label,
      weight: 1 / SHAPES.length,
    })),
  );
}

export function trainOn(cases: readonly AnalysedCase[], settings: TrainSettings): LinearModel {
  return train(examplesOf(cases), LABELS, settings);
}

/** Stratified by label, assigned by a hash of the id: stable when cases are added elsewhere. */
export function foldOf(c: AnalysedCase): number {
  return hashFeature(`${c.case.label}/${c.case.id}`) % FOLDS;
}

export interface HeldOut {
  case: AnalysedCase;
  shape: Shape;
  logits: Float64Array;
}

export function crossValidate(cases: readonly AnalysedCase[], settings: TrainSettings): HeldOut[] {
  return heldOutFrom(cases, foldLogits(cases, ALL_FOLDS, settings));
}

/** One held-out case's logits in one shape, as a worker sends them. */
export interface FoldLogits {
  fold: number;
  /** The case's index in the corpus. */
  index: number;
  shape: Shape;
  logits: Float64Array;
}

/**
 * crossValidate's folds, shared among worker threads (one per core, at most two: the build
 * machines' count), so the calling thread can train the final model meanwhile. Each worker
 * analyses its own copy of `cases`; heldOutFrom puts the logits back in crossValidate's order.
 */
export async function runFoldsInWorkers(
  cases: readonly TrainingCase[],
  settings: TrainSettings,
  folds: readonly number[] = ALL_FOLDS,
): Promise<FoldLogits[]> {
  const threads = Math.max(1, Math.min(2, availableParallelism()));
  const shares = Array.from({ length: threads }, (_, t) => folds.filter((f) => f % threads === t));
  const results = await Promise.all(
    shares.map(
      (share) =>
        new Promise<FoldLogits[]>((resolve, reject) => {
          const worker = new Worker(new URL('./cross-validate-worker.mjs', import.meta.url), {
            workerData: { cases, folds: share, settings },
          });
          worker.once('message', resolve);
          worker.once('error', reject);
          worker.once('exit', (code) => {
            if (code !== 0) reject(new Error(`a cross-validation worker exited with ${code}`));
          });
        }),
    ),
  );
  return results.flat();
}

/** The held-out logits of the given folds, trained here: what each worker runs. */
export function foldLogits(
  analysed: readonly AnalysedCase[],
  folds: readonly number[],
  settings: TrainSettings,
): FoldLogits[] {
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
  return results;
}

/** The held-out cases of runFoldsInWorkers, in crossValidate's order (fold, case, shape). */
export function heldOutFrom(
  analysed: readonly AnalysedCase[],
  logits: readonly FoldLogits[],
): HeldOut[] {
  // Array sort is stable: each case's shapes keep the order the worker sent them in.
  return [...logits]
    .sort((a, b) => a.fold - b.fold || a.index - b.index)
    .map((r) => {
      const c = analysed[r.index];
      if (!c) throw new Error(`a worker sent logits for case ${r.index}, which does not exist`);
      return { case: c, shape: r.shape, logits: r.logits };
    });
}
