import { classifyText } from '../../../src/core/classify/classify-text.js';
import type { ConversationDeps } from '../../../src/core/conversation/conversation-deps.js';
import type { IncomingMessage } from '../../../src/core/conversation/incoming.js';
import { buildConversationDeps } from '../../../src/runtime/build-runtime.js';
import { loadConfig } from '../../../src/runtime/config.js';
import { createMetrics } from '../../../src/runtime/metrics.js';
import { createRecordingLogger } from '../../helpers/recording-logger.js';
import { startFakeLlmGateway, type WireFormat } from '../fakes/fake-llm-gateway.js';

/**
 * People's questions in their own words, about being refused: no status code, no error text. A
 * retrain teaches the classifier some of them (the first one here it learnt), so the suites use
 * the first it still misses; the precondition test fails when it misses none.
 */
const HUMAN_QUESTIONS = [
  'who do I ask to get onto the model gateway? it just says no for me',
  'is there a reason my requests through the company model proxy get turned away?',
  'how do I get access to claude through our gateway thing? it keeps saying I am not allowed',
];
export const HUMAN_QUESTION =
  HUMAN_QUESTIONS.find((text) => rulesMiss(text)) ?? (HUMAN_QUESTIONS[0] as string);

/** The model's answer naming one of our ids. */
export const MODEL_SAYS_ACCESS_DENIED =
  '{"symptom":"access-denied","confidence":0.8,"why":"They are refused by the gateway itself."}';

export const MODEL = 'team-model';
/** A hang test waits this long for the gateway, not the production 5 s. */
export const HANG_DEADLINE_MS = 200;
/** Other tests keep a deadline a loaded machine never misses for a loopback answer. */
const ANSWER_DEADLINE_MS = 4000;

/**
 * The conversation as the runtime builds it from the environment, with the second opinion pointed
 * at a fake gateway on 127.0.0.1; a recording logger for the audit lines and real metrics.
 */
export async function startSecondOpinionHarness(
  format: WireFormat,
  env: Record<string, string> = {},
  wiring: { fetch?: typeof fetch; deadlineMs?: number; ownAddresses?: () => string[] } = {},
) {
  const gateway = await startFakeLlmGateway();
  const logger = createRecordingLogger();
  const metrics = createMetrics();
  const loaded = loadConfig({
    LLM_BASE_URL: gateway.url,
    LLM_API_FORMAT: format,
    LLM_MODEL: MODEL,
    ADMIN_USERS: 'U_ADMIN',
    ...env,
  });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  let now = Date.UTC(2026, 11, 1, 10);
  const deps: ConversationDeps = buildConversationDeps(loaded.config, {
    clock: () => now,
    secondOpinionWiring: {
      logger,
      instruments: metrics.secondOpinion,
      deadlineMs: ANSWER_DEADLINE_MS,
      ...wiring,
    },
  });
  return {
    gateway,
    deps,
    logger,
    metrics,
    advance: (ms: number) => (now += ms),
    close: () => gateway.close(),
  };
}

let nextId = 1;
/** An explicit ask (a mention) about `text`; each call is a new message. */
export function mention(
  text: string,
  options: { userId?: string; channelId?: string; asked?: boolean } = {},
): IncomingMessage {
  const messageId = `1700000000.${String(nextId++).padStart(6, '0')}`;
  return {
    platform: 'slack',
    channelId: options.channelId ?? 'C_HELP',
    messageId,
    threadRootId: messageId,
    userId: options.userId ?? 'U_MEMBER',
    text,
    asked: options.asked ?? true,
  };
}

/** Precondition of the suites: the rules really miss the question (a retrain could change it). */
export function rulesMiss(text: string): boolean {
  return classifyText(text).symptom === 'none';
}
