import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../../helpers/closed-port.js';
import { redisAvailable, startRedis, type TestRedis } from '../../helpers/redis-server.js';
import { runCli, type CliRun } from '../../helpers/run-cli.js';
import { SIGNING_SECRET } from '../../helpers/signed-slack-request.js';
import { FakeDiscordGateway } from '../fakes/fake-discord-gateway.js';
import { FakeDiscordRest } from '../fakes/fake-discord-rest.js';
import { FakeSlackWebApi } from '../fakes/fake-slack-web-api.js';

const REVOKED_BOT_TOKEN = 'xoxb-revoked-1';
const REVOKED_APP_TOKEN = 'xapp-1-A0APP-1-revoked';
const APP_TOKEN = 'xapp-1-A0APP-1-abcdef';

let slack: FakeSlackWebApi;
let rest: FakeDiscordRest;
let gateway: FakeDiscordGateway;
let taken: Server;
let takenPort: number;

beforeAll(async () => {
  slack = await new FakeSlackWebApi().start();
  slack.rejectToken(REVOKED_BOT_TOKEN);
  slack.rejectToken(REVOKED_APP_TOKEN);
  rest = await new FakeDiscordRest().start();
  gateway = await new FakeDiscordGateway().start();
  rest.gatewayUrl = gateway.url;
  // Another process already listens on this port (on every address, as the bot would).
  taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, resolve));
  takenPort = (taken.address() as { port: number }).port;
});
afterAll(async () => {
  await Promise.all([slack?.close(), rest?.close(), gateway?.close()]);
  await new Promise<void>((resolve) => (taken ? taken.close(() => resolve()) : resolve()));
});

/** The built bot process, given at most 15 s to end by itself (it used to hang forever). */
async function runBot(env: Record<string, string>): Promise<CliRun> {
  return runCli([], { env: { PORT: String(await closedPort()), ...env }, timeoutMs: 15_000 });
}

/** Exited by itself, non-zero, having said exactly `line` (logs are silenced in these runs). */
function expectFatal(run: CliRun, line: string | RegExp) {
  expect(run.code, `stderr: ${run.stderr}`).not.toBeNull();
  expect(run.code).not.toBe(0);
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  if (typeof line === 'string') expect(lines[0]).toBe(`aperture-doctor: ${line}`);
  else expect(lines[0]).toMatch(line);
}

const slackApi = () => `${slack.url}/api/`;

describe('a platform that fails to start ends the process', () => {
  it('GIVEN Slack Socket Mode and a bot token Slack rejects THEN exits non-zero naming SLACK_BOT_TOKEN', async () => {
    const run = await runBot({
      SLACK_BOT_TOKEN: REVOKED_BOT_TOKEN,
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_API_URL: slackApi(),
    });
    expectFatal(run, 'SLACK_BOT_TOKEN was rejected by Slack (invalid_auth)');
  });

  it('GIVEN Slack Socket Mode and an app token Slack rejects THEN exits non-zero naming SLACK_APP_TOKEN', async () => {
    const run = await runBot({
      SLACK_BOT_TOKEN: 'xoxb-test-1',
      SLACK_APP_TOKEN: REVOKED_APP_TOKEN,
      SLACK_API_URL: slackApi(),
    });
    expectFatal(run, 'SLACK_APP_TOKEN was rejected by Slack (invalid_auth)');
  });

  it('GIVEN a Slack Web API that nothing answers THEN exits non-zero naming SLACK_API_URL', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/api/`;
    const run = await runBot({
      SLACK_BOT_TOKEN: 'xoxb-test-1',
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_API_URL: url,
    });
    expectFatal(
      run,
      new RegExp(`^aperture-doctor: Slack Web API unreachable at SLACK_API_URL=${url}`),
    );
  });

  it('GIVEN Slack Socket Mode and PORT taken by another process THEN exits non-zero naming PORT', async () => {
    const run = await runBot({
      SLACK_BOT_TOKEN: 'xoxb-test-1',
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_API_URL: slackApi(),
      PORT: String(takenPort),
    });
    expectFatal(run, `PORT ${takenPort} is in use`);
  });

  it('GIVEN a Discord token Discord rejects THEN exits non-zero naming DISCORD_TOKEN', async () => {
    rest.failNext('GET /gateway/bot', 1, {
      status: 401,
      body: { message: '401: Unauthorized', code: 0 },
    });
    const run = await runBot({ DISCORD_TOKEN: 'ODk.revoked.token', DISCORD_API_URL: rest.url });
    expectFatal(run, 'DISCORD_TOKEN was rejected by Discord (401 Unauthorized)');
  });

  it('GIVEN a Discord API that nothing answers THEN exits non-zero naming DISCORD_API_URL', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/api`;
    const run = await runBot({ DISCORD_TOKEN: 'ODk.fake.discord-token', DISCORD_API_URL: url });
    expectFatal(
      run,
      new RegExp(`^aperture-doctor: Discord gateway unreachable at DISCORD_API_URL=${url}`),
    );
  });
});

