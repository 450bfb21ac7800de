import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeatureVector } from '../../src/core/classify/learned/feature-vector.js';
import {
  decodeModel,
  encodeModel,
  hashFeature,
  predict,
  type EncodedModel,
} from '../../src/core/classify/learned/linear-model.js';
import { tablesFileOf, weightsSource } from '../../scripts/training/paths.js';

const encoded = encodeModel(
  {
    classes: ['none', 'magicdns'],
    bias: Float64Array.from([0.5, -0.5]),
    rows: new Map([[hashFeature('w:resolve'), 0]]),
    weights: Float32Array.from([-1, 1]),
    weightScale: 1,
    temperature: 1,
  },
  { featuresVersion: 1, trainedOn: 'x', noneMargin: 0 },
);

/** Writes the weights module (and, unless told not to, its tables) to a fresh directory. */
function writeWeights(options: { tables: boolean }): string {
  const out = join(mkdtempSync(join(tmpdir(), 'weights-source-')), 'w.generated.ts');
  if (options.tables) writeFileSync(tablesFileOf(out), encoded.tables);
  writeFileSync(out, weightsSource(encoded, out));
  return out;
}

describe('the generated weights module', () => {
  it('reads its tables from the binary file beside it', async () => {
    const { ENCODED_MODEL } = (await import(writeWeights({ tables: true }))) as {
      ENCODED_MODEL: EncodedModel;
    };
    const model = decodeModel(ENCODED_MODEL);
    const features = FeatureVector.of({ 'w:resolve': 1 });
    expect(predict(model, features)[1]).toBeCloseTo(
      predict(decodeModel(encoded), features)[1] ?? 0,
    );
  });

  it('names the missing tables file and how to get it back', async () => {
    const out = writeWeights({ tables: false });
    await expect(import(out)).rejects.toThrow(
      `cannot read the classifier's weights at ${tablesFileOf(out)}`,
    );
    await expect(import(out)).rejects.toThrow('`npm run build` copies them beside this module');
  });
});
