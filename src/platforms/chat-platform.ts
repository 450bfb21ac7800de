import type { PlatformName } from '../core/conversation/incoming.js';

/**
 * The whole contract between the composition root and a platform adapter (Hubot's adapter idea):
 * start it, stop it (finishing in-flight replies), and say whether it is connected (/healthz).
 */
export interface ChatPlatform {
  readonly name: PlatformName;
  start(): Promise<void>;
  /** Stops taking new events and resolves once in-flight replies are delivered or given up. */
  stop(): Promise<void>;
  isConnected(): boolean;
}
