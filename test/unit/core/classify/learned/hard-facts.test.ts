import { describe, expect, it } from 'vitest';
import { FeatureVector } from '../../../../../src/core/classify/learned/feature-vector.js';
import { applyHardFacts } from '../../../../../src/core/classify/learned/hard-facts.js';

const CLASSES = ['none', 'magicdns', 'quota-429'];
const features = (...names: string[]) =>
  FeatureVector.of(Object.fromEntries(names.map((name) => [name, 1])));
const probabilities = () => Float64Array.from([0.7, 0.2, 0.1]);
const expectUnchanged = (out: Float64Array) =>
  [0.7, 0.2, 0.1].forEach((p, c) => expect(out[c]).toBeCloseTo(p));

describe('applyHardFacts', () => {
  it('names magicdns at 0.95 when the Agents page placeholder appears, the rest sharing 0.05', () => {
    const out = applyHardFacts(CLASSES, probabilities(), features('f:placeholder-host'));
    expect(out[1]).toBeCloseTo(0.95);
    expect(out[0]).toBeCloseTo(0.05 * (0.7 / 0.8));
    expect(out[2]).toBeCloseTo(0.05 * (0.1 / 0.8));
  });

  it('leaves a placeholder told as already fixed to the model', () => {
    const out = applyHardFacts(
      CLASSES,
      probabilities(),
      features('f:placeholder-host', 'f:resolved'),
    );
    expectUnchanged(out);
  });

  it('rules quota-429 out when the client called only the provider, renormalising the rest', () => {
    const out = applyHardFacts(
      CLASSES,
      probabilities(),
      features('s:quota-429/provider-host-called'),
    );
    expect(out[2]).toBe(0);
    expect(out[0]).toBeCloseTo(0.7 / 0.9);
  });

  it('changes nothing when no fact applies', () => {
    expectUnchanged(applyHardFacts(CLASSES, probabilities(), features('w:hello')));
  });
});
