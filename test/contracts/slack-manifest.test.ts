import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DIAGNOSE_SHORTCUT } from '../../src/platforms/slack/slack-listeners.js';

const manifest = readFileSync(
  resolve(dirname(fileURLToPath(import.meta.url)), '../../manifests/slack-app.yaml'),
  'utf8',
);

describe('manifests/slack-app.yaml', () => {
  it('declares the /aperture command and the shortcut the listeners handle', () => {
    expect(manifest).toMatch(/command: \/aperture\b/);
    expect(manifest).toContain(`callback_id: ${DIAGNOSE_SHORTCUT}`);
  });

  it.each([
    'commands',
    'chat:write',
    'app_mentions:read',
    'channels:history',
    'groups:history',
    'im:history',
    'mpim:history',
    'users:read.email',
  ])('requests the %s scope', (scope) => expect(manifest).toMatch(new RegExp(`- ${scope}\\n`)));

  it.each(['message.channels', 'message.groups', 'message.im', 'app_mention'])(
    'subscribes to %s',
    (event) => {
      expect(manifest).toMatch(new RegExp(`- ${event}\\n`));
    },
  );

  it('turns on interactivity and Socket Mode', () => {
    expect(manifest).toMatch(/interactivity:\n\s+is_enabled: true/);
    expect(manifest).toMatch(/socket_mode_enabled: true/);
  });
});
