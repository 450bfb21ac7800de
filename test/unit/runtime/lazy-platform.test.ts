import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { ChatPlatform } from '../../../src/platforms/chat-platform.js';
import { createLazyPlatform } from '../../../src/runtime/lazy-platform.js';

it('loads the platform only when it starts, then delegates to it', async () => {
  // given
  const calls: string[] = [];
  let connected = false;
  const real: ChatPlatform = {
    name: 'discord',
    isConnected: () => connected,
    start: async () => {
      connected = true;
      calls.push('start');
    },
    stop: async () => {
      connected = false;
      calls.push('stop');
    },
  };
  const lazy = createLazyPlatform('discord', async () => {
    calls.push('load');
    return real;
  });
  // then: nothing loaded, not connected, and stopping before start is harmless
  expect(lazy.isConnected()).toBe(false);
  await lazy.stop();
  expect(calls).toEqual([]);
  // when
  await lazy.start();
  // then
  expect(lazy.isConnected()).toBe(true);
  await lazy.stop();
  expect(calls).toEqual(['load', 'start', 'stop']);
});

it('keeps the platform SDKs out of the static imports of the composition root', () => {
  // A static import would load discord.js (~45 MB resident) in a Slack-only bot, and Bolt in a
  // Discord-only one.
  const source = readFileSync(
    new URL('../../../src/runtime/platforms.ts', import.meta.url),
    'utf8',
  );
  expect(source).not.toMatch(/^import[^;]*from '\.\.\/platforms\/(slack|discord)\//m);
  expect(source).toMatch(/import\('\.\.\/platforms\/slack\/start-slack\.js'\)/);
  expect(source).toMatch(/import\('\.\.\/platforms\/discord\/start-discord\.js'\)/);
});
