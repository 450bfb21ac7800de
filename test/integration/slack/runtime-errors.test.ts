import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/runtime/logger.js';
import { postEvent, waitFor } from '../../helpers/signed-slack-request.js';
import { messageEnvelope, nextTs, startSlackBot } from './slack-harness.js';

let bot: Awaited<ReturnType<typeof startSlackBot>> | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

describe('Slack: errors while running name the variable to fix', () => {
  it('GIVEN the bot token is revoked after start THEN the failed reply is logged as SLACK_BOT_TOKEN rejected', async () => {
    const lines: string[] = [];
    bot = await startSlackBot({
      logger: createLogger('info', { write: (line) => lines.push(line) }),
    });
    bot.slack.rejectToken('xoxb-test-token-1');
    await postEvent(
      bot.eventsUrl,
      messageEnvelope({ ts: nextTs(), text: 'curl: (6) Could not resolve host: ai' }),
    );
    const line = await waitFor(() =>
      lines.find((logged) => logged.includes('SLACK_BOT_TOKEN was rejected by Slack')),
    ).catch(() => lines.join(''));
    expect(line).toContain('SLACK_BOT_TOKEN was rejected by Slack (invalid_auth)');
    expect(line).not.toContain('xoxb-test-token-1');
  });
});
