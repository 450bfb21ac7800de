/**
 * Shared by `npm run train` and `npm run eval`: the training examples of a corpus, and 10-fold
 * cross-validation grouped by case (a case's Slack and Discord shapes stay in its fold).
 */
import { analysePaste } from '../../src/core/classify/analyse-paste.js';
import {
  hashFeature,
  logitsOf,
  type LinearModel,
} from '../../src/core/classify/learned/linear-model.js';
import { inShape, LABELS, SHAPES, type Shape, type TrainingCase } from './training-corpus.js';
import { train, type Example, type TrainSettings } from './softmax-regression.js';

export const FOLDS = 10;

export interface AnalysedCase {
  case: TrainingCase;
  label: number;
  /** The case's features in each shape. */
  shapes: Record<Shape, Example['features']>;
}

export function analyseCases(cases: readonly TrainingCase[]): AnalysedCase[] {
  return cases.map((c, index) => {
    const label = LABELS.indexOf(c.label);
    const shapes = Object.fromEntries(
      SHAPES.map((shape) => [shape, analysePaste(inShape(c, shape, index)).features]),
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
  const heldOut: HeldOut[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const model = trainOn(
      cases.filter((c) => foldOf(c) !== fold),
      settings,
    );
    for (const c of cases.filter((x) => foldOf(x) === fold))
      for (const shape of SHAPES)
        heldOut.push({ case: c, shape, logits: logitsOf(model, c.shapes[shape]) });
  }
  return heldOut;
}
