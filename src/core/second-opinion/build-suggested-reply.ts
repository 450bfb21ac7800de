import { findSymptomById } from '../knowledge/index.js';
import type { SymptomId } from '../knowledge/symptom-ids.js';
import { encodeActionId } from '../reply/action-id.js';
import { buildTopicReply } from '../reply/build-symptom-reply.js';
import type { Reply } from '../reply/reply.js';

/** Longest model name shown: a gateway's routing name can be a long path. */
const MODEL_NAME_CHARS = 60;

export interface Suggestion {
  symptom: SymptomId;
  model: string;
  /** The model's one sentence; its only text the reply shows (never steps). */
  why: string;
  /** Already turned down ("Not it"), carried on the new "Not it". */
  refused: readonly SymptomId[];
  /** What "Not it" shows next (the classifier's own unsure pick, when there was one). */
  next: readonly SymptomId[];
}

/** "suggested by <model>, not matched by rules": the marker every suggested reply carries. */
export function suggestedByLine(model: string): string {
  return `suggested by \`${model.slice(0, MODEL_NAME_CHARS)}\`, not matched by rules`;
}

/**
 * The reply for a symptom the model named: **our** knowledge entry's cause and steps, marked as
 * the model's suggestion (in the summary, which notifications show, before the cause, and in what
 * matched, with the model's one sentence), always with "Not it".
 */
export function buildSuggestedReply(suggestion: Suggestion): Reply {
  const { symptom, model, why } = suggestion;
  const refused = suggestion.refused.filter((id) => id !== symptom);
  const next = suggestion.next.filter((id) => id !== symptom && !refused.includes(id)).slice(0, 3);
  const base = buildTopicReply(symptom, { refused, next });
  const notIt = encodeActionId({ type: 'not-it', symptom, refused, next });
  const marker = suggestedByLine(model);
  return {
    ...base,
    kind: 'diagnosis',
    summary: `${capitalise(marker)}: ${findSymptomById(symptom).summary}`,
    // Every renderer shows the cause right under the title: the marker cannot be missed there.
    cause: `${capitalise(marker)}. ${base.cause ?? ''}`.trim(),
    evidence: [why ? `${capitalise(marker)}: ${why}` : capitalise(marker)],
    actions: base.actions.some((action) => action.id === notIt)
      ? base.actions
      : [...base.actions, { id: notIt, label: 'Not it', style: 'secondary' }],
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
