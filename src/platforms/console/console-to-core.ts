import type { Requester } from '../../core/checks/follow-up-check.js';
import type { CommandInvocation, IncomingMessage } from '../../core/conversation/incoming.js';

/**
 * The console plays one channel and one user: by default the person at the terminal, who runs the
 * bot and so is an admin. `console --user LOGIN [--admin]` or `/aperture whoami` plays someone else.
 */
export const CONSOLE_CHANNEL = 'console';
export const CONSOLE_REQUESTER: Requester = {
  platform: 'console',
  userId: 'console',
  isAdmin: true,
};

/** Who the console plays: the operator, or `--user LOGIN` (an admin only with `--admin`). */
export function consoleRequester(identity: { user?: string; admin?: boolean } = {}): Requester {
  if (identity.user === undefined)
    return { ...CONSOLE_REQUESTER, isAdmin: identity.admin ?? CONSOLE_REQUESTER.isAdmin };
  return { ...CONSOLE_REQUESTER, email: identity.user, isAdmin: identity.admin ?? false };
}

/** A line of triple quotes opens and closes a multi-line paste (stack traces, curl -v). */
export const BLOCK_DELIMITER = '"""';

export type ConsoleInput =
  | { kind: 'command'; text: string }
  | { kind: 'choice'; number: number }
  | { kind: 'paste'; text: string }
  | { kind: 'blank' };

/**
 * Reads one complete input: `/aperture …`, a number (one or two digits: a pick from the last
 * numbered list, even when out of range, so it is never diagnosed as a paste), or a paste.
 */
export function parseConsoleInput(text: string): ConsoleInput {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'blank' };
  const command = /^\/aperture(?:\s+([\s\S]*))?$/i.exec(trimmed);
  if (command) return { kind: 'command', text: command[1] ?? '' };
  if (/^\d{1,2}$/.test(trimmed)) return { kind: 'choice', number: Number(trimmed) };
  return { kind: 'paste', text };
}

export function toIncomingMessage(text: string, sequence: number): IncomingMessage {
  const messageId = `console-${sequence}`;
  return {
    platform: 'console',
    channelId: CONSOLE_CHANNEL,
    messageId,
    threadRootId: messageId,
    userId: 'console',
    text,
    asked: false,
  };
}

export function toCommandInvocation(
  text: string,
  requester: Requester = CONSOLE_REQUESTER,
): CommandInvocation {
  return {
    platform: 'console',
    channelId: CONSOLE_CHANNEL,
    userId: 'console',
    text,
    requester,
  };
}
