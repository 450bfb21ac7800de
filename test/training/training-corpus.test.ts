import { describe, expect, it } from 'vitest';
import { analysePaste } from '../../src/core/classify/analyse-paste.js';
import { normalizePaste } from '../../src/core/classify/normalize-paste.js';
import { NEWER_SYMPTOM_IDS, SEED_SYMPTOM_IDS } from '../../src/core/knowledge/symptom-ids.js';
import { devCorpusCases, nearDuplicates } from '../../scripts/check-training-corpus.js';
import { TRAINING_CORPUS } from '../../scripts/training/paths.js';
import { inShape, readTrainingCases } from '../../scripts/training/training-corpus.js';

const cases = readTrainingCases(TRAINING_CORPUS);
const count = (label: string) => cases.filter((c) => c.label === label).length;

describe('the training corpus', () => {
  it.each(SEED_SYMPTOM_IDS)('holds at least 60 cases of %s', (id) => {
    expect(count(id)).toBeGreaterThanOrEqual(60);
  });

  it.each(NEWER_SYMPTOM_IDS)('holds at least 20 cases of %s', (id) => {
    expect(count(id)).toBeGreaterThanOrEqual(20);
  });

  it('holds at least 250 none cases, 120 of them hard look-alikes', () => {
    expect(count('none')).toBeGreaterThanOrEqual(250);
    expect(
      cases.filter((c) => c.label === 'none' && c.voice === 'look-alike').length,
    ).toBeGreaterThanOrEqual(120);
  });

  it('has no near-duplicates', () => {
    expect(nearDuplicates(cases)).toEqual([]);
  });

  it('copies nothing from the shared dev corpus', () => {
    expect(nearDuplicates(cases, devCorpusCases())).toEqual([]);
  });
});

describe('the shapes training presents a paste in', () => {
  const paste = {
    shape: 'paste' as const,
    text: 'since lunch:\nAPI Error: 403 {"error":"access denied: no role granted"} from <http://ai>',
  };

  it('glue the fence to the error and escape as Slack does', () => {
    expect(inShape(paste, 'slack', 0)).toBe(
      'since lunch:\n```API Error: 403 {"error":"access denied: no role granted"} from &lt;<http://ai>&gt;```',
    );
  });

  it('fence the paste on its own lines with a language tag as Discord users do', () => {
    expect(inShape(paste, 'discord', 1)).toMatch(/^since lunch:\n```bash\nAPI Error/);
  });

  it('normalise back to the facts of the bare paste', () => {
    const bare = analysePaste(paste.text).facts;
    for (const shape of ['slack', 'discord'] as const) {
      const shaped = analysePaste(inShape(paste, shape, 1)).facts;
      expect(shaped.statuses.map((s) => s.code)).toEqual(bare.statuses.map((s) => s.code));
      expect(normalizePaste(inShape(paste, shape, 1))).toContain('access denied: no role granted');
    }
  });
});
