import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/runtime/config.js';
import { PLATFORMS } from '../../../src/runtime/platforms.js';
import { startBot, type PlatformEntry } from '../../../src/runtime/start-bot.js';
import { closedPort } from '../../helpers/closed-port.js';
import { SIGNING_SECRET, postEvent, waitFor } from '../../helpers/signed-slack-request.js';
import { FakeSlackWebApi } from '../fakes/fake-slack-web-api.js';
import { DENIED_PASTE, messageEnvelope, nextTs } from '../slack/slack-harness.js';
import { waitForHealthy } from '../../helpers/wait-for-healthy.js';

let slack: FakeSlackWebApi | undefined;
afterEach(async () => {
  await slack?.close();
});

/** The real composition root with Slack in HTTP mode against the fake Web API. */
async function runBot() {
  slack = await new FakeSlackWebApi().start();
  const port = await closedPort();
  const loaded = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-1',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: `${slack.url}/api/`,
    PORT: String(port),
    LOG_LEVEL: 'silent',
    APERTURE_URL: 'http://127.0.0.1:39',
  });
  if (!loaded.ok) throw new Error('config');
  let stop!: () => void;
  const until = new Promise<void>((resolve) => (stop = resolve));
  const stdin = Object.assign(new (await import('node:stream')).PassThrough(), { isTTY: false });
  const running = startBot(
    loaded.config,
    { stdin, stdout: process.stdout },
    { platforms: PLATFORMS, until },
  );
  const base = `http://127.0.0.1:${port}`;
  await waitForHealthy(`${base}/healthz`);
  return { base, events: `${base}/slack/events`, stop, running };
}

describe('the bot process', () => {
  it('serves /healthz as ready with every configured platform connected', async () => {
    const bot = await runBot();
    const health = await fetch(`${bot.base}/healthz`).then((r) => r.json());
    expect(health).toEqual({ status: 'ok', platforms: { slack: true } });
    bot.stop();
    await bot.running;
  });

  it("serves /livez on Bolt's own server in Slack HTTP mode, for a liveness probe", async () => {
    const bot = await runBot();
    const live = await fetch(`${bot.base}/livez`);
    expect([live.status, await live.json()]).toEqual([200, { status: 'alive' }]);
    bot.stop();
    await bot.running;
  });

  it('counts events and diagnoses on /metrics', async () => {
    const bot = await runBot();
    await postEvent(bot.events, messageEnvelope({ ts: nextTs(), text: DENIED_PASTE }));
    await waitFor(() => slack!.deliveredTo('chat.postMessage').length === 1);
    // The latency is observed once the Web API call resolves, a moment after the fake records it.
    let metrics = '';
    for (let i = 0; i < 100 && !metrics.includes('reply_latency_seconds_count'); i++) {
      metrics = await fetch(`${bot.base}/metrics`).then((r) => r.text());
    }
    expect(metrics).toMatch(/aperture_doctor_events_received_total\{platform="slack"\} 1/);
    expect(metrics).toMatch(
      /aperture_doctor_diagnoses_total\{platform="slack",symptom="access-denied"\} 1/,
    );
    expect(metrics).toMatch(/aperture_doctor_reply_latency_seconds_count\{platform="slack"\} 1/);
    bot.stop();
    await bot.running;
  });

  it('GIVEN a stop while a reply is in flight THEN finishes delivering it before exiting', async () => {
    const bot = await runBot();
    slack!.delayNext('chat.postMessage', 700);
    await postEvent(bot.events, messageEnvelope({ ts: nextTs(), text: DENIED_PASTE }));
    await waitFor(() => slack!.callsTo('chat.postMessage').length === 1);
    bot.stop();
    await bot.running;
    expect(slack!.deliveredTo('chat.postMessage')).toHaveLength(1);
  });
});

describe('the bot process when a platform fails after starting', () => {
  it('GIVEN a platform that reports a fatal error later (a standby taking over) THEN startBot stops it and rejects with that error', async () => {
    // given: a platform that starts, then reports that it cannot go on
    const loaded = loadConfig({ DISCORD_TOKEN: 'ODk.fake', PORT: String(await closedPort()) });
    if (!loaded.ok) throw new Error('config');
    const events: string[] = [];
    let report!: (error: Error) => void;
    const entry: PlatformEntry = {
      enabled: () => true,
      create: ({ fatal }) => {
        report = fatal;
        return {
          name: 'discord',
          isConnected: () => true,
          start: async () => void events.push('started'),
          stop: async () => void events.push('stopped'),
        };
      },
    };
    const stdin = Object.assign(new (await import('node:stream')).PassThrough(), { isTTY: false });
    const running = startBot(
      loaded.config,
      { stdin, stdout: process.stdout },
      { platforms: [entry] },
    );
    await waitFor(() => events.includes('started'));
    // when
    report(new Error('DISCORD_TOKEN was rejected by Discord (401 Unauthorized)'));
    // then
    await expect(running).rejects.toThrow('DISCORD_TOKEN was rejected by Discord');
    expect(events).toEqual(['started', 'stopped']);
  });
});
