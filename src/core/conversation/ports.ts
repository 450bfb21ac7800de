/**
 * What the core needs from outside, implemented in runtime/ (in memory, or Redis for several
 * replicas). Keys are plain strings namespaced by the caller (`dedupe:…`, `mute:…`).
 */
export interface SharedState {
  /**
   * Atomically claims `key` for `ttlSeconds`: true for the first caller, false while the claim
   * lives (Redis `SET key 1 NX EX ttl`). De-duplication and one-reply-per-thread rest on it.
   */
  claim(key: string, ttlSeconds: number): Promise<boolean>;
  /** Stores a short string value with a time to live. */
  put(key: string, value: string, ttlSeconds: number): Promise<void>;
  get(key: string): Promise<string | undefined>;
  delete(key: string): Promise<void>;
  /** Adds `by` to a counter that never expires (feedback counts) and returns the new value. */
  increment(key: string, by?: number): Promise<number>;
}

/** Injectable clock so cooldowns and mutes are testable without sleeping. */
export type Clock = () => number;
