import { networkReason } from '../platform-start-error.js';

/** discord.js drops a token Discord answered 401 to; later calls fail with this message. */
const TOKEN_DROPPED = /Expected token to be set for this request/;

/**
 * What an operator must fix, naming the variable, for an error that is about the set-up rather
 * than one message (`DISCORD_TOKEN was rejected by Discord (401 Unauthorized)`, `cannot reach
 * Discord at DISCORD_API_URL=…`); undefined for any other error.
 */
export function discordErrorFix(error: unknown, apiUrl: string): string | undefined {
  const coded = error as { status?: unknown; code?: unknown; message?: unknown } | undefined;
  if (coded?.status === 401 || TOKEN_DROPPED.test(String(coded?.message ?? '')))
    return 'DISCORD_TOKEN was rejected by Discord (401 Unauthorized)';
  if (coded?.status !== undefined) return undefined;
  const reason = networkReason(error);
  return /^E[A-Z_]+$/.test(reason) || reason === 'timed out'
    ? `cannot reach Discord at DISCORD_API_URL=${apiUrl} (${reason})`
    : undefined;
}
