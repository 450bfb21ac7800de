import { describe, expect, it } from 'vitest';
import { SYMPTOMS } from '../../../../src/core/knowledge/index.js';
import { symptomEntrySchema } from '../../../../src/core/knowledge/symptom-entry.js';

/** The schema is checked here rather than at import, so no command pays for loading zod. */
describe('the knowledge entries', () => {
  it.each(SYMPTOMS.map((entry) => [entry.id, entry] as const))(
    'the %s entry passes the symptom entry schema',
    (_id, entry) => {
      const parsed = symptomEntrySchema.safeParse(entry);
      expect(parsed.success ? '' : parsed.error.message).toBe('');
    },
  );

  it.each(SYMPTOMS.map((entry) => [entry.id, entry] as const))(
    'the %s entry is loaded as the schema would give it, its defaults filled in',
    (_id, entry) => {
      expect(symptomEntrySchema.parse(entry)).toStrictEqual(entry);
    },
  );

  it('the schema refuses an entry the loader would have let through', () => {
    const [first] = SYMPTOMS;
    const broken = { ...first, steps: [], docsUrl: 'not a url' };
    expect(symptomEntrySchema.safeParse(broken).success).toBe(false);
  });
});
