import type { CheckId } from '../../src/core/checks/check-ids.js';
import type { CheckResult, Requester } from '../../src/core/checks/follow-up-check.js';
import {
  DEFAULT_SETTINGS,
  type ConversationDeps,
  type ConversationEvent,
  type ConversationSettings,
} from '../../src/core/conversation/conversation-deps.js';
import { MemoryStateStore } from '../../src/runtime/state/memory-state-store.js';

export interface CheckCall {
  checkId: CheckId;
  requester: Requester;
  pastedText?: string;
}

/**
 * Real in-memory state and a controllable clock; `runCheck` is the port to the checks, answered
 * here with a fixed result so conversation tests do not depend on the network.
 */
export function buildConversationDeps(settings: Partial<ConversationSettings> = {}) {
  let now = Date.UTC(2026, 10, 22, 12);
  const checkCalls: CheckCall[] = [];
  const events: ConversationEvent[] = [];
  const clock = () => now;
  const deps: ConversationDeps = {
    state: new MemoryStateStore(clock),
    clock,
    settings: { ...DEFAULT_SETTINGS, ...settings },
    async runCheck(checkId, requester, pastedText): Promise<CheckResult> {
      checkCalls.push({ checkId, requester, pastedText });
      return {
        checkId,
        status: 'pass',
        summary: `${checkId} looks fine`,
        details: ['detail'],
        durationMs: 3,
      };
    },
    observe: (event) => events.push(event),
  };
  return { deps, checkCalls, events, advance: (ms: number) => (now += ms) };
}

export const MEMBER: Requester = { platform: 'slack', userId: 'U_MEMBER', isAdmin: false };
export const ADMIN: Requester = { platform: 'slack', userId: 'U_ADMIN', isAdmin: true };
