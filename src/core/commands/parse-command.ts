import { isCheckId, type CheckId } from '../checks/check-ids.js';

/** What `/aperture …` asks for, whatever the platform. */
export type CommandIntent =
  | { kind: 'help' }
  | { kind: 'list' }
  | { kind: 'why'; topic: string }
  | { kind: 'check'; checkId: CheckId }
  | { kind: 'doctor' }
  | { kind: 'stats' }
  | { kind: 'unknown-check'; given: string }
  | { kind: 'mute'; seconds: number }
  | { kind: 'bad-duration'; given: string }
  | { kind: 'unmute' }
  | { kind: 'diagnose'; text: string }
  | { kind: 'whoami'; set?: WhoamiChange }
  | { kind: 'empty' };

/**
 * `whoami LOGIN`, `whoami --admin`, `whoami --no-admin`: who to play. Only the console acts on it
 * (it is one person trying things); on Slack and Discord who you are comes from the platform.
 */
export interface WhoamiChange {
  login?: string;
  admin?: boolean;
}

export const DEFAULT_MUTE_SECONDS = 60 * 60;
/** A week: longer mutes are forgotten more often than wanted; ask again. */
export const MAX_MUTE_SECONDS = 7 * 24 * 60 * 60;

const UNIT_SECONDS = new Map<string, number>([
  ...['s', 'sec', 'secs', 'second', 'seconds'].map((u) => [u, 1] as const),
  ...['', 'm', 'min', 'mins', 'minute', 'minutes'].map((u) => [u, 60] as const),
  ...['h', 'hr', 'hrs', 'hour', 'hours'].map((u) => [u, 3600] as const),
  ...['d', 'day', 'days'].map((u) => [u, 86_400] as const),
  ...['w', 'wk', 'week', 'weeks'].map((u) => [u, 604_800] as const),
]);

/**
 * Parses the text after `/aperture`. A first word that is not a sub-command means the user
 * pasted an error, so the whole text is diagnosed.
 */
export function parseCommand(text: string): CommandIntent {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  const match = /^(\S+)(?:\s+([\s\S]*))?$/.exec(trimmed);
  const word = (match?.[1] ?? '').toLowerCase();
  const rest = (match?.[2] ?? '').trim();
  switch (word) {
    case 'help':
    case '-h':
    case '--help':
    case '?':
      return rest === '' ? { kind: 'help' } : { kind: 'diagnose', text: trimmed };
    case 'list':
    case 'symptoms':
      return rest === '' ? { kind: 'list' } : { kind: 'diagnose', text: trimmed };
    case 'why':
    case 'explain':
      return rest === '' ? { kind: 'help' } : { kind: 'why', topic: rest };
    case 'check':
      return parseCheck(rest, trimmed);
    case 'doctor':
      return rest === '' ? { kind: 'doctor' } : { kind: 'diagnose', text: trimmed };
    case 'stats':
      return rest === '' ? { kind: 'stats' } : { kind: 'diagnose', text: trimmed };
    case 'mute':
      return parseMute(rest);
    case 'unmute':
      return { kind: 'unmute' };
    case 'diagnose':
      return rest === '' ? { kind: 'empty' } : { kind: 'diagnose', text: rest };
    case 'whoami':
      return parseWhoami(rest, trimmed);
    default:
      return { kind: 'diagnose', text: trimmed };
  }
}

function parseCheck(rest: string, whole: string): CommandIntent {
  const id = rest.toLowerCase();
  if (isCheckId(id)) return { kind: 'check', checkId: id };
  // "check this out: 403 …" is a paste, not a sub-command; a single word is a mistyped id.
  return /^\S+$/.test(rest)
    ? { kind: 'unknown-check', given: rest }
    : { kind: 'diagnose', text: whole };
}

const ADMIN_FLAGS = new Map([
  ['--admin', true],
  ['--no-admin', false],
  ['--not-admin', false],
]);

/** `whoami [LOGIN] [--admin|--no-admin]`; anything else after it is a paste to diagnose. */
function parseWhoami(rest: string, whole: string): CommandIntent {
  if (rest === '') return { kind: 'whoami' };
  const set: WhoamiChange = {};
  for (const word of rest.split(/\s+/)) {
    const admin = ADMIN_FLAGS.get(word.toLowerCase());
    if (admin !== undefined && set.admin === undefined) set.admin = admin;
    else if (/^[^\s@]+@[^\s@]+$/.test(word) && set.login === undefined)
      set.login = word.toLowerCase();
    else return { kind: 'diagnose', text: whole };
  }
  return { kind: 'whoami', set };
}

/** Accepts `30m`, `2h`, `1d`, `90s`, `1w`, `45` (minutes) or nothing (an hour). */
export function parseMute(rest: string): CommandIntent {
  if (rest === '') return { kind: 'mute', seconds: DEFAULT_MUTE_SECONDS };
  const match = /^(\d{1,6})\s*([a-z]*)$/i.exec(rest);
  const unitSeconds = UNIT_SECONDS.get((match?.[2] ?? '').toLowerCase());
  if (!match || unitSeconds === undefined)
    return { kind: 'bad-duration', given: rest.slice(0, 40) };
  const seconds = Number(match[1]) * unitSeconds;
  if (seconds <= 0 || seconds > MAX_MUTE_SECONDS) {
    return { kind: 'bad-duration', given: rest.slice(0, 40) };
  }
  return { kind: 'mute', seconds };
}
