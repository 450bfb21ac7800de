/**
 * What adapters report for metrics: the runtime implements it with prom-client. Platforms depend on
 * this shape only (they never import prom-client).
 */
export interface PlatformInstruments {
  eventReceived(platform: string): void;
  /** Seconds from receiving an event to the reply being accepted by the platform. */
  replySent(platform: string, seconds: number): void;
  rateLimited(platform: string): void;
  /** A message that was never delivered: why the outbound queue gave it up. */
  replyGivenUp(platform: string, reason: string): void;
}

export const NO_INSTRUMENTS: PlatformInstruments = {
  eventReceived: () => undefined,
  replySent: () => undefined,
  rateLimited: () => undefined,
  replyGivenUp: () => undefined,
};
