import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/runtime/logger.js';
import { waitFor } from '../../helpers/signed-slack-request.js';
import { messagePayload, startDiscordBot } from './discord-harness.js';

let bot: Awaited<ReturnType<typeof startDiscordBot>> | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

describe('Discord: errors while running name the variable to fix', () => {
  it('GIVEN Discord refuses the token after start THEN the failed reply is logged as DISCORD_TOKEN rejected', async () => {
    const lines: string[] = [];
    bot = await startDiscordBot({
      logger: createLogger('info', { write: (line) => lines.push(line) }),
    });
    const unauthorized = { status: 401, body: { message: '401: Unauthorized', code: 0 } };
    bot.rest.failNext('POST /channels/:id/messages/:id/threads', 1, unauthorized);
    bot.gateway.dispatch('MESSAGE_CREATE', messagePayload('curl: (6) Could not resolve host: ai'));
    const line = await waitFor(() =>
      lines.find((logged) => logged.includes('DISCORD_TOKEN was rejected by Discord')),
    ).catch(() => lines.join(''));
    expect(line).toContain('DISCORD_TOKEN was rejected by Discord (401 Unauthorized)');
  });
});
