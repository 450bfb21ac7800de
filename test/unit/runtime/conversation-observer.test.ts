import { expect, it } from 'vitest';
import { createConversationObserver } from '../../../src/runtime/conversation-observer.js';
import { createMetrics } from '../../../src/runtime/metrics.js';
import { createRecordingLogger } from '../../helpers/recording-logger.js';

async function valueOf(metrics: ReturnType<typeof createMetrics>, name: string, labels: object) {
  const metric = await metrics.registry.getSingleMetric(name)?.get();
  return metric?.values.find((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x))
    ?.value;
}

it('writes an audit line for every check run with who, where, which check and the result', () => {
  const logger = createRecordingLogger();
  const observe = createConversationObserver(createMetrics(), logger, []);
  observe({
    type: 'check-run',
    platform: 'slack',
    channelId: 'C1',
    userId: 'U1',
    checkId: 'dns',
    status: 'fail',
    adminOnly: false,
  });
  expect(logger.lines).toEqual([
    {
      level: 'info',
      object: {
        audit: 'check-run',
        platform: 'slack',
        channelId: 'C1',
        userId: 'U1',
        checkId: 'dns',
        result: 'fail',
        adminOnly: false,
      },
      message: 'audit: check run',
    },
  ]);
});

it('audits a config-revealing answer to a non-admin as shown to the requester only', async () => {
  const logger = createRecordingLogger();
  const metrics = createMetrics();
  const observe = createConversationObserver(metrics, logger, ['UADMIN']);
  observe({
    type: 'check-run',
    platform: 'discord',
    channelId: 'C1',
    userId: 'U2',
    checkId: 'aperture-config',
    status: 'could-not-run',
    adminOnly: true,
  });
  expect(logger.lines[1]?.object).toMatchObject({
    audit: 'admin-only-answer',
    requesterIsAdmin: false,
    shownTo: 'requester-only',
  });
  expect(
    await valueOf(metrics, 'aperture_doctor_admin_only_answers_total', { requester: 'non-admin' }),
  ).toBe(1);
});

it('counts diagnoses by symptom and false alarms by the not-it verdict', async () => {
  const metrics = createMetrics();
  const observe = createConversationObserver(metrics, createRecordingLogger(), []);
  observe({ type: 'diagnosed', platform: 'slack', symptom: 'magicdns', confidence: 0.9 });
  observe({ type: 'diagnosed', platform: 'slack', symptom: 'magicdns', confidence: 0.8 });
  observe({ type: 'feedback', platform: 'slack', symptom: 'magicdns', verdict: 'not-it' });
  expect(await valueOf(metrics, 'aperture_doctor_diagnoses_total', { symptom: 'magicdns' })).toBe(
    2,
  );
  expect(await valueOf(metrics, 'aperture_doctor_feedback_total', { verdict: 'not-it' })).toBe(1);
  expect(
    await valueOf(metrics, 'aperture_doctor_events_received_total', { kind: 'diagnosis' }),
  ).toBe(2);
});
