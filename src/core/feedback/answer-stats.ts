import type { ConversationDeps } from '../conversation/conversation-deps.js';
import type { CommandInvocation } from '../conversation/incoming.js';
import { buildNoticeReply } from '../reply/build-other-replies.js';
import type { Reply } from '../reply/reply.js';
import { fieldAccuracy, type FieldAccuracy } from './field-accuracy.js';

/**
 * `/aperture stats`: how the diagnoses fared with the people who answered them, per symptom. The
 * texts people pasted stay out of it; admins only all the same, privately (it tells which errors
 * a team has).
 */
export async function answerStats(
  invocation: CommandInvocation,
  deps: ConversationDeps,
): Promise<Reply> {
  if (!invocation.requester.isAdmin) {
    return buildNoticeReply(
      '`/aperture stats` is for admins',
      "Admins are the user ids listed in ADMIN_USERS; or run `aperture-doctor feedback stats` on the bot's host.",
    );
  }
  if (!deps.feedback) {
    return buildNoticeReply('No verdicts are recorded', 'Feedback is off here (FEEDBACK=off).');
  }
  const examples = await deps.feedback.list().catch(() => undefined);
  if (!examples) {
    return buildNoticeReply('The verdicts could not be read', 'The feedback store did not answer.');
  }
  return buildStatsReply(fieldAccuracy(examples));
}

/** The per-symptom table as one line per symptom, which every platform renders alike. */
export function buildStatsReply(accuracy: FieldAccuracy): Reply {
  const summary =
    accuracy.precision === undefined
      ? 'No verdicts recorded yet: they come from Solved, Not it and the offers.'
      : `${(100 * accuracy.precision).toFixed(1)} % of ${accuracy.total} verdicts confirmed the diagnosis.`;
  return {
    kind: 'notice',
    title: 'Diagnoses in the field',
    summary,
    steps: [],
    sections:
      accuracy.rows.length > 0
        ? [
            {
              heading: 'Per predicted symptom: confirmed / corrected / false alarms',
              body: accuracy.rows
                .map(
                  (row) =>
                    `\`${row.symptom}\`: ${row.confirmed} / ${row.corrected} / ${row.falseAlarms}`,
                )
                .join('\n'),
            },
          ]
        : [],
    evidence: [],
    actions: [],
    private: true,
  };
}
