import { describe, expect, it } from 'vitest';
import { warmUpClassifier } from '../../../../src/core/classify/warm-up.js';
import { SYMPTOMS } from '../../../../src/core/knowledge/index.js';

describe('warmUpClassifier', () => {
  it('classifies every knowledge entry’s examples once', () => {
    const examples = SYMPTOMS.reduce((sum, entry) => sum + entry.examples.length, 0);
    expect(warmUpClassifier()).toBe(examples);
  });
});
