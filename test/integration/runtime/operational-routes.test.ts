import { afterEach, expect, it } from 'vitest';
import type { ChatPlatform } from '../../../src/platforms/chat-platform.js';
import { createConversationObserver } from '../../../src/runtime/conversation-observer.js';
import { createOperationalRoutes } from '../../../src/runtime/health.js';
import { startHttpServer, type RunningHttpServer } from '../../../src/runtime/http-server.js';
import { createMetrics } from '../../../src/runtime/metrics.js';
import { createRecordingLogger } from '../../helpers/recording-logger.js';

function platform(name: ChatPlatform['name'], connected: { value: boolean }): ChatPlatform {
  return { name, isConnected: () => connected.value, start: async () => {}, stop: async () => {} };
}

let server: RunningHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(platforms: ChatPlatform[], metrics = createMetrics()) {
  server = await startHttpServer(
    createOperationalRoutes(() => platforms, metrics),
    0,
    createRecordingLogger(),
    '127.0.0.1',
  );
  return `http://127.0.0.1:${server.port}`;
}

it('answers 503 on /healthz while one configured platform is disconnected, naming it', async () => {
  const base = await serve([
    platform('slack', { value: true }),
    platform('discord', { value: false }),
  ]);
  const response = await fetch(`${base}/healthz`);
  expect(response.status).toBe(503);
  expect(await response.json()).toEqual({
    status: 'unavailable',
    ready: false,
    platforms: [
      { name: 'slack', connected: true },
      { name: 'discord', connected: false },
    ],
  });
});

it('answers 200 on /healthz once every platform is connected', async () => {
  const discord = { value: false };
  const base = await serve([platform('slack', { value: true }), platform('discord', discord)]);
  discord.value = true;
  const response = await fetch(`${base}/healthz`);
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ status: 'ok', ready: true });
});

it('serves the bot metrics and the process metrics in Prometheus text on /metrics', async () => {
  const metrics = createMetrics();
  createConversationObserver(
    metrics,
    createRecordingLogger(),
    [],
  )({
    type: 'diagnosed',
    platform: 'slack',
    symptom: 'https',
    confidence: 0.9,
  });
  const base = await serve([platform('slack', { value: true })], metrics);
  const response = await fetch(`${base}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  const text = await response.text();
  expect(text).toContain('aperture_doctor_diagnoses_total{platform="slack",symptom="https"} 1');
  expect(text).toContain('aperture_doctor_process_resident_memory_bytes');
  expect(text).toContain('# TYPE aperture_doctor_reply_latency_seconds histogram');
});

it('answers 404 for any other path', async () => {
  const base = await serve([platform('slack', { value: true })]);
  expect((await fetch(`${base}/nope`)).status).toBe(404);
});
