import { CHECK_IDS, CHECK_LABELS } from '../checks/check-ids.js';
import type { CheckResult } from '../checks/follow-up-check.js';
import type { Diagnosis } from '../classify/diagnosis.js';
import { SYMPTOMS, findSymptomById } from '../knowledge/index.js';
import type { SymptomId } from '../knowledge/symptom-ids.js';
import { encodeActionId } from './action-id.js';
import { caveatSections } from './build-symptom-reply.js';
import { describeEvidence } from './describe-evidence.js';
import type { Reply } from './reply.js';

const TROUBLESHOOTING_URL = 'https://tailscale.com/docs/aperture/troubleshooting';

function emptyReply(kind: Reply['kind'], title: string, summary: string): Reply {
  return { kind, title, summary, steps: [], sections: [], evidence: [], actions: [] };
}

/** `/aperture help`: every command, shown to the asker only. */
export function buildHelpReply(): Reply {
  return {
    ...emptyReply(
      'help',
      'Aperture Doctor',
      'Diagnoses Aperture by Tailscale errors pasted in chat.',
    ),
    private: true,
    steps: [
      { text: 'Paste an error in a channel I am in: I answer in its thread when I recognise it.' },
      {
        text: 'Explain a symptom by status code, id or keyword (403, dns, quota, vpn, https…):',
        command: '/aperture why 403',
      },
      { text: 'Diagnose a paste explicitly:', command: '/aperture <pasted error text>' },
      { text: 'List the symptoms I know:', command: '/aperture list' },
      { text: `Run a live check (${CHECK_IDS.join(', ')}):`, command: '/aperture check dns' },
      {
        text: 'Every configured check at once, read-only (admins; the report is private):',
        command: '/aperture doctor',
      },
      {
        text: 'How the diagnoses fared with people, per symptom (admins; private):',
        command: '/aperture stats',
      },
      {
        text: 'Stop unasked diagnoses in this channel for a while (30m, 2h, 1d; default 1h):',
        command: '/aperture mute 2h',
      },
      { text: 'Resume them:', command: '/aperture unmute' },
      {
        text: 'Your user id, whether you are an admin (ADMIN_USERS) and the login grant checks use:',
        command: '/aperture whoami',
      },
    ],
    docsUrl: TROUBLESHOOTING_URL,
  };
}

/** `/aperture list`: the symptom table with the topics each answers to. */
export function buildSymptomListReply(): Reply {
  return {
    ...emptyReply(
      'symptom-list',
      'Symptoms I can diagnose',
      `${SYMPTOMS.length} known Aperture symptoms.`,
    ),
    private: true,
    steps: SYMPTOMS.map((entry) => ({
      text: `\`${entry.id}\`: ${entry.summary} (ask: ${entry.topics.slice(0, 4).join(', ')})`,
    })),
    docsUrl: TROUBLESHOOTING_URL,
  };
}

/** What the no-match hint names: people recognise their error by these words. */
const RECOGNISED_HINT =
  'I recognise Aperture errors such as `403 access denied`, `429` quotas, `ai` not resolving, an expired node key, Mullvad exit nodes, `https://` instead of `http://`, 404/405 and blocked or failing hooks: `/aperture list` shows them all.';

/**
 * An explicit request whose text matched no symptom: say so privately (a public "no match" under
 * somebody's message is noise), with one line of what I do recognise; never guess.
 */
export function buildNoMatchReply(diagnosis: Diagnosis): Reply {
  // The rotation warning matters most when nothing else in the reply does.
  const { warnings } = caveatSections(diagnosis.caveats);
  return {
    ...emptyReply('notice', 'No known Aperture problem matched', RECOGNISED_HINT),
    private: true,
    ...(warnings.length > 0 ? { warnings } : {}),
    docsUrl: TROUBLESHOOTING_URL,
  };
}

/** The private "Diagnose this?" offer for a paste the classifier is unsure of. */
export function buildPromptReply(diagnosis: Diagnosis & { symptom: SymptomId }): Reply {
  const entry = findSymptomById(diagnosis.symptom);
  return {
    ...emptyReply('prompt', 'Diagnose this?', `This may be: ${entry.title}.`),
    private: true,
    evidence: describeEvidence(diagnosis.evidence),
    actions: [
      {
        id: encodeActionId({ type: 'show', symptom: entry.id }),
        label: 'Diagnose',
        style: 'primary',
      },
      // Waving the offer off is a verdict too: the offer was a false alarm for this person.
      {
        id: encodeActionId({ type: 'dismiss', symptom: entry.id }),
        label: 'Not now',
        style: 'secondary',
      },
    ],
  };
}

const STATUS_WORD: Record<CheckResult['status'], string> = {
  pass: 'passed',
  warn: 'passed with a warning',
  fail: 'failed',
  'could-not-run': 'could not run',
};

/** A follow-up check's result, posted in the thread of the diagnosis it follows. */
export function buildCheckReply(result: CheckResult): Reply {
  const label = CHECK_LABELS[result.checkId];
  return {
    ...emptyReply('check-result', `${label}: ${STATUS_WORD[result.status]}`, result.summary),
    status: result.status,
    sections:
      result.details.length > 0 ? [{ heading: 'Details', body: result.details.join('\n') }] : [],
  };
}

/**
 * "Not it" with no likelier symptom left: a private menu of the others, so the person can say
 * what it was; the choice answers in the thread and is recorded as feedback.
 */
export function buildSymptomPickerReply(exclude: readonly SymptomId[]): Reply {
  const options = SYMPTOMS.filter((entry) => !exclude.includes(entry.id)).map((entry) => ({
    label: entry.title.replace(/`/g, ''),
    value: encodeActionId({ type: 'pick', symptom: entry.id }),
  }));
  // "Something else": a false alarm, or a problem I do not know; recorded as `none`.
  const refused = exclude[exclude.length - 1];
  if (refused !== undefined)
    options.push({
      label: 'Something else',
      value: encodeActionId({ type: 'other', symptom: refused }),
    });
  return {
    ...emptyReply(
      'picker',
      'What was it?',
      'I have no other likely match. Pick the symptom it was: I will show its steps in the thread, and it helps tune the diagnoses.',
    ),
    private: true,
    picker: { placeholder: 'Choose a symptom', options },
  };
}

/** The reply to a first "Solved": the platform edits the clicked reply in place. */
export function buildSolvedReply(userId: string): Reply {
  return {
    ...emptyReply('notice', 'Marked as solved', 'Thanks: that helps tune the diagnoses.'),
    updateClicked: { solvedBy: userId },
  };
}

/** A click that changes nothing: platforms post nothing. */
export function buildSilentReply(): Reply {
  return {
    ...emptyReply('notice', 'Nothing to do', 'Already recorded.'),
    silent: true,
    private: true,
  };
}

/** A short confirmation or error for the asker. */
export function buildNoticeReply(
  title: string,
  summary: string,
  options: { private?: boolean } = {},
): Reply {
  return { ...emptyReply('notice', title, summary), private: options.private ?? true };
}

/** "Something else" from the picker, or "Not now" on an offer: thanks, privately. */
export function buildVerdictNotedReply(verdict: 'something-else' | 'offer-dismissed'): Reply {
  return verdict === 'something-else'
    ? buildNoticeReply(
        'Noted: not a problem I know',
        'Thanks: that helps tune the diagnoses. `/aperture list` shows what I recognise.',
      )
    : buildNoticeReply('Offer dismissed', 'Thanks: that helps tune when I offer a diagnosis.');
}
