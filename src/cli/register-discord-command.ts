import type { CliIo, ExitCode } from './cli-io.js';
import { parseCommandArgs, type CommandSpec } from './command-args.js';
import { loadConfigOrExplain } from './load-config-or-explain.js';

const USAGE = `usage: aperture-doctor register-discord
  registers /aperture and the "Diagnose with Aperture Doctor" message command with Discord
  (in DISCORD_GUILD_ID when set: instant; otherwise globally); needs DISCORD_TOKEN and
  DISCORD_APPLICATION_ID. Safe to repeat: the whole set is overwritten. Exit 0 registered,
  1 Discord refused or could not be reached, 2 configuration missing
`;

export const REGISTER_DISCORD_SPEC: CommandSpec = { usage: USAGE, flags: [] };

/**
 * `register-discord`: the built twin of `npm run register:discord`, so an image with production
 * dependencies only (no tsx, no scripts/) can register the commands, e.g. as a Kubernetes Job.
 */
export async function runRegisterDiscordCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const parsed = parseCommandArgs(args, REGISTER_DISCORD_SPEC, io);
  if (typeof parsed === 'number') return parsed;
  if (parsed.positionals.length > 0) {
    const [extra = ''] = parsed.positionals;
    io.stderr.write(
      `aperture-doctor register-discord: unexpected argument ${extra.slice(0, 40)}\n${USAGE}`,
    );
    return 2;
  }
  const config = loadConfigOrExplain(io);
  if (!config) return 2;
  const { DISCORD_TOKEN, DISCORD_APPLICATION_ID, DISCORD_GUILD_ID, DISCORD_API_URL } = config;
  const missing = [
    ...(DISCORD_TOKEN ? [] : ['DISCORD_TOKEN']),
    ...(DISCORD_APPLICATION_ID ? [] : ['DISCORD_APPLICATION_ID']),
  ];
  if (!DISCORD_TOKEN || !DISCORD_APPLICATION_ID) {
    io.stderr.write(
      `aperture-doctor register-discord: set ${missing.join(' and ')} (the bot token and the application id from the Discord developer portal)\n`,
    );
    return 2;
  }
  // discord.js loads only for this command, not for every other one.
  const { registerDiscordCommands } =
    await import('../platforms/discord/register-discord-commands.js');
  try {
    const result = await registerDiscordCommands({
      token: DISCORD_TOKEN,
      applicationId: DISCORD_APPLICATION_ID,
      guildId: DISCORD_GUILD_ID,
      apiUrl: DISCORD_API_URL,
    });
    const where = result.scope === 'guild' ? `in guild ${DISCORD_GUILD_ID}` : 'globally';
    io.stdout.write(`registered ${result.count} commands ${where}\n`);
    return 0;
  } catch (error) {
    // discord.js's messages name the status and Discord's reason ("401: Unauthorized"), never the
    // token; still, only the first line, cut short.
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    io.stderr.write(
      `aperture-doctor register-discord: Discord did not register the commands at DISCORD_API_URL=${DISCORD_API_URL} (${reason.slice(0, 200)})\n`,
    );
    return 1;
  }
}