describe('Slack HTTP mode and Discord name the variable too', () => {
  it('GIVEN Slack HTTP mode and a bot token Slack rejects THEN exits non-zero naming SLACK_BOT_TOKEN', async () => {
    const run = await runBot({
      SLACK_BOT_TOKEN: REVOKED_BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slackApi(),
    });
    expectFatal(run, 'SLACK_BOT_TOKEN was rejected by Slack (invalid_auth)');
  });

  it('GIVEN Slack HTTP mode and a Slack Web API that nothing answers THEN exits non-zero naming SLACK_API_URL', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/api/`;
    const run = await runBot({
      SLACK_BOT_TOKEN: 'xoxb-test-1',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: url,
    });
    expectFatal(
      run,
      new RegExp(`^aperture-doctor: Slack Web API unreachable at SLACK_API_URL=${url}`),
    );
  });

  it('GIVEN Slack HTTP mode and PORT taken by another process THEN exits non-zero naming PORT', async () => {
    const run = await runBot({
      SLACK_BOT_TOKEN: 'xoxb-test-1',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slackApi(),
      PORT: String(takenPort),
    });
    expectFatal(run, `PORT ${takenPort} is in use`);
  });

  it('GIVEN Discord and PORT taken by another process THEN exits non-zero naming PORT', async () => {
    const run = await runBot({
      DISCORD_TOKEN: 'ODk.fake.discord-token',
      DISCORD_API_URL: rest.url,
      PORT: String(takenPort),
    });
    expectFatal(run, `PORT ${takenPort} is in use`);
  });
});

describe.runIf(redisAvailable())('a platform that fails to start with REDIS_URL set', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('GIVEN Slack HTTP mode and a bot token Slack rejects THEN exits non-zero naming SLACK_BOT_TOKEN', async () => {
    const run = await runBot({
      SLACK_BOT_TOKEN: REVOKED_BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slackApi(),
      REDIS_URL: redis.url,
    });
    expectFatal(run, 'SLACK_BOT_TOKEN was rejected by Slack (invalid_auth)');
  });

  it('GIVEN Slack HTTP mode and PORT taken by another process THEN exits non-zero naming PORT', async () => {
    const run = await runBot({
      SLACK_BOT_TOKEN: 'xoxb-test-1',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slackApi(),
      REDIS_URL: redis.url,
      PORT: String(takenPort),
    });
    expectFatal(run, `PORT ${takenPort} is in use`);
  });

  it('GIVEN Discord behind the gateway lock and a token Discord rejects THEN exits non-zero naming DISCORD_TOKEN', async () => {
    rest.failNext('GET /gateway/bot', 1, {
      status: 401,
      body: { message: '401: Unauthorized', code: 0 },
    });
    const run = await runBot({
      DISCORD_TOKEN: 'ODk.revoked.token',
      DISCORD_API_URL: rest.url,
      REDIS_URL: redis.url,
    });
    expectFatal(run, 'DISCORD_TOKEN was rejected by Discord (401 Unauthorized)');
  });
});
