import { describe, expect, it } from 'vitest';
import { CHECK_IDS, CHECK_LABELS } from '../../../../src/core/checks/check-ids.js';
import { createChecks } from '../../../../src/core/checks/checks-registry.js';

const network = {
  fetch: () => Promise.reject(new Error('no network in this test')),
  resolveHost: () => Promise.reject(new Error('no network in this test')),
};

describe('check labels', () => {
  it('say the models check tests the bot’s own identity, not the person’s who clicks', () => {
    expect(CHECK_LABELS.models).toMatch(/\bbot's\b/);
    expect(CHECK_LABELS.models).not.toMatch(/\bmy\b/i);
  });

  it('are the titles the checks give themselves, each at most 40 characters', () => {
    const checks = createChecks(network);
    for (const id of CHECK_IDS) {
      expect(checks.get(id)?.title).toBe(CHECK_LABELS[id]);
      expect(CHECK_LABELS[id].length).toBeLessThanOrEqual(40);
    }
  });
});
