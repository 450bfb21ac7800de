import { describe, expect, it } from 'vitest';
import { analysePaste } from '../../../../../src/core/classify/analyse-paste.js';
import { hashFeature } from '../../../../../src/core/classify/learned/feature-vector.js';
import { featuresOf } from '../../../../../src/core/classify/learned/features.js';
import { tokensOf } from '../../../../../src/core/classify/learned/tokens.js';

const featuresFor = (text: string) => analysePaste(text).features;

describe('the learned layer’s features', () => {
  it('masks every Aperture name to one role, so `ai` and its tailnet name look alike', () => {
    const short = tokensOf(analysePaste('curl: (6) Could not resolve host: ai').facts);
    const long = tokensOf(
      analysePaste('curl: (6) Could not resolve host: ai.tail1234.ts.net').facts,
    );
    expect(short).toContain('zhost_aperture');
    expect(long).toContain('zhost_aperture');
  });

  it('reads another tailnet host as itself, not as the gateway', () => {
    const other = tokensOf(analysePaste('getaddrinfo ENOTFOUND grafana.tail0d1e.ts.net').facts);
    const gateway = tokensOf(analysePaste('getaddrinfo ENOTFOUND ai.tail0d1e.ts.net').facts);
    expect(other).toEqual(['getaddrinfo', 'enotfound', 'zhost_tailnet', 'grafana']);
    expect(gateway).toEqual(['getaddrinfo', 'enotfound', 'zhost_aperture']);
  });

  it.each([
    'found it: base url had /v1 twice. 405 gone',
    'turning the exit node off fixed everything',
    '503 for everybody until i fixed the hook url',
    'in hindsight we should have tagged the gateway',
  ])('marks a problem told as fixed: %s', (text) => {
    expect(featuresFor(text).has('f:resolved')).toBe(true);
  });

  it.each([
    'Resolve-DnsName : ai : DNS name does not exist; could not be resolved',
    '* Host ai:80 was resolved.',
    'the gateway is gone from the machines list',
    'is the instance gone for good?',
  ])('does not mark a lookup or a missing device as fixed: %s', (text) => {
    expect(featuresFor(text).has('f:resolved')).toBe(false);
  });

  it('hashes words as read to the same features as their names, which it keeps when explaining', () => {
    const { facts, scores } = analysePaste('Could not resolve host: ai');
    const plain = featuresOf(facts, scores);
    const explained = featuresOf(facts, scores, { explaining: true });
    expect([...explained]).toEqual([...plain]);
    expect([...plain].map(([hash]) => hash)).toContain(hashFeature('w:resolve'));
    expect(explained.nameOf(hashFeature('b:could not'))).toBe('b:could not');
    expect(plain.nameOf(hashFeature('b:could not'))).toBeUndefined();
  });
});

describe('the words read of a long paste', () => {
  const frames = (count: number) =>
    Array.from(
      { length: count },
      (_, i) => `    at handler${i} (file:///srv/app/lib/index.js:${i}:7)`,
    ).join('\n');

  it('keeps the head and the tail, where the command and the error sit', () => {
    const paste = `curl http://ai/v1/models\n${frames(3_000)}\ncurl: (6) Could not resolve host: ai`;
    const tokens = tokensOf(analysePaste(paste).facts);
    expect(tokens.slice(0, 3)).toEqual(['curl', 'zhttp', 'zhost_aperture']);
    expect(tokens.at(-1)).toBe('zhost_aperture');
    expect(tokens).toContain('resolve');
    expect(tokens.length).toBeLessThanOrEqual(3_500 + 10);
  });

  it('reads every word of a paste shorter than the head and tail together', () => {
    const paste = frames(20);
    const tokens = tokensOf(analysePaste(paste).facts);
    expect(tokens.filter((t) => t.startsWith('handler'))).toHaveLength(20);
  });
});
