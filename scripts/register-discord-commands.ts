/**
 * `npm run register:discord`: registers /aperture and the "Diagnose with Aperture Doctor" context
 * menu (guild when DISCORD_GUILD_ID is set, global otherwise). `--write-manifest` regenerates
 * manifests/discord-commands.json from the same definitions instead.
 */
import { writeFileSync } from 'node:fs';
import { config as loadDotenv } from 'dotenv';
import { discordCommandDefinitions } from '../src/platforms/discord/discord-command-definitions.js';
import { registerDiscordCommands } from '../src/platforms/discord/register-discord-commands.js';
import { formatConfigProblems, loadConfig } from '../src/runtime/config.js';

export const MANIFEST_PATH = new URL('../manifests/discord-commands.json', import.meta.url);

if (process.argv.includes('--write-manifest')) {
  writeFileSync(MANIFEST_PATH, `${JSON.stringify(discordCommandDefinitions(), null, 2)}\n`);
  process.stdout.write('wrote manifests/discord-commands.json\n');
} else {
  loadDotenv({ quiet: true });
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(formatConfigProblems(loaded.problems));
    process.exit(2);
  }
  const { DISCORD_TOKEN, DISCORD_APPLICATION_ID, DISCORD_GUILD_ID, DISCORD_API_URL } =
    loaded.config;
  if (!DISCORD_TOKEN || !DISCORD_APPLICATION_ID) {
    process.stderr.write('register:discord needs DISCORD_TOKEN and DISCORD_APPLICATION_ID\n');
    process.exit(2);
  }
  const result = await registerDiscordCommands({
    token: DISCORD_TOKEN,
    applicationId: DISCORD_APPLICATION_ID,
    guildId: DISCORD_GUILD_ID,
    apiUrl: DISCORD_API_URL,
  });
  process.stdout.write(`registered ${result.count} commands (${result.scope})\n`);
}
