import { expect, it } from 'vitest';
import { createMetrics } from '../../../src/runtime/metrics.js';
import { createRecordingLogger } from '../../helpers/recording-logger.js';

async function valueOf(metrics: ReturnType<typeof createMetrics>, name: string, labels: object) {
  const metric = await metrics.registry.getSingleMetric(name)?.get();
  return metric?.values.find((v) =>
    Object.entries(labels).every(([key, value]) => v.labels[key] === value),
  )?.value;
}

it('writes an audit line for every check run: who, where, which check, the result', () => {
  const logger = createRecordingLogger();
  createMetrics().observer(logger)({
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
        channel: 'C1',
        user: 'U1',
        check: 'dns',
        status: 'fail',
        adminOnly: false,
      },
      message: 'follow-up check run',
    },
  ]);
});

it('audits a config-revealing answer to a non-admin as shown to the requester only', async () => {
  const logger = createRecordingLogger();
  const metrics = createMetrics();
  metrics.observer(logger, ['UADMIN'])({
    type: 'check-run',
    platform: 'discord',
    channelId: 'C1',
    userId: 'U2',
    checkId: 'aperture-config',
    status: 'pass',
    adminOnly: true,
  });
  expect(logger.lines[1]?.object).toMatchObject({
    audit: 'admin-only-answer',
    user: 'U2',
    admin: false,
    shownTo: 'requester-only',
  });
  expect(
    await valueOf(metrics, 'aperture_doctor_admin_only_answers_total', { admin: 'false' }),
  ).toBe(1);
});

it('audits a config-revealing answer to an admin as shown in the thread', () => {
  const logger = createRecordingLogger();
  createMetrics().observer(logger, ['UADMIN'])({
    type: 'check-run',
    platform: 'slack',
    channelId: 'C1',
    userId: 'UADMIN',
    checkId: 'tailnet-grant',
    status: 'fail',
    adminOnly: true,
  });
  expect(logger.lines[1]?.object).toMatchObject({ admin: true, shownTo: 'thread' });
});

it('counts diagnoses by symptom and false alarms by the not-it verdict', async () => {
  const metrics = createMetrics();
  const observe = metrics.observer(createRecordingLogger());
  observe({ type: 'diagnosed', platform: 'slack', symptom: 'magicdns', confidence: 0.9 });
  observe({ type: 'diagnosed', platform: 'slack', symptom: 'magicdns', confidence: 0.8 });
  observe({ type: 'feedback', platform: 'slack', symptom: 'magicdns', verdict: 'not-it' });
  expect(await valueOf(metrics, 'aperture_doctor_diagnoses_total', { symptom: 'magicdns' })).toBe(
    2,
  );
  expect(await valueOf(metrics, 'aperture_doctor_feedback_total', { verdict: 'not-it' })).toBe(1);
});
