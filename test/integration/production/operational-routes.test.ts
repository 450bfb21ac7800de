import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import type { ChatPlatform } from '../../../src/platforms/chat-platform.js';
import { operationalRoutes, serveRoutes } from '../../../src/runtime/http-routes.js';
import { createMetrics, type Metrics } from '../../../src/runtime/metrics.js';
import { createRecordingLogger } from '../../helpers/recording-logger.js';

function platform(name: ChatPlatform['name'], connected: { value: boolean }): ChatPlatform {
  return { name, isConnected: () => connected.value, start: async () => {}, stop: async () => {} };
}

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(platforms: ChatPlatform[], metrics: Metrics = createMetrics()) {
  server = await serveRoutes(
    operationalRoutes(() => platforms, metrics),
    0,
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

it('answers 503 on /healthz while one configured platform is disconnected, naming it', async () => {
  const base = await serve([
    platform('slack', { value: true }),
    platform('discord', { value: false }),
  ]);
  const response = await fetch(`${base}/healthz`);
  expect(response.status).toBe(503);
  expect(await response.json()).toMatchObject({ platforms: { slack: true, discord: false } });
});

it('answers 200 on /healthz once every platform is connected', async () => {
  const discord = { value: false };
  const base = await serve([platform('slack', { value: true }), platform('discord', discord)]);
  expect((await fetch(`${base}/healthz`)).status).toBe(503);
  discord.value = true;
  const response = await fetch(`${base}/healthz`);
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ status: 'ok' });
});

it('serves the bot metrics and the process metrics in Prometheus text on /metrics', async () => {
  // given: one diagnosis, one 429, one reply seen and one given up
  const metrics = createMetrics();
  metrics.observer(createRecordingLogger())({
    type: 'diagnosed',
    platform: 'slack',
    symptom: 'https',
    confidence: 0.9,
  });
  metrics.instruments.rateLimited('slack');
  metrics.instruments.replySent('slack', 0.2);
  metrics.instruments.replyGivenUp('slack', 'rate-limited');
  const base = await serve([platform('slack', { value: true })], metrics);
  // when
  const response = await fetch(`${base}/metrics`);
  // then
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  const text = await response.text();
  expect(text).toContain('aperture_doctor_diagnoses_total{platform="slack",symptom="https"} 1');
  expect(text).toContain('aperture_doctor_rate_limited_total{platform="slack"} 1');
  expect(text).toContain('aperture_doctor_reply_latency_seconds_count{platform="slack"} 1');
  expect(text).toContain(
    'aperture_doctor_replies_given_up_total{platform="slack",reason="rate-limited"} 1',
  );
  expect(text).toContain('aperture_doctor_process_resident_memory_bytes');
});

it('answers 404 for any other path', async () => {
  const base = await serve([platform('slack', { value: true })]);
  expect((await fetch(`${base}/nope`)).status).toBe(404);
});
