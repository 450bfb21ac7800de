import type { PlatformName } from '../core/conversation/incoming.js';

/**
 * A per-channel outbound budget shared by every replica. Platforms' outbound queues ask it before
 * each send; the answer is how long to wait first (0: send now). The runtime implements it on
 * Redis with rate-limiter-flexible, in memory without Redis.
 */
export interface ReplyBudget {
  /** Takes one send from the channel's budget, or says how many ms until one is free. */
  take(platform: PlatformName, channelId: string): Promise<number>;
}

/** Never waits: the default when no shared budget is wired. */
export const UNLIMITED_BUDGET: ReplyBudget = { take: async () => 0 };

/**
 * Waits until the budget grants a send, bounded so a misbehaving budget never holds a reply
 * forever (the platform's own 429 handling still applies after that).
 */
export async function waitForBudget(
  budget: ReplyBudget,
  platform: PlatformName,
  channelId: string,
  maxWaitMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + maxWaitMs;
  for (let attempt = 0; attempt < 100; attempt++) {
    const waitMs = await budget.take(platform, channelId);
    if (waitMs <= 0) return;
    const left = deadline - Date.now();
    if (left <= 0) return;
    await new Promise((resolve) => setTimeout(resolve, Math.min(waitMs, left)));
  }
}
