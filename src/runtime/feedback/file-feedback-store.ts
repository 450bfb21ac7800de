import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  feedbackExampleSchema,
  type FeedbackExample,
  type FeedbackStore,
} from '../../core/feedback/feedback-example.js';
import { FEEDBACK_CAP, type FeedbackStoreOptions } from './feedback-limits.js';
import { newSalt, pseudonymOf } from './pseudonym.js';

/** Only the owner may read or write: the examples are redacted, but they are still a team's pastes. */
const OWNER_ONLY = 0o600;

/**
 * Feedback in a local JSONL file (FEEDBACK_FILE), for the console and a single bot without Redis.
 * Each record rewrites the file without what expired or overflowed, through a temporary file and a
 * rename, so a crash leaves the old file or the new one, never half of one. Verdicts come at the
 * pace of people clicking, so reading ten thousand lines per click is cheap.
 */
export class FileFeedbackStore implements FeedbackStore {
  readonly #cap: number;
  readonly #ttlMs: number;
  readonly #clock: () => number;
  #salt: string | undefined;

  constructor(
    readonly path: string,
    options: FeedbackStoreOptions,
  ) {
    this.#cap = options.cap ?? FEEDBACK_CAP;
    this.#ttlMs = options.ttlSeconds * 1000;
    this.#clock = options.clock ?? Date.now;
  }

  async pseudonym(platform: string, userId: string): Promise<string> {
    return pseudonymOf(this.#readSalt(), platform, userId);
  }

  async record(example: FeedbackExample): Promise<void> {
    const kept = [...this.#fresh(), feedbackExampleSchema.parse(example)].slice(-this.#cap);
    this.#write(kept.map((e) => `${JSON.stringify(e)}\n`).join(''));
  }

  async list(options: { since?: number } = {}): Promise<FeedbackExample[]> {
    const since = options.since ?? 0;
    return this.#fresh().filter((example) => example.at >= since);
  }

  /** What the file holds and has not expired, oldest first; unreadable lines are skipped. */
  #fresh(): FeedbackExample[] {
    if (!existsSync(this.path)) return [];
    const oldest = this.#clock() - this.#ttlMs;
    const examples: FeedbackExample[] = [];
    for (const line of readFileSync(this.path, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      let parsed;
      try {
        parsed = feedbackExampleSchema.safeParse(JSON.parse(line));
      } catch {
        continue;
      }
      if (parsed.success && parsed.data.at >= oldest) examples.push(parsed.data);
    }
    return examples.sort((a, b) => a.at - b.at);
  }

  #write(content: string): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, content, { mode: OWNER_ONLY });
    renameSync(temporary, this.path);
  }

  /** The salt lives beside the file (`FILE.salt`, owner-only), made on first use. */
  #readSalt(): string {
    if (this.#salt) return this.#salt;
    const saltPath = `${this.path}.salt`;
    if (existsSync(saltPath)) {
      this.#salt = readFileSync(saltPath, 'utf8').trim();
    } else {
      mkdirSync(dirname(saltPath), { recursive: true });
      this.#salt = newSalt();
      writeFileSync(saltPath, `${this.#salt}\n`, { mode: OWNER_ONLY, flag: 'wx' });
    }
    return this.#salt;
  }
}
