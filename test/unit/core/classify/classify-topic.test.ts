import { describe, expect, it } from 'vitest';
import { classifyText } from '../../../../src/core/classify/classify-text.js';
import { classifyTopic } from '../../../../src/core/classify/classify-topic.js';

describe('classifyTopic', () => {
  it.each([
    ['rate limited', 'quota-429'],
    ['connection refused', 'https'],
    ['Why do I get 403?', 'access-denied'],
    ['401', 'access-denied'],
    ['nxdomain', 'magicdns'],
    ['throttled', 'quota-429'],
    ['my node key expired', 'key-expiry'],
  ])('GIVEN "why %s" THEN answers %s', (words, symptom) => {
    expect(classifyTopic(words)?.symptom).toBe(symptom);
  });

  it('GIVEN words that name no symptom THEN answers nothing', () => {
    expect(classifyTopic('lunch plans')).toBeUndefined();
  });
});

describe('classifyText on a slash command line', () => {
  it('GIVEN "/aperture why 403" THEN names the symptom the topic names', () => {
    expect(classifyText('/aperture why 403')).toMatchObject({ symptom: 'access-denied' });
  });

  it('GIVEN "/aperture why rate limited" THEN names the quota symptom', () => {
    expect(classifyText('/aperture why rate limited').symptom).toBe('quota-429');
  });

  it('GIVEN "/aperture <paste>" THEN diagnoses the paste', () => {
    expect(classifyText('/aperture curl: (6) Could not resolve host: ai').symptom).toBe('magicdns');
  });

  it('GIVEN "/aperture help" THEN names no symptom', () => {
    expect(classifyText('/aperture help').symptom).toBe('none');
  });
});
