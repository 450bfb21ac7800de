/**
 * `npm run register:discord`: registers /aperture and the "Diagnose with Aperture Doctor" context
 * menu (guild when DISCORD_GUILD_ID is set, global otherwise), with the same code as the built
 * `aperture-doctor register-discord`. `--write-manifest` regenerates
 * manifests/discord-commands.json from the same definitions instead.
 */
import { writeFileSync } from 'node:fs';
import { config as loadDotenv } from 'dotenv';
import { runRegisterDiscordCommand } from '../src/cli/register-discord-command.js';
import { discordCommandDefinitions } from '../src/platforms/discord/discord-command-definitions.js';

export const MANIFEST_PATH = new URL('../manifests/discord-commands.json', import.meta.url);

if (process.argv.includes('--write-manifest')) {
  writeFileSync(MANIFEST_PATH, `${JSON.stringify(discordCommandDefinitions(), null, 2)}\n`);
  process.stdout.write('wrote manifests/discord-commands.json\n');
} else {
  loadDotenv({ quiet: true });
  process.exitCode = await runRegisterDiscordCommand(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  });
}
