import { classifyText } from '../classify/classify-text.js';
import type { Diagnosis } from '../classify/diagnosis.js';
import { buildDiagnosisReply, type SymptomDiagnosis } from '../reply/build-symptom-reply.js';
import { buildNoMatchReply, buildPromptReply } from '../reply/build-other-replies.js';
import type { Reply } from '../reply/reply.js';
import type { ConversationDeps, SilenceReason } from './conversation-deps.js';
import type { IncomingMessage } from './incoming.js';
import { MESSAGE_CLAIM_SECONDS, THREAD_CLAIM_SECONDS, stateKeys, tierOf } from './noise-control.js';

export type MessageOutcome =
  /** Post publicly in the message's thread (`threadRootId`). */
  | { kind: 'reply'; reply: Reply; diagnosis: Diagnosis }
  /** Show privately to the poster (a "Diagnose this?" offer). */
  | { kind: 'prompt'; reply: Reply; diagnosis: Diagnosis }
  | { kind: 'silent'; reason: SilenceReason };

/**
 * Decides whether and how to answer a channel message. All noise control lives here so every
 * platform behaves the same: allow-list, mute, confidence tiers, one reply per message, one per
 * thread and symptom, and a per-channel cooldown. An explicit ask skips all but de-duplication.
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
    return { kind: 'prompt', reply: buildPromptReply(matched), diagnosis };
  }

  // Claim order matters across replicas: the message claim de-duplicates re-deliveries first.
  if (!(await claimMessage(message, deps))) return silence(deps, platform, 'duplicate');
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
    return silence(deps, platform, 'cooldown');
  }
  return { kind: 'reply', reply: buildDiagnosisReply(matched), diagnosis };
}

/** A mention, shortcut or context menu: answer whatever the confidence, once per message. */
async function answerAsked(
  message: IncomingMessage,
  diagnosis: Diagnosis,
  deps: ConversationDeps,
): Promise<MessageOutcome> {
  if (!(await claimMessage(message, deps))) return silence(deps, message.platform, 'duplicate');
  const reply =
    diagnosis.symptom === 'none'
      ? buildNoMatchReply(diagnosis)
      : buildDiagnosisReply({ ...diagnosis, symptom: diagnosis.symptom });
  return { kind: 'reply', reply, diagnosis };
}

function claimMessage(message: IncomingMessage, deps: ConversationDeps): Promise<boolean> {
  const key = stateKeys.message(message.platform, message.channelId, message.messageId);
  return deps.state.claim(key, MESSAGE_CLAIM_SECONDS);
}

function silence(deps: ConversationDeps, platform: string, reason: SilenceReason): MessageOutcome {
  deps.observe?.({ type: 'silenced', platform, reason });
  return { kind: 'silent', reason };
}
