import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APPLICATION_ID, FakeDiscordRest, GUILD_ID } from '../fakes/fake-discord-rest.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const TOKEN = 'MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs';
const MANIFEST = JSON.parse(
  readFileSync(join(ROOT, 'manifests/discord-commands.json'), 'utf8'),
) as Array<Record<string, unknown>>;

/**
 * What an image holds: `dist/` (built by `npm test`), package.json and the installed packages,
 * without src/, scripts/ or tsx on any path the command could use.
 */
let image: string;

function runImageCli(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(image, 'dist/cli.js'), 'register-discord'], {
      cwd: image,
      env: { PATH: '/usr/bin:/bin', LOG_LEVEL: 'silent', ...env },
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
    child.stdin.end();
  });
}

describe(
  'aperture-doctor register-discord, run from the built dist/ alone',
  { timeout: 40_000 },
  () => {
    let discord: FakeDiscordRest;

    beforeAll(() => {
      image = mkdtempSync(join(tmpdir(), 'aperture-doctor-image-'));
      cpSync(join(ROOT, 'dist'), join(image, 'dist'), { recursive: true });
      cpSync(join(ROOT, 'package.json'), join(image, 'package.json'));
      symlinkSync(join(ROOT, 'node_modules'), join(image, 'node_modules'));
    });
    afterAll(() => {
      rmSync(image, { recursive: true, force: true });
    });
    beforeEach(async () => {
      discord = await new FakeDiscordRest().start();
      return () => discord.close();
    });

    it('overwrites the guild commands with the manifest, as the bot, and says how many', async () => {
      const run = await runImageCli({
        DISCORD_TOKEN: TOKEN,
        DISCORD_APPLICATION_ID: APPLICATION_ID,
        DISCORD_GUILD_ID: GUILD_ID,
        DISCORD_API_URL: discord.url,
      });
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toBe(`registered ${MANIFEST.length} commands in guild ${GUILD_ID}\n`);
      const path = `/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`;
      expect(discord.calls.map((call) => [call.method, call.path])).toEqual([['PUT', path]]);
      expect(discord.calls[0]?.authorization).toBe(`Bot ${TOKEN}`);
      expect(discord.commands.get(path)).toEqual(
        MANIFEST.map((command) => expect.objectContaining(command)),
      );
    });

    it('registers globally when DISCORD_GUILD_ID is not set', async () => {
      const run = await runImageCli({
        DISCORD_TOKEN: TOKEN,
        DISCORD_APPLICATION_ID: APPLICATION_ID,
        DISCORD_API_URL: discord.url,
      });
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`registered ${MANIFEST.length} commands globally\n`);
      expect(discord.commands.has(`/applications/${APPLICATION_ID}/commands`)).toBe(true);
    });

    it('exits 1 with one line naming the refusal, and never the token, when Discord answers 401', async () => {
      discord.failNext(`PUT /applications/:id/guilds/:id/commands`, 1, {
        status: 401,
        body: { message: '401: Unauthorized', code: 0 },
      });
      const run = await runImageCli({
        DISCORD_TOKEN: TOKEN,
        DISCORD_APPLICATION_ID: APPLICATION_ID,
        DISCORD_GUILD_ID: GUILD_ID,
        DISCORD_API_URL: discord.url,
      });
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(
        /^aperture-doctor register-discord: Discord did not register the commands at DISCORD_API_URL=.*\(401: Unauthorized\)\n$/,
      );
      expect(run.stderr).not.toContain(TOKEN);
    });

    it('exits 2 naming DISCORD_APPLICATION_ID when only the token is set, calling nobody', async () => {
      const run = await runImageCli({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: discord.url });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('set DISCORD_APPLICATION_ID');
      expect(run.stderr).not.toContain(TOKEN);
      expect(discord.calls).toEqual([]);
    });
  },
);
