import { CONFIG_REVEALING_CHECKS, REQUESTER_CHECKS } from '../checks/check-ids.js';
import { decodeActionId } from '../reply/action-id.js';
import type { Reply } from '../reply/reply.js';
import type { ConversationSettings } from './conversation-deps.js';
import type { PlatformName } from './incoming.js';

/** Appended to the label of a button only ADMIN_USERS can use (≤ 40 characters with it). */
export const ADMIN_ONLY_MARK = ' (admins)';

/**
 * Fits a reply's buttons to the people in the channel: a button only admins can use says so, and
 * a check about the clicker's own login is left out where the platform cannot tell who they are
 * (never a button that only refuses).
 */
export function fitActions(
  reply: Reply,
  platform: PlatformName,
  settings: ConversationSettings,
): Reply {
  const knowsLogins = settings.requesterLogins.includes(platform);
  const actions = reply.actions.flatMap((action) => {
    const decoded = decodeActionId(action.id);
    if (decoded?.type !== 'check') return [action];
    if (REQUESTER_CHECKS.has(decoded.checkId) && !knowsLogins) return [];
    if (CONFIG_REVEALING_CHECKS.has(decoded.checkId)) {
      return [{ ...action, label: `${action.label}${ADMIN_ONLY_MARK}` }];
    }
    return [action];
  });
  return { ...reply, actions };
}
