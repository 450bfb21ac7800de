import { describe, expect, it } from 'vitest';
import { analysePaste } from '../../../../src/core/classify/analyse-paste.js';

const firedFor = (text: string): ReadonlySet<string> =>
  analysePaste(text).scores.find((score) => score.symptom === 'quota-429')?.fired ?? new Set();

describe('the quota-429 rule signals', () => {
  it('hear the provider named as the source of a 429 when the gateway is not in sight', () => {
    expect(firedFor('got a 429 from anthropic this morning').has('provider-named-as-source')).toBe(
      true,
    );
  });

  it('do not take Claude Code, a client, for the provider Claude', () => {
    const fired = firedFor('every request from Claude Code gets 429 too many requests');
    expect(fired.has('provider-named-as-source')).toBe(false);
  });
});
