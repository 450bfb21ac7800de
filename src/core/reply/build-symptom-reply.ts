import { CHECK_LABELS } from '../checks/check-ids.js';
import type { CaveatId, Diagnosis } from '../classify/diagnosis.js';
import { CAVEATS } from '../knowledge/caveats.js';
import { findSymptomById } from '../knowledge/index.js';
import type { SymptomEntry } from '../knowledge/symptom-entry.js';
import type { SymptomId } from '../knowledge/symptom-ids.js';
import { encodeActionId } from './action-id.js';
import type { Reply, ReplyAction, ReplySection } from './reply.js';

/** A diagnosis that named a symptom. */
export type SymptomDiagnosis = Diagnosis & { symptom: SymptomId };

/** The reply to a paste the classifier matched: cause, steps, evidence, checks and feedback. */
export function buildDiagnosisReply(diagnosis: SymptomDiagnosis, refused: SymptomId[] = []): Reply {
  const entry = findSymptomById(diagnosis.symptom);
  const next = diagnosis.alternatives
    .map((alternative) => alternative.symptom)
    .filter((id) => id !== entry.id && !refused.includes(id))
    .slice(0, 3);
  return {
    ...symptomBody(entry, diagnosis.caveats),
    kind: 'diagnosis',
    evidence: diagnosis.evidence,
    actions: [
      ...checkActions(entry),
      feedbackAction({ type: 'solved', symptom: entry.id }, 'Solved', 'primary'),
      feedbackAction({ type: 'not-it', symptom: entry.id, refused, next }, 'Not it', 'secondary'),
    ],
  };
}

/**
 * The reply to `/aperture why <topic>`, to "Not it" (the next candidate, `refused` carrying those
 * already turned down) and to a "Diagnose this?" prompt.
 */
export function buildTopicReply(
  symptom: SymptomId,
  options: { refused?: SymptomId[]; next?: SymptomId[]; caveats?: CaveatId[] } = {},
): Reply {
  const entry = findSymptomById(symptom);
  const refused = options.refused ?? [];
  const next = (options.next ?? []).filter((id) => id !== symptom && !refused.includes(id));
  const actions = [
    ...checkActions(entry),
    feedbackAction({ type: 'solved', symptom }, 'Solved', 'primary'),
  ];
  if (refused.length > 0 || next.length > 0) {
    actions.push(feedbackAction({ type: 'not-it', symptom, refused, next }, 'Not it', 'secondary'));
  }
  return { ...symptomBody(entry, options.caveats ?? []), kind: 'topic', evidence: [], actions };
}

function symptomBody(entry: SymptomEntry, caveats: readonly CaveatId[]) {
  // A pasted secret matters more than the diagnosis: its warning goes first.
  const ordered = [...caveats].sort(
    (a, b) => Number(b === 'secret-pasted') - Number(a === 'secret-pasted'),
  );
  const caveatSections: ReplySection[] = ordered.map((id) => ({
    heading: CAVEATS[id].title,
    body: CAVEATS[id].body,
  }));
  return {
    title: entry.title,
    summary: entry.summary,
    cause: entry.cause,
    steps: entry.steps.map((step) => ({ ...step })),
    sections: [
      ...caveatSections,
      ...entry.deeper.map((deeper) => ({ heading: deeper.title, body: deeper.body })),
    ],
    docsUrl: entry.docsUrl,
  };
}

function checkActions(entry: SymptomEntry): ReplyAction[] {
  return entry.checkIds.map((checkId) => ({
    id: encodeActionId({ type: 'check', checkId, symptom: entry.id }),
    label: CHECK_LABELS[checkId],
    style: 'secondary',
  }));
}

function feedbackAction(
  action: Parameters<typeof encodeActionId>[0],
  label: string,
  style: ReplyAction['style'],
): ReplyAction {
  return { id: encodeActionId(action), label, style };
}
