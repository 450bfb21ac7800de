import { CONFIG_REVEALING_CHECKS, REQUESTER_CHECKS, type CheckId } from '../checks/check-ids.js';
import { buildCheckReply } from '../reply/build-other-replies.js';
import type { Reply } from '../reply/reply.js';
import type { ConversationDeps } from './conversation-deps.js';
import type { ActionInvocation, CommandInvocation } from './incoming.js';

/**
 * Runs a check for a command or a button and reports it for the audit trail. A config-revealing
 * check always answers privately: a non-admin's refusal concerns only them, and an admin's result
 * shows configuration, so the thread gets only its one-line `publicNote` (issue 10).
 */
export async function runCheckForReply(
  checkId: CheckId,
  invocation: CommandInvocation | ActionInvocation,
  deps: ConversationDeps,
  pastedText?: string,
): Promise<Reply> {
  const result = await deps.runCheck(checkId, invocation.requester, pastedText);
  const adminOnly = CONFIG_REVEALING_CHECKS.has(checkId);
  deps.observe?.({
    type: 'check-run',
    platform: invocation.platform,
    channelId: invocation.channelId,
    userId: invocation.userId,
    checkId,
    status: result.status,
    adminOnly,
  });
  const reply = buildCheckReply(result);
  // A check about the asker's own login names their email: theirs to see, not the thread's.
  if (REQUESTER_CHECKS.has(checkId)) return { ...reply, private: true };
  if (!adminOnly) return reply;
  if (!invocation.requester.isAdmin) return { ...reply, private: true };
  return { ...reply, private: true, publicNote: reply.title };
}
