import type { PlatformName } from '../core/conversation/incoming.js';

/**
 * The whole contract between the composition root and a platform adapter (Hubot's adapter idea):
 * start it, stop it (finishing in-flight replies), and say whether it is connected (/healthz).
 */
export interface ChatPlatform {
  readonly name: PlatformName;
  /**
   * Connects; rejects with a PlatformStartError (./platform-start-error.ts) naming the variable to
   * fix when the platform cannot start.
   */
  start(): Promise<void>;
  /**
   * Stops taking new events and resolves once in-flight replies are delivered or given up: those
   * still queued at `deadlineAt` (a Date.now() time; default 10 s from now) are given up.
   */
  stop(deadlineAt?: number): Promise<void>;
  isConnected(): boolean;
}
