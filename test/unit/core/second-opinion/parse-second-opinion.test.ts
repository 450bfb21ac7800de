import { describe, expect, it } from 'vitest';
import { SYMPTOMS } from '../../../../src/core/knowledge/index.js';
import { buildSecondOpinionPrompt } from '../../../../src/core/second-opinion/build-second-opinion-prompt.js';
import { parseSecondOpinion } from '../../../../src/core/second-opinion/parse-second-opinion.js';

describe('parseSecondOpinion', () => {
  it('GIVEN the asked-for JSON THEN reads the symptom, confidence and why', () => {
    expect(parseSecondOpinion('{"symptom":"magicdns","confidence":0.7,"why":"no DNS"}')).toEqual({
      ok: true,
      symptom: 'magicdns',
      confidence: 0.7,
      why: 'no DNS',
    });
  });

  it('GIVEN none THEN it is an answer, not a failure', () => {
    expect(parseSecondOpinion('{"symptom":"none","confidence":0.9,"why":"chatter"}').ok).toBe(true);
  });

  it.each([
    ['no JSON at all', 'I think it is DNS.'],
    ['broken JSON', '{"symptom": "magicdns", "confidence": }'],
    ['a confidence out of range', '{"symptom":"magicdns","confidence":7,"why":"x"}'],
    ['no symptom', '{"confidence":0.5,"why":"x"}'],
    ['a symptom that is not a string', '{"symptom":["magicdns"],"confidence":0.5}'],
  ])('GIVEN %s THEN it is malformed', (_name, text) => {
    expect(parseSecondOpinion(text)).toEqual({ ok: false, kind: 'malformed' });
  });

  it('GIVEN an id that is not ours THEN it is refused as unknown', () => {
    expect(parseSecondOpinion('{"symptom":"cosmic-rays","confidence":0.9,"why":"x"}')).toEqual({
      ok: false,
      kind: 'unknown-id',
    });
  });

  it('GIVEN a long why THEN it is cut to one short line', () => {
    const why = 'word '.repeat(200);
    const parsed = parseSecondOpinion(JSON.stringify({ symptom: 'https', confidence: 1, why }));
    expect(parsed.ok && parsed.why.length).toBeLessThanOrEqual(300);
  });
});

describe('buildSecondOpinionPrompt', () => {
  it('GIVEN the knowledge base THEN the instruction lists every symptom id with its summary', () => {
    const { system } = buildSecondOpinionPrompt('text');
    for (const entry of SYMPTOMS) expect(system).toContain(`- ${entry.id}: ${entry.summary}`);
  });

  it('GIVEN refused symptoms THEN the instruction names them', () => {
    const { system } = buildSecondOpinionPrompt('text', ['https', 'mullvad']);
    expect(system).toContain('already said it is not: https, mullvad');
  });

  it('GIVEN a very long paste THEN only its head is sent', () => {
    const { user } = buildSecondOpinionPrompt('x'.repeat(50_000));
    expect(user.length).toBeLessThan(7000);
  });
});
