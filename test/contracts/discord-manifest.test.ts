import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { discordCommandDefinitions } from '../../src/platforms/discord/discord-command-definitions.js';

const MANIFEST = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../manifests/discord-commands.json',
);

describe('manifests/discord-commands.json', () => {
  it('matches the command definitions (regenerate with npm run manifest:discord)', () => {
    expect(JSON.parse(readFileSync(MANIFEST, 'utf8'))).toEqual(
      JSON.parse(JSON.stringify(discordCommandDefinitions())),
    );
  });

  it('declares /aperture with why, diagnose, check, mute, unmute, doctor, whoami, list and help, and the message context menu', () => {
    const [slash, menu] = discordCommandDefinitions() as Array<{
      name: string;
      type?: number;
      options?: Array<{ name: string }>;
    }>;
    expect(slash?.name).toBe('aperture');
    expect(slash?.options?.map((o) => o.name)).toEqual([
      'why',
      'diagnose',
      'check',
      'mute',
      'unmute',
      'doctor',
      'whoami',
      'stats',
      'list',
      'help',
    ]);
    expect(menu).toMatchObject({ name: 'Diagnose with Aperture Doctor', type: 3 });
  });
});
