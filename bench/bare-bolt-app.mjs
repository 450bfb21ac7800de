// The floor for bench:e2e: a Bolt app in HTTP mode that only acks and echoes each message into
// its thread, with the same client settings as the real bot. Plain JavaScript, run by plain node
// as the bot's compiled dist/cli.js is, so the two compare like with like.
import { App, LogLevel } from '@slack/bolt';

const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? '',
  port: Number(process.env.PORT),
  logLevel: LogLevel.ERROR,
  clientOptions: {
    slackApiUrl: process.env.SLACK_API_URL,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
  },
});
app.event('message', async ({ event, client }) => {
  await client.chat.postMessage({
    channel: event.channel,
    thread_ts: event.ts,
    text: event.text ?? '',
  });
});
await app.start(Number(process.env.PORT));
process.stdout.write('ready\n');
