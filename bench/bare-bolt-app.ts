/**
 * The floor for bench:e2e: a Bolt app in HTTP mode that only acks and echoes each message into its
 * thread, with the same client settings as the real bot.
 */
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
  const message = event as { channel: string; ts: string; text?: string };
  await client.chat.postMessage({
    channel: message.channel,
    thread_ts: message.ts,
    text: message.text ?? '',
  });
});
await app.start(Number(process.env.PORT));
process.stdout.write('ready\n');
