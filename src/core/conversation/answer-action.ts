import type { SymptomId } from '../knowledge/symptom-ids.js';
import { decodeActionId } from '../reply/action-id.js';
import {
  buildNoticeReply,
  buildSilentReply,
  buildSolvedReply,
  buildSymptomPickerReply,
  buildVerdictNotedReply,
} from '../reply/build-other-replies.js';
import { recordVerdict } from '../feedback/record-verdict.js';
import { buildTopicReply } from '../reply/build-symptom-reply.js';
import type { Reply } from '../reply/reply.js';
import type { ConversationDeps, FeedbackVerdict } from './conversation-deps.js';
import { fitActions } from './fit-actions.js';
import type { ActionInvocation } from './incoming.js';
import { SOLVED_CLAIM_SECONDS, stateKeys } from './noise-control.js';
import { runCheckForReply } from './run-check-for-reply.js';
import { answerNotItWithSecondOpinion } from './second-opinion-hook.js';

/**
 * Serves a button click. The id carries everything needed, so any replica can answer it; an id
 * that does not decode (an older version, or forged) gets a polite private notice.
 */
export async function answerAction(
  invocation: ActionInvocation,
  deps: ConversationDeps,
): Promise<Reply> {
  return fitActions(await answerClick(invocation, deps), invocation.platform, deps.settings);
}

async function answerClick(invocation: ActionInvocation, deps: ConversationDeps): Promise<Reply> {
  const action = decodeActionId(invocation.actionId);
  if (!action) {
    return buildNoticeReply(
      'This button no longer works',
      'It comes from an older version of Aperture Doctor. Ask again with `/aperture why <topic>`.',
    );
  }
  // A click that labels the paste (Solved, a pick, Something else, an offer taken or dismissed).
  if (action.type !== 'solved') await recordVerdict(action, invocation, deps);
  switch (action.type) {
    case 'check':
      return runCheckForReply(action.checkId, invocation, deps, invocation.pastedText);
    case 'show':
      await recordFeedback(deps, invocation, action.symptom, 'offer-accepted');
      return buildTopicReply(action.symptom);
    case 'solved': {
      // One verdict per reply: the first click edits it in place, later ones change nothing.
      const key = stateKeys.solved(
        invocation.platform,
        invocation.channelId,
        invocation.messageId ?? action.symptom,
      );
      if (!(await deps.state.claim(key, SOLVED_CLAIM_SECONDS))) return buildSilentReply();
      await recordVerdict(action, invocation, deps);
      await recordFeedback(deps, invocation, action.symptom, 'solved');
      return buildSolvedReply(invocation.userId);
    }
    case 'not-it': {
      await recordFeedback(deps, invocation, action.symptom, 'not-it');
      const [next, ...rest] = action.next;
      if (next === undefined) {
        const refused = [...action.refused, action.symptom];
        return (
          (await answerNotItWithSecondOpinion(invocation, refused, deps)) ??
          buildSymptomPickerReply(refused)
        );
      }
      return buildTopicReply(next, { refused: [...action.refused, action.symptom], next: rest });
    }
    case 'pick':
      await recordFeedback(deps, invocation, action.symptom, 'picked');
      return buildTopicReply(action.symptom);
    case 'other':
      await recordFeedback(deps, invocation, action.symptom, 'something-else');
      return buildVerdictNotedReply('something-else');
    case 'dismiss':
      await recordFeedback(deps, invocation, action.symptom, 'offer-dismissed');
      return buildVerdictNotedReply('offer-dismissed');
  }
}

async function recordFeedback(
  deps: ConversationDeps,
  invocation: ActionInvocation,
  symptom: SymptomId,
  verdict: FeedbackVerdict,
): Promise<void> {
  await deps.state.increment(stateKeys.feedback(symptom, verdict));
  deps.observe?.({ type: 'feedback', platform: invocation.platform, symptom, verdict });
}
