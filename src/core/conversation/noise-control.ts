import type { Diagnosis } from '../classify/diagnosis.js';

/**
 * Confidence tiers. A false alarm in a team channel costs more than a miss, so an unasked public
 * reply needs a confident diagnosis; a middling one only earns a private "Diagnose this?" offer.
 */
export const CONFIDENT_AT = 0.75;
export const UNSURE_AT = 0.5;

export type Tier = 'confident' | 'unsure' | 'silent';

export function tierOf(diagnosis: Diagnosis): Tier {
  if (diagnosis.symptom === 'none') return 'silent';
  if (diagnosis.confidence >= CONFIDENT_AT) return 'confident';
  return diagnosis.confidence >= UNSURE_AT ? 'unsure' : 'silent';
}

/**
 * State keys and lifetimes. Slack retries an event for about 5 minutes and a mention arrives twice
 * within seconds; a day outlives both. A thread keeps its one reply per symptom for a week.
 */
export const MESSAGE_CLAIM_SECONDS = 24 * 60 * 60;
export const THREAD_CLAIM_SECONDS = 7 * 24 * 60 * 60;
/** A private "no match" is not repeated to the same asker within this (mention + app_mention). */
export const ASKED_AGAIN_SECONDS = 60;
/** "Solved" is counted once per reply; 90 days outlives any thread people still click in. */
export const SOLVED_CLAIM_SECONDS = 90 * 24 * 60 * 60;

export const stateKeys = {
  /** The message has a public reply. */
  message: (platform: string, channel: string, messageId: string) =>
    `msg:${platform}:${channel}:${messageId}`,
  /** Delivered once: a re-delivery is dropped. Not "answered": see `message`. */
  seen: (platform: string, channel: string, messageId: string) =>
    `seen:${platform}:${channel}:${messageId}`,
  /** A private "no match" shown to one asker. */
  askedNoMatch: (platform: string, channel: string, messageId: string, user: string) =>
    `nomatch:${platform}:${channel}:${messageId}:${user}`,
  prompt: (platform: string, channel: string, messageId: string) =>
    `prompt:${platform}:${channel}:${messageId}`,
  threadSymptom: (platform: string, channel: string, thread: string, symptom: string) =>
    `thread:${platform}:${channel}:${thread}:${symptom}`,
  cooldown: (platform: string, channel: string, symptom: string) =>
    `cooldown:${platform}:${channel}:${symptom}`,
  mute: (platform: string, channel: string) => `mute:${platform}:${channel}`,
  solved: (platform: string, channel: string, replyId: string) =>
    `solved:${platform}:${channel}:${replyId}`,
  feedback: (symptom: string, verdict: string) => `feedback:${symptom}:${verdict}`,
};
