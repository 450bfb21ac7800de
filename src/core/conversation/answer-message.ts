import { classifyText } from '../classify/classify-text.js';
import type { Diagnosis } from '../classify/diagnosis.js';
import { buildDiagnosisReply, type SymptomDiagnosis } from '../reply/build-symptom-reply.js';
import { buildNoMatchReply } from '../reply/build-other-replies.js';
import type { SymptomId } from '../knowledge/symptom-ids.js';
import type { Reply } from '../reply/reply.js';
import type { ConversationDeps, SilenceReason } from './conversation-deps.js';
import { fitActions } from './fit-actions.js';
import type { IncomingMessage } from './incoming.js';
import {
  buildOfferWithSecondOpinion,
  consultSecondOpinion,
  wantsSecondOpinion,
  withAdminNote,
  type SecondOpinionAsk,
} from './second-opinion-hook.js';
import {
  ASKED_AGAIN_SECONDS,
  MESSAGE_CLAIM_SECONDS,
  THREAD_CLAIM_SECONDS,
  stateKeys,
  tierOf,
} from './noise-control.js';

export type MessageOutcome =
  /** Post publicly in the message's thread (`threadRootId`). */
  | { kind: 'reply'; reply: Reply; diagnosis: Diagnosis }
  /** Show privately to the poster (a "Diagnose this?" offer). */
  | { kind: 'prompt'; reply: Reply; diagnosis: Diagnosis }
  /** Show privately to whoever asked (`userId`): an explicit ask that matched nothing. */
  | { kind: 'private'; reply: Reply; diagnosis: Diagnosis }
  | { kind: 'silent'; reason: SilenceReason };

/**
 * Decides whether and how to answer a channel message. All noise control lives here so every
 * platform behaves the same: allow-list, mute, confidence tiers, one reply per message, one per
 * thread and symptom, and a per-channel cooldown. An explicit ask skips all of it and is refused
 * only when that exact message already has a reply; nothing is claimed that was not answered.
 */
export async function answerMessage(
  message: IncomingMessage,
  deps: ConversationDeps,
): Promise<MessageOutcome> {
  const { platform, channelId } = message;
  if (!message.asked) {
    const { listenChannels } = deps.settings;
    if (listenChannels.length > 0 && !listenChannels.includes(channelId)) {
      return silence(deps, platform, 'not-listening');
    }
    if ((await deps.state.get(stateKeys.mute(platform, channelId))) !== undefined) {
      return silence(deps, platform, 'muted');
    }
  }

  const diagnosis = classifyText(message.text);
  deps.observe?.({
    type: 'diagnosed',
    platform,
    symptom: diagnosis.symptom,
    confidence: diagnosis.confidence,
  });

  if (message.asked) return answerAsked(message, diagnosis, deps);

  const tier = tierOf(diagnosis);
  if (tier === 'silent' || diagnosis.symptom === 'none') {
    return silence(deps, platform, 'no-diagnosis');
  }
  const matched: SymptomDiagnosis = { ...diagnosis, symptom: diagnosis.symptom };
  if (tier === 'unsure') {
    const key = stateKeys.prompt(platform, channelId, message.messageId);
    if (!(await deps.state.claim(key, MESSAGE_CLAIM_SECONDS))) {
      return silence(deps, platform, 'duplicate');
    }
    const ask = secondOpinionAsk(message, diagnosis, deps);
    return {
      kind: 'prompt',
      reply: await buildOfferWithSecondOpinion(ask, matched, deps),
      diagnosis,
    };
  }

  // A re-delivery (Slack retry, a second replica) is dropped first; "seen" is not "answered", so
  // a paste silenced below can still be answered when someone asks about it.
  const seenKey = stateKeys.seen(platform, channelId, message.messageId);
  if (!(await deps.state.claim(seenKey, MESSAGE_CLAIM_SECONDS))) {
    return silence(deps, platform, 'duplicate');
  }
  if ((await deps.state.get(answeredKey(message))) !== undefined) {
    return silence(deps, platform, 'duplicate');
  }
  const threadKey = stateKeys.threadSymptom(
    platform,
    channelId,
    message.threadRootId,
    matched.symptom,
  );
  if (!(await deps.state.claim(threadKey, THREAD_CLAIM_SECONDS))) {
    return silence(deps, platform, 'already-answered');
  }
  const cooldownKey = stateKeys.cooldown(platform, channelId, matched.symptom);
  if (!(await deps.state.claim(cooldownKey, deps.settings.cooldownSeconds))) {
    // Nothing was said in this thread: it must not stay claimed for a week.
    await deps.state.delete(threadKey);
    return silence(deps, platform, 'cooldown');
  }
  if (!(await claimAnswered(message, deps))) {
    await deps.state.delete(threadKey);
    return silence(deps, platform, 'duplicate');
  }
  return {
    kind: 'reply',
    reply: fitActions(buildDiagnosisReply(matched), platform, deps.settings),
    diagnosis,
  };
}

