import { describe, expect, it } from 'vitest';
import { CHECK_IDS } from '../../src/core/checks/check-ids.js';
import { classifyText } from '../../src/core/classify/classify-text.js';
import { SYMPTOMS, findSymptomByTopic } from '../../src/core/knowledge/index.js';
import { SYMPTOM_IDS } from '../../src/core/knowledge/symptom-ids.js';
import { loadOwnCases } from '../corpus/load-corpus.js';

/** The knowledge base is the source of truth; these tests read it and derive their cases (zod's parity idea). */
describe('the knowledge base', () => {
  it('has exactly one entry for every symptom id of DESIGN §1', () => {
    expect(SYMPTOMS.map((s) => s.id).sort()).toEqual([...SYMPTOM_IDS].sort());
  });

  it('refers only to checks that exist', () => {
    for (const entry of SYMPTOMS) for (const id of entry.checkIds) expect(CHECK_IDS).toContain(id);
  });

  it('answers every topic with the entry that declares it (topics are unique)', () => {
    for (const entry of SYMPTOMS) {
      for (const topic of [entry.id, ...entry.topics])
        expect(findSymptomByTopic(topic)?.id, topic).toBe(entry.id);
    }
  });

  it.each(
    SYMPTOMS.flatMap((entry) => entry.examples.map((example) => [entry.id, example] as const)),
  )('classifies the %s example "%s" as its own symptom', (id, example) => {
    expect(classifyText(example).symptom).toBe(id);
  });

  it.each(SYMPTOM_IDS)('has corpus cases for %s', (id) => {
    expect(loadOwnCases().some((c) => c.expected === id)).toBe(true);
  });

  it('accepts the documented topic words', () => {
    const expected: Record<string, string> = {
      '403': 'access-denied',
      denied: 'access-denied',
      grant: 'access-denied',
      dns: 'magicdns',
      hostname: 'magicdns',
      '429': 'quota-429',
      quota: 'quota-429',
      budget: 'quota-429',
      vpn: 'mullvad',
      mullvad: 'mullvad',
      expiry: 'key-expiry',
      unreachable: 'key-expiry',
      tags: 'tagged-identity',
      'same user': 'tagged-identity',
      https: 'https',
      tls: 'https',
      ssl: 'https',
    };
    for (const [topic, id] of Object.entries(expected))
      expect(findSymptomByTopic(topic)?.id, topic).toBe(id);
  });
});
