import { describe, expect, it } from 'vitest';
import {
  decodeModel,
  encodeModel,
  hashFeature,
  predict,
  type LinearModel,
} from '../../../../../src/core/classify/learned/linear-model.js';

const model: LinearModel = {
  classes: ['none', 'magicdns'],
  bias: Float64Array.from([0.5, -0.5]),
  rows: new Map([
    [hashFeature('w:resolve'), 0],
    [hashFeature('f:fail:resolve'), 1],
  ]),
  weights: Float32Array.from([-1, 1, -2, 2.5]),
  temperature: 1,
};

describe('the linear model', () => {
  it('hashes feature names the same way on every run (FNV-1a)', () => {
    expect(hashFeature('')).toBe(0x811c9dc5);
    expect(hashFeature('w:ai')).toBe(hashFeature('w:ai'));
    expect(hashFeature('w:ai')).not.toBe(hashFeature('w:ia'));
  });

  it('gives no weight to features it has no row for', () => {
    const unknown = predict(model, new Map([['w:lunch', 1]]));
    const nothing = predict(model, new Map());
    expect([...unknown]).toEqual([...nothing]);
  });

  it('survives encoding and decoding with its predictions intact', () => {
    const features = new Map([
      ['w:resolve', 0.7],
      ['f:fail:resolve', 1],
    ]);
    const decoded = decodeModel(
      encodeModel(model, { featuresVersion: 1, trainedOn: 'x', noneMargin: 0 }),
    );
    const before = predict(model, features);
    const after = predict(decoded, features);
    expect(after[1]).toBeCloseTo(before[1] ?? 0, 3);
  });

  it('spreads its probabilities more when its temperature is higher', () => {
    const features = new Map([['f:fail:resolve', 1]]);
    const sharp = predict(model, features)[1] ?? 0;
    const soft = predict({ ...model, temperature: 3 }, features)[1] ?? 0;
    expect(soft).toBeLessThan(sharp);
    expect(soft).toBeGreaterThan(0.5);
  });
});
