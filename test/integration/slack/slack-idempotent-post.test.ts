import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  REPLY_EVENT_TYPE,
  idempotentPostMessage,
} from '../../../src/platforms/slack/slack-idempotent-post.js';
import { createRecordingLogger } from '../../helpers/recording-logger.js';
import { FakeSlackWebApi } from '../fakes/fake-slack-web-api.js';
import { nextTs } from './slack-harness.js';

const CHANNEL = 'C0IDEM';
let slack: FakeSlackWebApi;
let client: WebClient;

beforeEach(async () => {
  slack = await new FakeSlackWebApi().start();
  // No retries of its own and a short timeout, as the bot configures it (with 10 s).
  client = new WebClient('xoxb-test-1', {
    slackApiUrl: `${slack.url}/api/`,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 300,
  });
});
afterEach(async () => {
  await slack.close();
});

/** The first attempt fails as a timeout does; the second is the queue's retry. */
async function twoAttempts(post: () => Promise<{ ts?: string }>) {
  await expect(post()).rejects.toMatchObject({ code: 'slack_webapi_request_error' });
  return post();
}

describe('a Slack reply that is safe to retry', () => {
  it('GIVEN a thread reply Slack posted but answered too late THEN the retry returns it and posts nothing', async () => {
    // given
    const thread = nextTs();
    slack.delayNext('chat.postMessage', 600);
    const post = idempotentPostMessage(
      client,
      { channel: CHANNEL, thread_ts: thread, text: 'diagnosis' },
      createRecordingLogger(),
    );
    // when
    const result = await twoAttempts(post);
    // then
    const posted = slack.postedIn(CHANNEL);
    expect(posted).toHaveLength(1);
    expect(result.ts).toBe(posted[0]?.ts);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(slack.callsTo('conversations.replies')[0]?.args).toMatchObject({
      channel: CHANNEL,
      ts: thread,
      include_all_metadata: 'true',
    });
  });

  it('GIVEN a top-level reply Slack posted but answered too late THEN the retry finds it in the channel history', async () => {
    slack.delayNext('chat.postMessage', 600);
    const post = idempotentPostMessage(
      client,
      { channel: CHANNEL, text: 'diagnosis' },
      createRecordingLogger(),
    );
    const result = await twoAttempts(post);
    expect(slack.postedIn(CHANNEL)).toHaveLength(1);
    expect(result.ts).toBe(slack.postedIn(CHANNEL)[0]?.ts);
    expect(slack.callsTo('conversations.history')).toHaveLength(1);
  });

  it('GIVEN a first attempt Slack never carried out THEN the retry looks, finds nothing and posts once', async () => {
    const thread = nextTs();
    slack.hangNext('chat.postMessage', 1);
    const post = idempotentPostMessage(
      client,
      { channel: CHANNEL, thread_ts: thread, text: 'diagnosis' },
      createRecordingLogger(),
    );
    const result = await twoAttempts(post);
    expect(slack.postedIn(CHANNEL).map((message) => message.ts)).toEqual([result.ts]);
    expect(slack.callsTo('conversations.replies')).toHaveLength(1);
  });

  it('GIVEN another reply in the thread with its own marker THEN the retry is not fooled by it', async () => {
    // given: an earlier, different reply of the bot in the same thread
    const thread = nextTs();
    const logger = createRecordingLogger();
    await idempotentPostMessage(
      client,
      { channel: CHANNEL, thread_ts: thread, text: 'first' },
      logger,
    )();
    slack.hangNext('chat.postMessage', 1);
    const post = idempotentPostMessage(
      client,
      { channel: CHANNEL, thread_ts: thread, text: 'second' },
      logger,
    );
    // when
    await twoAttempts(post);
    // then
    expect(slack.postedIn(CHANNEL).map((message) => message.text)).toEqual(['first', 'second']);
  });

  it('GIVEN a long thread THEN the lookup pages through it to the marker', async () => {
    // given: 250 replies in the thread, then ours, posted late
    const thread = nextTs();
    for (let i = 0; i < 250; i++)
      await client.chat.postMessage({ channel: CHANNEL, thread_ts: thread, text: `chatter ${i}` });
    slack.delayNext('chat.postMessage', 600);
    const post = idempotentPostMessage(
      client,
      { channel: CHANNEL, thread_ts: thread, text: 'diagnosis' },
      createRecordingLogger(),
    );
    // when
    await twoAttempts(post);
    // then
    expect(slack.postedIn(CHANNEL).filter((m) => m.text === 'diagnosis')).toHaveLength(1);
    expect(slack.callsTo('conversations.replies').length).toBeGreaterThan(1);
  });

  it('GIVEN every reply THEN it carries the marker in its message metadata', async () => {
    await idempotentPostMessage(
      client,
      { channel: CHANNEL, thread_ts: nextTs(), text: 'diagnosis' },
      createRecordingLogger(),
    )();
    expect(slack.postedIn(CHANNEL)[0]?.metadata).toEqual({
      event_type: REPLY_EVENT_TYPE,
      event_payload: { reply_id: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    });
  });
});
