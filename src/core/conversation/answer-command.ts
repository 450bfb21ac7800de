import { CHECK_IDS } from '../checks/check-ids.js';
import { buildDoctorReply, runDoctor } from '../checks/doctor-report.js';
import { classifyText } from '../classify/classify-text.js';
import { classifyTopic } from '../classify/classify-topic.js';
import { redactSecrets } from '../classify/redact-secrets.js';
import { parseCommand } from '../commands/parse-command.js';
import { SYMPTOMS } from '../knowledge/index.js';
import {
  buildHelpReply,
  buildNoMatchReply,
  buildNoticeReply,
  buildSymptomListReply,
} from '../reply/build-other-replies.js';
import { buildDiagnosisReply, buildTopicReply } from '../reply/build-symptom-reply.js';
import type { Reply } from '../reply/reply.js';
import type { Diagnosis } from '../classify/diagnosis.js';
import { buildWhoamiReply } from '../reply/build-whoami-reply.js';
import { answerStats } from '../feedback/answer-stats.js';
import { runCheckForReply } from './run-check-for-reply.js';
import { consultSecondOpinion, wantsSecondOpinion, withAdminNote } from './second-opinion-hook.js';
import type { ConversationDeps } from './conversation-deps.js';
import { formatDuration } from './format-duration.js';
import { fitActions } from './fit-actions.js';
import type { CommandInvocation } from './incoming.js';
import { stateKeys } from './noise-control.js';

/**
 * Answers `/aperture …` on any platform. Unknown input gets help, never silence;
 * `reply.private` says whether only the invoker should see it.
 */
export async function answerCommand(
  invocation: CommandInvocation,
  deps: ConversationDeps,
): Promise<Reply> {
  return fitActions(await answerIntent(invocation, deps), invocation.platform, deps.settings);
}

async function answerIntent(invocation: CommandInvocation, deps: ConversationDeps): Promise<Reply> {
  const intent = parseCommand(invocation.text);
  const { platform, channelId } = invocation;
  switch (intent.kind) {
    case 'empty':
    case 'help':
      return buildHelpReply();
    case 'list':
      return buildSymptomListReply();
    case 'whoami':
      // The console applies a change before it asks (console-listeners); elsewhere it is refused.
      return buildWhoamiReply(invocation.requester, {
        ignoredChange: intent.set !== undefined && platform !== 'console',
      });
    case 'why':
      return answerWhy(intent.topic);
    case 'check':
      return runCheckForReply(intent.checkId, invocation, deps);
    case 'doctor':
      return answerDoctor(invocation, deps);
    case 'stats':
      return answerStats(invocation, deps);
    case 'unknown-check':
      return buildNoticeReply(
        `There is no check called "${intent.given.slice(0, 40)}"`,
        `Checks I can run: ${CHECK_IDS.join(', ')}.`,
      );
    case 'mute':
      await deps.state.put(
        stateKeys.mute(platform, channelId),
        String(deps.clock()),
        intent.seconds,
      );
      return buildNoticeReply(
        `Muted for ${formatDuration(intent.seconds)}`,
        'I will not diagnose pasted errors in this channel unasked until then. `/aperture unmute` turns me back on; `/aperture <error>` still works.',
        { private: false },
      );
    case 'bad-duration':
      return buildNoticeReply(
        `"${intent.given}" is not a duration I understand`,
        'Use a number and a unit up to a week, for example `/aperture mute 30m`, `2h` or `1d`.',
      );
    case 'unmute':
      await deps.state.delete(stateKeys.mute(platform, channelId));
      return buildNoticeReply(
        'Unmuted',
        'I will diagnose pasted Aperture errors in this channel again.',
        { private: false },
      );
    case 'diagnose': {
      // One word is a mistyped command or a topic ("/aperture 403"), not a paste to diagnose.
      if (!/\s/.test(intent.text)) return answerOneWord(intent.text);
      const diagnosis = classifyText(intent.text);
      deps.observe?.({
        type: 'diagnosed',
        platform,
        symptom: diagnosis.symptom,
        confidence: diagnosis.confidence,
      });
      return answerDiagnose(invocation, intent.text, diagnosis, deps);
    }
  }
}

/** `/aperture <paste>`: the classifier's answer, or the model's when the classifier is unsure. */
async function answerDiagnose(
  invocation: CommandInvocation,
  text: string,
  diagnosis: Diagnosis,
  deps: ConversationDeps,
): Promise<Reply> {
  const unsure = wantsSecondOpinion(diagnosis);
  const pick = diagnosis.symptom === 'none' ? undefined : diagnosis.symptom;
  const second = unsure
    ? await consultSecondOpinion(
        {
          platform: invocation.platform,
          channelId: invocation.channelId,
          userId: invocation.userId,
          // Its failure note goes only into a private answer.
          isAdmin: invocation.requester.isAdmin && pick === undefined,
          text,
          refused: [],
          ...(pick ? { classifierPick: pick } : {}),
        },
        deps,
      )
    : undefined;
  if (second?.kind === 'suggested') return second.reply;
  return pick === undefined
    ? withAdminNote({ ...buildNoMatchReply(diagnosis), private: true }, second?.adminNote)
    : buildDiagnosisReply({ ...diagnosis, symptom: pick });
}

/** `/aperture <word>`: that topic when it names one, else the help, privately. */
function answerOneWord(word: string): Reply {
  const answer = classifyTopic(word);
  return answer && answer.via !== 'classifier' ? buildTopicReply(answer.symptom) : buildHelpReply();
}

/** `why <topic>`: a topic word, a topic phrase among the words, then the classifier. */
function answerWhy(topic: string): Reply {
  const answer = classifyTopic(topic);
  if (answer) {
    const caveats = answer.via === 'classifier' ? classifyText(topic).caveats : [];
    return buildTopicReply(answer.symptom, { caveats });
  }
  const examples = SYMPTOMS.map((symptom) => symptom.topics[0]).join(', ');
  // The topic is echoed, so a key typed after `why` is masked first, then cut.
  const shown = redactSecrets(topic).text;
  return buildNoticeReply(
    `I don't know the topic "${shown.length > 60 ? `${shown.slice(0, 60)}…` : shown}"`,
    `Try a status code, a symptom id or a keyword: ${examples}. \`/aperture list\` shows them all.`,
  );
}

/** `doctor`: every check at once. It reveals configuration, so admins only, and privately. */
async function answerDoctor(invocation: CommandInvocation, deps: ConversationDeps): Promise<Reply> {
  if (!invocation.requester.isAdmin) {
    return buildNoticeReply(
      '`/aperture doctor` shows configuration, so only admins can run it',
      "Admins are the user ids listed in ADMIN_USERS; or run `aperture-doctor doctor` on the bot's host.",
    );
  }
  const report = await runDoctor((id) => deps.runCheck(id, invocation.requester));
  return buildDoctorReply(report);
}
