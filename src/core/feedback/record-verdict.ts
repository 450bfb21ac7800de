import { classifyText } from '../classify/classify-text.js';
import { hashFeature } from '../classify/learned/feature-vector.js';
import { normalizePaste } from '../classify/normalize-paste.js';
import { redactAroundNormalization } from '../classify/redact-secrets.js';
import type { SymptomOrNone } from '../knowledge/symptom-ids.js';
import type { Action } from '../reply/action-id.js';
import type { ConversationDeps } from '../conversation/conversation-deps.js';
import type { ActionInvocation } from '../conversation/incoming.js';
import type { FeedbackExample, FieldVerdict } from './feedback-example.js';

/** A verdict is stored once per clicked message and person (a picker re-opened, a double click). */
const VERDICT_CLAIM_SECONDS = 24 * 60 * 60;

/** The verdict a click gives and the label it means; undefined for clicks that give none. */
export function verdictOf(
  action: Action,
): { verdict: FieldVerdict; label: SymptomOrNone } | undefined {
  switch (action.type) {
    case 'solved':
      return { verdict: 'solved', label: action.symptom };
    case 'pick':
      return { verdict: 'corrected', label: action.symptom };
    case 'other':
      return { verdict: 'something-else', label: 'none' };
    case 'show':
      return { verdict: 'offer-accepted', label: action.symptom };
    case 'dismiss':
      return { verdict: 'offer-dismissed', label: 'none' };
    default:
      // "Not it" alone is not a label yet: the next candidate, or the picker, gets the verdict.
      return undefined;
  }
}

/** Whether a click needs the pasted text from the platform (to store the example). */
export function verdictNeedsPaste(action: Action | undefined): boolean {
  return action !== undefined && verdictOf(action) !== undefined;
}

/**
 * Stores a click's verdict as a labelled example: the paste redacted as the classifier redacts
 * it, what the classifier predicts for it, the label the person gave, the platform, the time and
 * a salted hash of the user. Never throws: a lost example must not cost the person their answer.
 */
export async function recordVerdict(
  action: Action,
  invocation: ActionInvocation,
  deps: ConversationDeps,
): Promise<void> {
  const given = verdictOf(action);
  if (given) await storeExample(given, invocation, deps);
}

/**
 * Discord's 🩺 offer taken by the poster (a reaction, not a button): an accepted offer, labelled
 * with the symptom the classifier offered.
 */
export async function recordOfferTaken(
  taken: Pick<ActionInvocation, 'platform' | 'channelId' | 'userId' | 'messageId' | 'pastedText'>,
  deps: ConversationDeps,
): Promise<void> {
  await storeExample({ verdict: 'offer-accepted', label: 'as-predicted' }, taken, deps);
}

async function storeExample(
  given: { verdict: FieldVerdict; label: SymptomOrNone | 'as-predicted' },
  invocation: Pick<
    ActionInvocation,
    'platform' | 'channelId' | 'userId' | 'messageId' | 'pastedText'
  >,
  deps: ConversationDeps,
): Promise<void> {
  const store = deps.feedback;
  const pasted = invocation.pastedText?.trim();
  if (!store || !pasted) return;
  try {
    const text = redactAroundNormalization(pasted, normalizePaste).text.trim();
    if (text === '') return;
    const user = await store.pseudonym(invocation.platform, invocation.userId);
    // Slack may leave out an ephemeral message's ts: the paste tells such clicks apart then.
    const key = `verdict:${invocation.platform}:${invocation.channelId}:${invocation.messageId ?? ''}:${user}:${hashFeature(text).toString(36)}`;
    if (!(await deps.state.claim(key, VERDICT_CLAIM_SECONDS))) return;
    const diagnosis = classifyText(pasted);
    const example: FeedbackExample = {
      text,
      predicted: diagnosis.symptom,
      confidence: diagnosis.confidence,
      label: given.label === 'as-predicted' ? diagnosis.symptom : given.label,
      verdict: given.verdict,
      platform: invocation.platform,
      at: deps.clock(),
      user,
    };
    await store.record(example);
  } catch {
    // The runtime's store logs its own failures; the click is still answered.
  }
}
