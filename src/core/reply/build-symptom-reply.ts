import { CHECK_LABELS } from '../checks/check-ids.js';
import type { CaveatId, Diagnosis, Evidence } from '../classify/diagnosis.js';
import { CAVEATS } from '../knowledge/caveats.js';
import { findSymptomById } from '../knowledge/index.js';
import type { SymptomEntry } from '../knowledge/symptom-entry.js';
import type { SymptomId } from '../knowledge/symptom-ids.js';
import { encodeActionId } from './action-id.js';
import { describeEvidence } from './describe-evidence.js';
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
    ...symptomBody(entry, diagnosis.caveats, diagnosis.evidence),
    kind: 'diagnosis',
    evidence: describeEvidence(diagnosis.evidence),
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
  options: {
    refused?: SymptomId[];
    next?: SymptomId[];
    caveats?: CaveatId[];
    /** A `topic` item (the asker's words) can point at a deeper section. */
    evidence?: Evidence[];
  } = {},
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
  return {
    ...symptomBody(entry, options.caveats ?? [], options.evidence ?? []),
    kind: 'topic',
    evidence: [],
    actions,
  };
}

function symptomBody(
  entry: SymptomEntry,
  caveats: readonly CaveatId[],
  evidence: readonly Evidence[],
): Pick<
  Reply,
  'title' | 'summary' | 'warnings' | 'cause' | 'steps' | 'sections' | 'moreInDocs' | 'docsUrl'
> {
  const { warnings, notes } = caveatSections(caveats);
  // A deeper section costs ~500 characters: show it only when the paste or the question points
  // at it, else name it in one line beside the docs link.
  const pointedAt = evidence.map((item) => item.excerpt.toLowerCase());
  const shown = entry.deeper.filter((deeper) =>
    deeper.shownFor.some((word) => pointedAt.some((excerpt) => excerpt.includes(word))),
  );
  const more = entry.deeper.filter((deeper) => !shown.includes(deeper)).map((d) => d.title);
  return {
    title: entry.title,
    summary: entry.summary,
    ...(warnings.length > 0 ? { warnings } : {}),
    cause: entry.cause,
    steps: entry.steps.map((step) => ({ ...step })),
    sections: [...notes, ...shown.map((deeper) => ({ heading: deeper.title, body: deeper.body }))],
    ...(more.length > 0 ? { moreInDocs: more } : {}),
    docsUrl: entry.docsUrl,
  };
}

/**
 * Caveats as reply text: a pasted secret is a warning (shown before the header, because it
 * matters more than the diagnosis), the others are notes under the steps.
 */
export function caveatSections(caveats: readonly CaveatId[]): {
  warnings: ReplySection[];
  notes: ReplySection[];
} {
  const section = (id: CaveatId): ReplySection => ({
    heading: CAVEATS[id].title,
    body: CAVEATS[id].body,
  });
  return {
    warnings: caveats.filter((id) => id === 'secret-pasted').map(section),
    notes: caveats.filter((id) => id !== 'secret-pasted').map(section),
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
