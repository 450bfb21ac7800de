import { redactAroundNormalization } from '../classify/redact-secrets.js';
import { normalizePaste } from '../classify/normalize-paste.js';
import type { Diagnosis } from '../classify/diagnosis.js';
import type { SymptomId } from '../knowledge/symptom-ids.js';
import type { Reply, ReplySection } from '../reply/reply.js';
import { buildPromptReply } from '../reply/build-other-replies.js';
import type { SymptomDiagnosis } from '../reply/build-symptom-reply.js';
import { buildSuggestedReply, suggestedByLine } from '../second-opinion/build-suggested-reply.js';
import { describeOwnFailure, isOwnFailure } from '../second-opinion/describe-own-failure.js';
import type { ConversationDeps } from './conversation-deps.js';
import type { ActionInvocation } from './incoming.js';
import { CONFIDENT_AT } from './noise-control.js';

/** Who asked about what: enough to budget the call and to know whether to tell an admin. */
export interface SecondOpinionAsk {
  platform: string;
  channelId: string;
  userId: string;
  isAdmin: boolean;
  /** As the person pasted it; redacted here, before anything leaves the process. */
  text: string;
  /** Turned down already ("Not it"): the model is told, and an answer naming one is ignored. */
  refused: readonly SymptomId[];
  /** The classifier's own unsure pick: not a suggestion when the model merely repeats it. */
  classifierPick?: SymptomId;
}

export type SecondOpinionOutcome =
  | { kind: 'suggested'; reply: Reply; symptom: SymptomId }
  /** Today's answer stands; `adminNote` diagnoses the bot's own failed call, for an admin. */
  | { kind: 'fallback'; adminNote?: ReplySection };

/** The classifier said none, or a symptom below the confident tier: worth a second opinion. */
export function wantsSecondOpinion(diagnosis: Diagnosis): boolean {
  return diagnosis.symptom === 'none' || diagnosis.confidence < CONFIDENT_AT;
}

/** An admin hears of the bot's own failure once per kind and cooldown, not on every ask. */
const failureKey = (kind: string) => `llm-failure:${kind}`;

/**
 * Asks the model (when LLM_BASE_URL configured one) and turns its answer into our reply for that
 * symptom. Anything else (off, over budget, timeout, HTTP error, malformed JSON, an unknown or
 * refused id, `none`) falls back to today's answer; the bot's own connection failure becomes a
 * note for admins.
 */
export async function consultSecondOpinion(
  ask: SecondOpinionAsk,
  deps: ConversationDeps,
): Promise<SecondOpinionOutcome> {
  const opinion = deps.secondOpinion;
  if (!opinion || ask.text.trim() === '') return { kind: 'fallback' };
  const redactedText = redactAroundNormalization(ask.text, normalizePaste).text;
  // The model is told only what the person refused; naming the classifier's own unsure pick is
  // agreement, and then the classifier's reply (today's) stands.
  const exclude = ask.classifierPick ? [...ask.refused, ask.classifierPick] : [...ask.refused];
  const answer = await opinion.ask({
    redactedText,
    exclude: ask.refused,
    budgetKey: `${ask.platform}:${ask.channelId}`,
  });
  if (answer.ok) {
    const { symptom } = answer;
    if (symptom === 'none' || exclude.includes(symptom)) return { kind: 'fallback' };
    const reply = buildSuggestedReply({
      symptom,
      model: answer.model,
      why: answer.why,
      refused: ask.refused,
      next: ask.classifierPick ? [ask.classifierPick] : [],
    });
    return { kind: 'suggested', reply, symptom };
  }
  const { failure } = answer;
  if (!ask.isAdmin || !isOwnFailure(failure)) return { kind: 'fallback' };
  const kind = failure.kind === 'gateway' ? `http-${failure.status}` : failure.kind;
  if (!(await deps.state.claim(failureKey(kind), deps.settings.cooldownSeconds))) {
    return { kind: 'fallback' };
  }
  const identity = await opinion.whoAmI?.().catch(() => undefined);
  return { kind: 'fallback', adminNote: describeOwnFailure(failure, opinion.model, identity) };
}

/** Today's reply with the admin note (if any) under it. */
export function withAdminNote(reply: Reply, note: ReplySection | undefined): Reply {
  return note ? { ...reply, sections: [...reply.sections, note] } : reply;
}

/**
 * LLM_FOR=unsure: the private "Diagnose this?" offer names the model's symptom when it names
 * another one than the unsure classifier; otherwise the offer is today's.
 */
export async function buildOfferWithSecondOpinion(
  ask: SecondOpinionAsk,
  matched: SymptomDiagnosis,
  deps: ConversationDeps,
): Promise<Reply> {
  const offer = buildPromptReply(matched);
  if (deps.settings.secondOpinionFor !== 'unsure') return offer;
  const second = await consultSecondOpinion({ ...ask, isAdmin: false }, deps);
  if (second.kind !== 'suggested') return offer;
  const suggested = buildPromptReply({ ...matched, symptom: second.symptom });
  const model = deps.secondOpinion?.model ?? 'the model';
  return {
    ...suggested,
    summary: `${suggested.summary} (${suggestedByLine(model)})`,
    evidence: [],
  };
}

/**
 * "Not it" with no likelier symptom left: before the picker, the model gets the paste (when the
 * platform still has it) and the ids already turned down. Undefined: show the picker, as today.
 */
export async function answerNotItWithSecondOpinion(
  invocation: ActionInvocation,
  refused: readonly SymptomId[],
  deps: ConversationDeps,
): Promise<Reply | undefined> {
  if (!invocation.pastedText) return undefined;
  const second = await consultSecondOpinion(
    {
      platform: invocation.platform,
      channelId: invocation.channelId,
      userId: invocation.userId,
      isAdmin: false,
      text: invocation.pastedText,
      refused,
    },
    deps,
  );
  return second.kind === 'suggested' ? second.reply : undefined;
}
