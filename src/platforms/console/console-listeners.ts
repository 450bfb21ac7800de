import { answerAction } from '../../core/conversation/answer-action.js';
import { answerCommand } from '../../core/conversation/answer-command.js';
import { answerMessage } from '../../core/conversation/answer-message.js';
import type { ConversationDeps } from '../../core/conversation/conversation-deps.js';
import { SYMPTOMS } from '../../core/knowledge/index.js';
import type { Reply, ReplyAction } from '../../core/reply/reply.js';
import type { Requester } from '../../core/checks/follow-up-check.js';
import { parseCommand } from '../../core/commands/parse-command.js';
import {
  CONSOLE_CHANNEL,
  CONSOLE_REQUESTER,
  parseConsoleInput,
  toCommandInvocation,
  toIncomingMessage,
} from './console-to-core.js';
import { decodeActionId } from '../../core/reply/action-id.js';
import { PLAIN_STYLE, type ConsoleStyle } from './console-style.js';
import { renderConsoleText } from './render-console-text.js';

const SILENCE_NOTES: Record<string, string> = {
  'no-diagnosis':
    '(no reply: this does not look like an Aperture problem; `/aperture <text>` asks me anyway)',
  muted: '(no reply: unasked diagnoses are muted here; `/aperture unmute` turns them back on)',
  duplicate: '(no reply: already answered)',
  'already-answered': '(no reply: already answered in this thread)',
  cooldown:
    '(no reply: I answered the same symptom here a moment ago; `/aperture <text>` asks me anyway)',
  'not-listening': '(no reply: this channel is not in LISTEN_CHANNELS)',
};

/** What a number can pick: a button under an answer, or a symptom of `/aperture list`. */
type Choice = { kind: 'action'; action: ReplyAction } | { kind: 'command'; text: string };

export interface ConsoleSessionOptions {
  /** Who is asking at first; by default the operator, an admin. */
  requester?: Requester;
  /** Colours for a terminal; plain by default. */
  style?: ConsoleStyle;
}

export interface AnswerOptions {
  /** Called before a slow step (a check can take 5 s) with a line to show meanwhile. */
  progress?(line: string): void;
}

/**
 * One console conversation: remembers the last numbered list shown (the choices under an answer,
 * or the symptoms of `/aperture list`) and the paste the choices concern.
 */
export class ConsoleSession {
  #choices: Choice[] = [];
  /** Which answer the choices belong to: "Solved" counts once per answer. */
  #choicesOf = 0;
  #replies = 0;
  #lastPaste: string | undefined;
  #sequence = 0;
  /** Who is asking: changed by `/aperture whoami LOGIN`, `--admin`, `--no-admin`. */
  #requester: Requester;
  readonly #style: ConsoleStyle;

  constructor(
    private readonly deps: ConversationDeps,
    options: ConsoleSessionOptions = {},
  ) {
    this.#requester = options.requester ?? CONSOLE_REQUESTER;
    this.#style = options.style ?? PLAIN_STYLE;
  }

  /** Answers `/aperture …`, first playing whoever `whoami` names. */
  async #command(text: string): Promise<string> {
    const intent = parseCommand(text);
    if (intent.kind === 'whoami' && intent.set) {
      this.#requester = {
        ...this.#requester,
        ...(intent.set.login !== undefined ? { email: intent.set.login } : {}),
        ...(intent.set.admin !== undefined ? { isAdmin: intent.set.admin } : {}),
      };
    }
    return this.#show(await answerCommand(toCommandInvocation(text, this.#requester), this.deps));
  }

  /** Answers one complete input as the bot would in a channel; returns the text to print. */
  async answer(text: string, options: AnswerOptions = {}): Promise<string> {
    const input = parseConsoleInput(text);
    switch (input.kind) {
      case 'blank':
        return '';
      case 'command':
        return this.#command(input.text);
      case 'choice': {
        const choice = this.#choices[input.number - 1];
        if (!choice) return `${this.#style.caution(this.#noChoice(input.number))}\n`;
        if (choice.kind === 'command') return this.#command(choice.text);
        const action = choice.action;
        if (decodeActionId(action.id)?.type === 'check')
          options.progress?.(this.#style.quiet(`running ${action.label}…`));
        const reply = await answerAction(
          {
            platform: 'console',
            channelId: CONSOLE_CHANNEL,
            userId: 'console',
            actionId: action.id,
            requester: this.#requester,
            pastedText: this.#lastPaste,
            messageId: String(this.#choicesOf),
          },
          this.deps,
        );
        if (reply.silent) return `${this.#style.quiet('(no reply: already recorded)')}\n`;
        if (reply.updateClicked)
          return `${this.#style.quiet('(marked as solved; thanks: that helps tune the diagnoses)')}\n`;
        return this.#show(reply);
      }
      case 'paste': {
        this.#lastPaste = input.text;
        const outcome = await answerMessage(
          toIncomingMessage(input.text, ++this.#sequence),
          this.deps,
        );
        if (outcome.kind === 'silent')
          return `${this.#style.quiet(SILENCE_NOTES[outcome.reason] ?? '(no reply)')}\n`;
        return this.#show(outcome.reply);
      }
    }
  }

  /** "no choice 9: pick 1–5", or what to do when nothing numbered was shown yet. */
  #noChoice(number: number): string {
    const count = this.#choices.length;
    if (count === 0)
      return `(no choice ${number}: there is no numbered list to pick from yet; paste an error or type /aperture list)`;
    return `(no choice ${number}: pick ${count === 1 ? '1' : `1–${count}`})`;
  }

  #show(shown: Reply): string {
    // The symptom list is numbered: a number opens that symptom, as /aperture why <id> would.
    if (shown.kind === 'symptom-list' && shown.steps.length === SYMPTOMS.length) {
      this.#choices = SYMPTOMS.map((entry) => ({ kind: 'command', text: `why ${entry.id}` }));
      return `${renderConsoleText(shown, this.#style)}\nA number opens that symptom.\n`;
    }
    // The console has no menus: a picker's options become numbered choices like buttons.
    const reply: Reply = shown.picker
      ? {
          ...shown,
          actions: shown.picker.options.map((option) => ({
            id: option.value,
            label: option.label,
            style: 'secondary',
          })),
        }
      : shown;
    // A reply without buttons keeps the previous choices, so "1" after a check result re-runs it.
    if (reply.actions.length > 0) {
      this.#choices = reply.actions.map((action) => ({ kind: 'action', action }));
      this.#choicesOf = ++this.#replies;
    }
    return renderConsoleText(reply, this.#style);
  }
}
