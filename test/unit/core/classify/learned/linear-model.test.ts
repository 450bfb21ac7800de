import { describe, expect, it } from 'vitest';
import {
  FeatureVector,
  hashFeature,
  hashMore,
  hashPrefix,
} from '../../../../../src/core/classify/learned/feature-vector.js';
import {
  decodeModel,
  encodeModel,
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
  weightScale: 1,
  temperature: 1,
};

describe('the linear model', () => {
  it('hashes feature names the same way on every run (FNV-1a)', () => {
    expect(hashFeature('')).toBe(0x811c9dc5);
    expect(hashFeature('w:ai')).toBe(hashFeature('w:ai'));
    expect(hashFeature('w:ai')).not.toBe(hashFeature('w:ia'));
  });

  it('hashes a name read piece by piece the same as the whole name', () => {
    const piecewise = hashMore(hashMore(hashMore(hashPrefix('b:'), 'could'), ' '), 'not') >>> 0;
    expect(piecewise).toBe(hashFeature('b:could not'));
    expect(hashMore(hashPrefix('c:'), '<resolve>', 2, 6) >>> 0).toBe(hashFeature('c:esol'));
  });

  it('finds every stored row once decoded, and no row for an unknown hash', () => {
    const rows = decodeModel(
      encodeModel(model, { featuresVersion: 1, trainedOn: 'x', noneMargin: 0 }),
    ).rows;
    expect(rows.get(hashFeature('w:resolve'))).toBeDefined();
    expect(rows.get(hashFeature('f:fail:resolve'))).toBeDefined();
    expect(rows.get(hashFeature('w:lunch'))).toBeUndefined();
  });

  it('gives no weight to features it has no row for', () => {
    const unknown = predict(model, FeatureVector.of({ 'w:lunch': 1 }));
    const nothing = predict(model, new FeatureVector());
    expect([...unknown]).toEqual([...nothing]);
  });

  it('survives encoding and decoding with its predictions intact', () => {
    const features = FeatureVector.of({ 'w:resolve': 0.7, 'f:fail:resolve': 1 });
    const decoded = decodeModel(
      encodeModel(model, { featuresVersion: 1, trainedOn: 'x', noneMargin: 0 }),
    );
    const before = predict(model, features);
    const after = predict(decoded, features);
    expect(after[1]).toBeCloseTo(before[1] ?? 0, 3);
  });

  it('refuses weight tables from a different training, saying how to fix it', () => {
    const encoded = encodeModel(model, { featuresVersion: 1, trainedOn: 'x', noneMargin: 0 });
    const shorter = { ...encoded, tables: encoded.tables.subarray(0, encoded.tables.length - 2) };
    expect(() => decodeModel(shorter)).toThrow(/from different trainings \(run npm run train\)/);
  });

  it('spreads its probabilities more when its temperature is higher', () => {
    const features = FeatureVector.of({ 'f:fail:resolve': 1 });
    const sharp = predict(model, features)[1] ?? 0;
    const soft = predict({ ...model, temperature: 3 }, features)[1] ?? 0;
    expect(soft).toBeLessThan(sharp);
    expect(soft).toBeGreaterThan(0.5);
  });
});
