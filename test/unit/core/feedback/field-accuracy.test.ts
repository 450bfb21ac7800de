import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { answerCommand } from '../../../../src/core/conversation/answer-command.js';
import type { FeedbackExample } from '../../../../src/core/feedback/feedback-example.js';
import { fieldAccuracy, fieldAccuracyLines } from '../../../../src/core/feedback/field-accuracy.js';
import { FileFeedbackStore } from '../../../../src/runtime/feedback/file-feedback-store.js';
import { createMetrics } from '../../../../src/runtime/metrics.js';
import { ADMIN, MEMBER, buildConversationDeps } from '../../../helpers/build-conversation-deps.js';

const AT = Date.UTC(2026, 10, 22, 12);
const dir = mkdtempSync(join(tmpdir(), 'field-accuracy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const verdict = (
  predicted: FeedbackExample['predicted'],
  label: FeedbackExample['label'],
): FeedbackExample => ({
  text: `a paste about ${predicted}`,
  predicted,
  confidence: 0.8,
  label,
  verdict: label === predicted ? 'solved' : label === 'none' ? 'something-else' : 'corrected',
  platform: 'slack',
  at: AT,
  user: '0123456789abcdef',
});

const EXAMPLES = [
  verdict('access-denied', 'access-denied'),
  verdict('access-denied', 'access-denied'),
  verdict('access-denied', 'guardrail-block'),
  verdict('magicdns', 'none'),
];

describe('field accuracy', () => {
  it('GIVEN verdicts THEN counts confirmed, corrected and false alarms per predicted symptom', () => {
    const accuracy = fieldAccuracy(EXAMPLES);
    expect(accuracy.rows).toEqual([
      { symptom: 'access-denied', confirmed: 2, corrected: 1, falseAlarms: 0 },
      { symptom: 'magicdns', confirmed: 0, corrected: 0, falseAlarms: 1 },
    ]);
    expect(accuracy.precision).toBe(0.5);
    expect(fieldAccuracyLines(accuracy).at(-1)).toBe('field precision 50.0 % of 4 verdicts');
  });

  it('GIVEN no verdicts THEN precision is unknown, not zero', () => {
    expect(fieldAccuracy([]).precision).toBeUndefined();
  });

  it('GIVEN a store with verdicts THEN /metrics shows the field precision gauge', async () => {
    const store = new FileFeedbackStore(join(dir, 'gauge.jsonl'), {
      ttlSeconds: 86_400,
      clock: () => AT,
    });
    for (const example of EXAMPLES) await store.record(example);
    const metrics = createMetrics({ feedback: store });
    expect(await metrics.registry.metrics()).toMatch(
      /^aperture_doctor_feedback_field_precision 0\.5$/m,
    );
  });

  it('GIVEN /aperture stats from an admin THEN answers privately with one line per symptom', async () => {
    const { deps } = buildConversationDeps();
    const store = new FileFeedbackStore(join(dir, 'stats.jsonl'), {
      ttlSeconds: 86_400,
      clock: () => AT,
    });
    for (const example of EXAMPLES) await store.record(example);
    const reply = await answerCommand(
      { platform: 'slack', channelId: 'C1', userId: ADMIN.userId, text: 'stats', requester: ADMIN },
      { ...deps, feedback: store },
    );
    expect(reply.private).toBe(true);
    expect(reply.summary).toBe('50.0 % of 4 verdicts confirmed the diagnosis.');
    expect(reply.sections[0]?.body).toBe('`access-denied`: 2 / 1 / 0\n`magicdns`: 0 / 0 / 1');
  });

  it('GIVEN /aperture stats from someone not in ADMIN_USERS THEN says it is for admins', async () => {
    const { deps } = buildConversationDeps();
    const reply = await answerCommand(
      {
        platform: 'slack',
        channelId: 'C1',
        userId: MEMBER.userId,
        text: 'stats',
        requester: MEMBER,
      },
      deps,
    );
    expect(reply.title).toMatch(/is for admins/);
    expect(reply.sections).toEqual([]);
  });
});
