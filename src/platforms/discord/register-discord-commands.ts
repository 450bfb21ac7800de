import { REST, Routes } from 'discord.js';
import { discordCommandDefinitions } from './discord-command-definitions.js';

export interface RegisterOptions {
  token: string;
  applicationId: string;
  /** Guild commands apply at once (development); global ones are for production. */
  guildId?: string;
  apiUrl?: string;
}

/** Bulk-overwrites the application's commands (idempotent): PUT the whole set. */
export async function registerDiscordCommands(
  options: RegisterOptions,
): Promise<{ scope: 'guild' | 'global'; count: number }> {
  const rest = new REST({ ...(options.apiUrl ? { api: options.apiUrl } : {}) }).setToken(
    options.token,
  );
  const body = discordCommandDefinitions();
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  await rest.put(route, { body });
  return { scope: options.guildId ? 'guild' : 'global', count: body.length };
}
