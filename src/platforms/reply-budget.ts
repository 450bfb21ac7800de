/**
 * A per-channel send budget shared by every replica (the runtime implements it on Redis with
 * rate-limiter-flexible). The outbound queue asks it before each send; the queue itself still paces
 * each replica's own sends.
 */
export interface ReplyBudget {
  /** Takes one send for `key`; resolves with how many ms to wait first (0: send now). */
  take(key: string): Promise<number>;
}
