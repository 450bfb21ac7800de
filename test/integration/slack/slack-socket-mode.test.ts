import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ChatPlatform } from '../../../src/platforms/chat-platform.js';
import { createSlackPlatform } from '../../../src/platforms/slack/start-slack.js';
import { buildConversationDeps } from '../../../src/runtime/build-runtime.js';
import { loadConfig } from '../../../src/runtime/config.js';
import { createSilentLogger } from '../../../src/runtime/logger.js';
import { waitFor } from '../../helpers/signed-slack-request.js';
import { FakeSlackWebApi } from '../fakes/fake-slack-web-api.js';
import { DENIED_PASTE, messageEnvelope, nextTs } from './slack-harness.js';

/** A Socket Mode server: says hello, then hands over an events_api envelope and records the ack. */
let sockets: WebSocketServer;
let slack: FakeSlackWebApi;
let platform: ChatPlatform;
const acks: unknown[] = [];
let connection: WebSocket | undefined;

beforeAll(async () => {
  sockets = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => sockets.once('listening', () => resolve()));
  sockets.on('connection', (socket) => {
    connection = socket;
    socket.on('message', (data) => acks.push(JSON.parse(data.toString())));
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake', approximate_connection_time: 18060 },
        connection_info: { app_id: 'A0APP' },
      }),
    );
  });
  slack = await new FakeSlackWebApi().start();
  slack.socketUrl = `ws://127.0.0.1:${(sockets.address() as AddressInfo).port}/`;
  const config = loadConfig({});
  if (!config.ok) throw new Error('config');
  platform = createSlackPlatform({
    botToken: 'xoxb-test-token-1',
    appToken: 'xapp-1-A0APP-1-abcdef',
    slackApiUrl: `${slack.url}/api/`,
    port: 0,
    conversation: buildConversationDeps(config.config),
    logger: createSilentLogger(),
    adminUsers: [],
  });
  await platform.start();
});

afterAll(async () => {
  await platform.stop();
  for (const client of sockets.clients) client.terminate();
  await new Promise<void>((resolve) => sockets.close(() => resolve()));
  await slack.close();
});

describe('Slack in Socket Mode', () => {
  it('GIVEN a pasted 403 over the socket THEN acks the envelope and replies in the thread', async () => {
    await waitFor(() => connection);
    const ts = nextTs();
    connection?.send(
      JSON.stringify({
        envelope_id: 'env-1',
        type: 'events_api',
        accepts_response_payload: false,
        payload: messageEnvelope({ ts, text: DENIED_PASTE }),
      }),
    );
    await waitFor(() =>
      acks.some((ack) => (ack as { envelope_id?: string }).envelope_id === 'env-1'),
    );
    const [reply] = await waitFor(
      () =>
        slack.deliveredTo('chat.postMessage').length > 0 && slack.deliveredTo('chat.postMessage'),
    );
    expect(reply?.args).toMatchObject({ thread_ts: ts });
    expect(slack.callsTo('apps.connections.open')).toHaveLength(1);
  });
});