/**
 * A mention, shortcut or context menu: answer whatever the confidence. Only a public reply claims
 * the message; "no match" goes privately to the asker (once per asker and minute, since Slack
 * delivers a mention as a message and as an app_mention).
 */
async function answerAsked(
  message: IncomingMessage,
  diagnosis: Diagnosis,
  deps: ConversationDeps,
): Promise<MessageOutcome> {
  const { platform, channelId, messageId, userId } = message;
  if (diagnosis.symptom === 'none') {
    const key = stateKeys.askedNoMatch(platform, channelId, messageId, userId);
    if (!(await deps.state.claim(key, ASKED_AGAIN_SECONDS))) {
      return silence(deps, platform, 'asked-again');
    }
    const second = await consultSecondOpinion(secondOpinionAsk(message, diagnosis, deps), deps);
    if (second.kind === 'fallback') {
      const reply = withAdminNote(buildNoMatchReply(diagnosis), second.adminNote);
      return { kind: 'private', reply, diagnosis };
    }
    if (!(await claimAnswered(message, deps))) return silence(deps, platform, 'duplicate');
    return answerInThread(message, second.symptom, second.reply, diagnosis, deps);
  }
  if (!(await claimAnswered(message, deps))) return silence(deps, platform, 'duplicate');
  const matched: SymptomDiagnosis = { ...diagnosis, symptom: diagnosis.symptom };
  // An unsure pick may get a second opinion; its failure note is for private replies only.
  const second = wantsSecondOpinion(diagnosis)
    ? await consultSecondOpinion(
        { ...secondOpinionAsk(message, diagnosis, deps), isAdmin: false },
        deps,
      )
    : undefined;
  if (second?.kind === 'suggested') {
    return answerInThread(message, second.symptom, second.reply, diagnosis, deps);
  }
  return answerInThread(message, matched.symptom, buildDiagnosisReply(matched), diagnosis, deps);
}

/** A public reply in the message's thread, which then has this symptom's answer. */
async function answerInThread(
  message: IncomingMessage,
  symptom: SymptomId,
  reply: Reply,
  diagnosis: Diagnosis,
  deps: ConversationDeps,
): Promise<MessageOutcome> {
  const { platform, channelId } = message;
  // A later paste of the same symptom in this thread stays quiet.
  await deps.state.put(
    stateKeys.threadSymptom(platform, channelId, message.threadRootId, symptom),
    '1',
    THREAD_CLAIM_SECONDS,
  );
  return { kind: 'reply', reply: fitActions(reply, platform, deps.settings), diagnosis };
}

function secondOpinionAsk(
  message: IncomingMessage,
  diagnosis: Diagnosis,
  deps: ConversationDeps,
): SecondOpinionAsk {
  return {
    platform: message.platform,
    channelId: message.channelId,
    userId: message.userId,
    isAdmin: deps.settings.adminUsers.includes(message.userId),
    text: message.text,
    refused: [],
    ...(diagnosis.symptom !== 'none' ? { classifierPick: diagnosis.symptom } : {}),
  };
}

function answeredKey(message: IncomingMessage): string {
  return stateKeys.message(message.platform, message.channelId, message.messageId);
}

/** Claims "this message has a public reply": true for the one caller that posts it. */
function claimAnswered(message: IncomingMessage, deps: ConversationDeps): Promise<boolean> {
  return deps.state.claim(answeredKey(message), MESSAGE_CLAIM_SECONDS);
}

function silence(deps: ConversationDeps, platform: string, reason: SilenceReason): MessageOutcome {
  deps.observe?.({ type: 'silenced', platform, reason });
  return { kind: 'silent', reason };
}
