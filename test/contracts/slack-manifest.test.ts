import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DIAGNOSE_SHORTCUT } from '../../src/platforms/slack/slack-listeners.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const MANIFESTS = {
  'slack-app.yaml': readFileSync(join(ROOT, 'manifests/slack-app.yaml'), 'utf8'),
  'slack-app-http.yaml': readFileSync(join(ROOT, 'manifests/slack-app-http.yaml'), 'utf8'),
};
const socketManifest = MANIFESTS['slack-app.yaml'];
const httpManifest = MANIFESTS['slack-app-http.yaml'];
const SLACK_DIR = join(ROOT, 'src/platforms/slack');
const slackSource = readdirSync(SLACK_DIR)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => readFileSync(join(SLACK_DIR, file), 'utf8'))
  .join('\n');

/**
 * The bot-token scopes each Web API method the code calls needs. A method missing here fails the
 * test below: look it up on its api.slack.com/methods page and add it.
 * @see https://api.slack.com/methods
 */
const SCOPES_BY_METHOD: Record<string, readonly string[]> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.delete': ['chat:write'],
  // One history scope per conversation type the bot is in; it listens in all four.
  'conversations.replies': ['channels:history', 'groups:history', 'im:history', 'mpim:history'],
  'conversations.history': ['channels:history', 'groups:history', 'im:history', 'mpim:history'],
  'conversations.info': ['channels:read', 'groups:read', 'im:read', 'mpim:read'],
  // The requester's email (profile.email) needs users:read.email on top of users:read.
  'users.info': ['users:read', 'users:read.email'],
  'reactions.add': ['reactions:write'],
  'reactions.remove': ['reactions:write'],
  'views.open': [],
  'views.update': [],
};

/**
 * The bot events each Bolt event listener needs, and the scope each event needs.
 * @see https://api.slack.com/events
 */
const EVENTS_BY_LISTENER: Record<string, readonly string[]> = {
  message: ['message.channels', 'message.groups', 'message.im', 'message.mpim'],
  app_mention: ['app_mention'],
};
const SCOPE_BY_EVENT: Record<string, string> = {
  'message.channels': 'channels:history',
  'message.groups': 'groups:history',
  'message.im': 'im:history',
  'message.mpim': 'mpim:history',
  app_mention: 'app_mentions:read',
};

/** The `- item` lines of the YAML list under `key:` (the manifest is flat enough for this). */
function yamlList(manifest: string, key: string): string[] {
  const lines = manifest.split('\n');
  const start = lines.findIndex((line) => line.trim() === `${key}:`);
  if (start < 0) return [];
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const item = /^\s+- (\S+)\s*$/.exec(line);
    if (!item) break;
    items.push(item[1]!);
  }
  return items;
}

const calledMethods = [...slackSource.matchAll(/\bclient\.(\w+)\s*\.(\w+)\(/g)].map(
  ([, family, method]) => `${family}.${method}`,
);
const listenedEvents = [...slackSource.matchAll(/\bapp\.event\('(\w+)'/g)].map(([, name]) => name!);
const usesCommands = /\bapp\.(command|shortcut)\(/.test(slackSource);

describe.each(Object.entries(MANIFESTS))('manifests/%s', (_name, manifest) => {
  it('GIVEN the listeners THEN declares the /aperture command and their shortcut', () => {
    expect(manifest).toMatch(/command: \/aperture\b/);
    expect(manifest).toContain(`callback_id: ${DIAGNOSE_SHORTCUT}`);
  });

  it('GIVEN the Web API methods the code calls THEN each has known scopes', () => {
    expect(calledMethods.length).toBeGreaterThan(0);
    expect(calledMethods.filter((method) => !(method in SCOPES_BY_METHOD))).toEqual([]);
  });

  it('GIVEN the events the code listens to THEN subscribes to exactly their bot events', () => {
    expect(listenedEvents.filter((name) => !(name in EVENTS_BY_LISTENER))).toEqual([]);
    const expected = new Set(listenedEvents.flatMap((name) => EVENTS_BY_LISTENER[name] ?? []));
    expect(new Set(yamlList(manifest, 'bot_events'))).toEqual(expected);
  });

  it('GIVEN the methods, events and commands the code uses THEN requests exactly their scopes', () => {
    const expected = new Set([
      ...calledMethods.flatMap((method) => SCOPES_BY_METHOD[method] ?? []),
      ...yamlList(manifest, 'bot_events').map(
        (event) => SCOPE_BY_EVENT[event] ?? `unknown:${event}`,
      ),
      ...(usesCommands ? ['commands'] : []),
    ]);
    expect(new Set(yamlList(manifest, 'bot'))).toEqual(expected);
  });

  it('GIVEN buttons THEN turns on interactivity', () => {
    expect(manifest).toMatch(/interactivity:\n\s+is_enabled: true/);
  });
});

/** The manifest's lines that are not comments: what Slack reads. */
const settingLines = (manifest: string) =>
  manifest.split('\n').filter((line) => !line.startsWith('#'));

describe('the two Slack manifests', () => {
  it('GIVEN Socket Mode is the default THEN slack-app.yaml turns Socket Mode on and has no request URLs', () => {
    expect(socketManifest).toMatch(/socket_mode_enabled: true/);
    expect(settingLines(socketManifest).join('\n')).not.toMatch(/url: /);
  });

  it('GIVEN HTTP mode THEN slack-app-http.yaml turns Socket Mode off and sends the command, events and interactivity to /slack/events', () => {
    expect(httpManifest).toMatch(/socket_mode_enabled: false/);
    const urls = settingLines(httpManifest).filter((line) => /url: /.test(line));
    expect(urls.map((line) => line.trim())).toEqual([
      'url: https://YOUR-HOST/slack/events',
      'request_url: https://YOUR-HOST/slack/events',
      'request_url: https://YOUR-HOST/slack/events',
    ]);
    expect(httpManifest).toMatch(/slash_commands:[\s\S]*url: https:\/\/YOUR-HOST\/slack\/events/);
    expect(httpManifest).toMatch(/event_subscriptions:\n\s+request_url: /);
    expect(httpManifest).toMatch(/interactivity:\n\s+is_enabled: true\n\s+request_url: /);
  });

  it('GIVEN the HTTP variant THEN it differs from slack-app.yaml only in its request URLs and Socket Mode', () => {
    const withoutHttpLines = settingLines(httpManifest).filter((line) => !/url: /.test(line));
    expect(
      withoutHttpLines
        .join('\n')
        .replace('socket_mode_enabled: false', 'socket_mode_enabled: true'),
    ).toBe(settingLines(socketManifest).join('\n'));
  });
});
