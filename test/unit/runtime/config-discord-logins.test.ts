import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/runtime/config.js';

describe('DISCORD_LOGINS', () => {
  it('GIVEN id=login pairs THEN maps each Discord user id to its login, lower-cased', () => {
    const loaded = loadConfig({
      DISCORD_LOGINS: '900000000000000010=Lena@Example.com, 900000000000000011=bob@example.com',
    });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    expect([...loaded.config.DISCORD_LOGINS]).toEqual([
      ['900000000000000010', 'lena@example.com'],
      ['900000000000000011', 'bob@example.com'],
    ]);
  });

  it('GIVEN nothing THEN the map is empty', () => {
    const loaded = loadConfig({});
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    expect(loaded.config.DISCORD_LOGINS.size).toBe(0);
  });

  it('GIVEN an entry without "=" THEN names the variable and the expected shape, not the value', () => {
    const loaded = loadConfig({ DISCORD_LOGINS: 'lena@example.com' });
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.problems).toEqual([
      {
        variable: 'DISCORD_LOGINS',
        expected: 'comma-separated discordUserId=login@example.com pairs',
        got: 'a value of 16 characters (not shown: it is a secret)',
      },
    ]);
  });
});
