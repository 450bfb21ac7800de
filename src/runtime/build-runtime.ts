import type { CheckNetwork } from '../core/checks/check-network.js';
import type { Requester } from '../core/checks/follow-up-check.js';
import type { FeedbackStore } from '../core/feedback/feedback-example.js';
import { runFollowUpCheck } from '../core/checks/run-follow-up-check.js';
import { DEFAULT_SETTINGS, type ConversationDeps } from '../core/conversation/conversation-deps.js';
import type { Clock, SharedState } from '../core/conversation/ports.js';
import type { SecondOpinion } from '../core/second-opinion/second-opinion.js';
import { checkTargetsFromConfig } from './check-targets.js';
import type { Config } from './config.js';
import { nodeCheckNetwork } from './node-check-network.js';
import {
  secondOpinionFromConfig,
  type SecondOpinionWiring,
} from './second-opinion/second-opinion-from-config.js';
import { MemoryStateStore } from './state/memory-state-store.js';

export interface RuntimeOptions {
  state?: SharedState;
  clock?: Clock;
  network?: CheckNetwork;
  observe?: ConversationDeps['observe'];
  /** Replaces the second opinion LLM_BASE_URL would build (tests). */
  secondOpinion?: SecondOpinion;
  /** How the configured second opinion is wired: Redis for its budget, logger, metrics, deadline. */
  secondOpinionWiring?: SecondOpinionWiring;
  /** Where verdicts are recorded (start-bot builds it from FEEDBACK*); none by default. */
  feedback?: FeedbackStore;
}

/** Builds the core's ports from the validated config: state, clock and the check runner. */
export function buildConversationDeps(
  config: Config,
  options: RuntimeOptions = {},
): ConversationDeps {
  const clock = options.clock ?? Date.now;
  const state = options.state ?? new MemoryStateStore(clock);
  const network = options.network ?? nodeCheckNetwork;
  const targets = checkTargetsFromConfig(config);
  return {
    state,
    clock,
    settings: {
      ...DEFAULT_SETTINGS,
      listenChannels: config.LISTEN_CHANNELS,
      // Discord has no email: its users are known only through DISCORD_LOGINS.
      requesterLogins:
        config.DISCORD_LOGINS.size > 0
          ? [...DEFAULT_SETTINGS.requesterLogins, 'discord']
          : DEFAULT_SETTINGS.requesterLogins,
      adminUsers: config.ADMIN_USERS,
      secondOpinionFor: config.LLM_FOR,
    },
    runCheck: (checkId, requester, pastedText) =>
      runFollowUpCheck(checkId, { targets, requester, pastedText }, { state, clock, network }),
    observe: options.observe,
    secondOpinion:
      options.secondOpinion ??
      secondOpinionFromConfig(config, { network, ...options.secondOpinionWiring }),
    ...(options.feedback ? { feedback: options.feedback } : {}),
  };
}

/** ADMIN_USERS decides who may see configuration; platforms only say who is asking. */
export function requesterFor(
  config: Config,
  platform: Requester['platform'],
  userId: string,
  email?: string,
): Requester {
  return { platform, userId, email, isAdmin: config.ADMIN_USERS.includes(userId) };
}
