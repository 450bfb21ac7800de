import { describe, expect, it } from 'vitest';
import { discordErrorFix } from '../../../../src/platforms/discord/discord-error-fix.js';

const API = 'http://127.0.0.1:9/api';

describe('discordErrorFix', () => {
  it('names DISCORD_TOKEN for a 401, and for the calls discord.js refuses after it dropped the token', () => {
    expect(discordErrorFix({ status: 401, message: '401: Unauthorized' }, API)).toBe(
      'DISCORD_TOKEN was rejected by Discord (401 Unauthorized)',
    );
    const dropped = new Error('Expected token to be set for this request, but none was present');
    expect(discordErrorFix(dropped, API)).toBe(
      'DISCORD_TOKEN was rejected by Discord (401 Unauthorized)',
    );
  });

  it('names DISCORD_API_URL and the socket error when Discord cannot be reached', () => {
    const error = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    });
    expect(discordErrorFix(error, API)).toBe(
      `cannot reach Discord at DISCORD_API_URL=${API} (ECONNREFUSED)`,
    );
  });

  it('says nothing for an error about one message (403 Missing Permissions)', () => {
    expect(discordErrorFix({ status: 403, message: 'Missing Permissions' }, API)).toBeUndefined();
    expect(discordErrorFix(new Error('something else'), API)).toBeUndefined();
  });
});
