import type { Clock, SharedState } from '../../core/conversation/ports.js';

interface Entry {
  value: string;
  expiresAt: number;
}

/** Caps memory when a busy workspace produces many keys; expired entries go first. */
const MAX_ENTRIES = 100_000;

/**
 * In-process SharedState: the default without REDIS_URL, and the fallback while Redis is down.
 * Expiry is checked on read, plus a sweep when the map grows past its cap.
 */
export class MemoryStateStore implements SharedState {
  readonly #entries = new Map<string, Entry>();
  readonly #counters = new Map<string, number>();
  readonly #clock: Clock;

  constructor(clock: Clock = Date.now) {
    this.#clock = clock;
  }

  async claim(key: string, ttlSeconds: number): Promise<boolean> {
    if (this.#live(key) !== undefined) return false;
    this.#set(key, '1', ttlSeconds);
    return true;
  }

  async put(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.#set(key, value, ttlSeconds);
  }

  async get(key: string): Promise<string | undefined> {
    return this.#live(key)?.value;
  }

  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }

  async increment(key: string, by = 1): Promise<number> {
    const next = (this.#counters.get(key) ?? 0) + by;
    this.#counters.set(key, next);
    return next;
  }

  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt <= this.#clock()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  #set(key: string, value: string, ttlSeconds: number): void {
    if (this.#entries.size >= MAX_ENTRIES) this.#sweep();
    this.#entries.set(key, { value, expiresAt: this.#clock() + ttlSeconds * 1000 });
  }

  #sweep(): void {
    const now = this.#clock();
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
    // Still full of live keys: drop the oldest insertions (Map keeps insertion order).
    for (const key of this.#entries.keys()) {
      if (this.#entries.size < MAX_ENTRIES) break;
      this.#entries.delete(key);
    }
  }
}
