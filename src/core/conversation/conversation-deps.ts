import type { CheckResult, Requester } from '../checks/follow-up-check.js';
import type { CheckId } from '../checks/check-ids.js';
import type { SymptomId } from '../knowledge/symptom-ids.js';
import type { SecondOpinion, SecondOpinionFor } from '../second-opinion/second-opinion.js';
import type { PlatformName } from './incoming.js';
import type { FeedbackStore } from '../feedback/feedback-example.js';
import type { Clock, SharedState } from './ports.js';

/** Tunables of noise control, from the environment or their defaults. */
export interface ConversationSettings {
  /** Channels where pastes are diagnosed unasked; empty means every channel. */
  listenChannels: readonly string[];
  /** The same symptom is not answered unasked again in a channel within this many seconds. */
  cooldownSeconds: number;
  /**
   * Platforms that can say who a user is on the tailnet (Slack: their email; Discord: only with
   * DISCORD_LOGINS); elsewhere "Check my Aperture grant" is not offered.
   */
  requesterLogins: readonly PlatformName[];
  /** ADMIN_USERS: who is told when the bot's own call to the model gateway fails. */
  adminUsers: readonly string[];
  /** LLM_FOR: `asked` (explicit asks and "Not it") or `unsure` (also the private offers). */
  secondOpinionFor: SecondOpinionFor;
}

/** Something the runtime may want to count or audit; the core only reports it. */
export type ConversationEvent =
  | { type: 'diagnosed'; platform: string; symptom: SymptomId | 'none'; confidence: number }
  | { type: 'silenced'; platform: string; reason: SilenceReason }
  | { type: 'feedback'; platform: string; symptom: SymptomId; verdict: FeedbackVerdict }
  | {
      type: 'check-run';
      platform: string;
      channelId: string;
      userId: string;
      checkId: CheckId;
      status: CheckResult['status'];
      adminOnly: boolean;
    };

/**
 * "Solved", "Not it", the symptom picked after "Not it" had nothing likelier left, "Something
 * else" in that picker, or a "Diagnose this?" offer taken or waved off.
 */
export type FeedbackVerdict =
  'solved' | 'not-it' | 'picked' | 'something-else' | 'offer-accepted' | 'offer-dismissed';

/** `asked-again`: the same person asked about the same unmatched message within a minute. */
export type SilenceReason =
  | 'not-listening'
  | 'muted'
  | 'no-diagnosis'
  | 'duplicate'
  | 'already-answered'
  | 'cooldown'
  | 'asked-again';

/** Everything the conversation functions need from outside, injected by the composition root. */
export interface ConversationDeps {
  state: SharedState;
  clock: Clock;
  settings: ConversationSettings;
  /** Runs a follow-up check against the configured targets (never throws). */
  runCheck(checkId: CheckId, requester: Requester, pastedText?: string): Promise<CheckResult>;
  /** The team's model (LLM_BASE_URL), consulted when the classifier is unsure; absent when off. */
  secondOpinion?: SecondOpinion;
  /** Optional observer for metrics and the audit trail. */
  observe?(event: ConversationEvent): void;
  /** Where people's verdicts become labelled examples; absent when FEEDBACK=off. */
  feedback?: FeedbackStore;
}

export const DEFAULT_SETTINGS: ConversationSettings = {
  listenChannels: [],
  cooldownSeconds: 120,
  requesterLogins: ['slack', 'console'],
  adminUsers: [],
  secondOpinionFor: 'asked',
};
