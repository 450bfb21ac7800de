import { createHash, randomBytes } from 'node:crypto';

/** A fresh random salt: 32 bytes, hex. */
export function newSalt(): string {
  return randomBytes(32).toString('hex');
}

/**
 * A user's stand-in in stored examples: salted SHA-256 of platform and id, cut to 16 hex digits.
 * Without the salt (kept beside the examples, never exported) it cannot be turned back into an id.
 */
export function pseudonymOf(salt: string, platform: string, userId: string): string {
  return createHash('sha256').update(`${salt}\n${platform}\n${userId}`).digest('hex').slice(0, 16);
}
