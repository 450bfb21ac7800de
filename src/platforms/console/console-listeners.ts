import { answerAction } from '../../core/conversation/answer-action.js';
import { answerCommand } from '../../core/conversation/answer-command.js';
import { answerMessage } from '../../core/conversation/answer-message.js';
import type { ConversationDeps } from '../../core/conversation/conversation-deps.js';
import type { Reply } from '../../core/reply/reply.js';
import {
  CONSOLE_CHANNEL,
  CONSOLE_REQUESTER,
  parseConsoleInput,
  toCommandInvocation,
  toIncomingMessage,
} from './console-to-core.js';
import { renderConsoleText } from './render-console-text.js';

const SILENCE_NOTES: Record<string, string> = {
  'no-diagnosis':
    '(no reply: this does not look like an Aperture problem; `/aperture <text>` asks me anyway)',
  muted: '(no reply: unasked diagnoses are muted here; `/aperture unmute` turns them back on)',
  duplicate: '(no reply: already answered)',
  'already-answered': '(no reply: already answered in this thread)',
  cooldown: '(no reply: I answered the same symptom here a moment ago)',
  'not-listening': '(no reply: this channel is not in LISTEN_CHANNELS)',
};

/** One console conversation: remembers the last reply's choices and the paste they concern. */
export class ConsoleSession {
  #choices: Reply['actions'] = [];
  /** Which answer the choices belong to: "Solved" counts once per answer. */
  #choicesOf = 0;
  #replies = 0;
  #lastPaste: string | undefined;
  #sequence = 0;

  constructor(private readonly deps: ConversationDeps) {}

  /** Answers one complete input as the bot would in a channel; returns the text to print. */
  async answer(text: string): Promise<string> {
    const input = parseConsoleInput(text, this.#choices.length);
    switch (input.kind) {
      case 'blank':
        return '';
      case 'command':
        return this.#show(await answerCommand(toCommandInvocation(input.text), this.deps));
      case 'choice': {
        const action = this.#choices[input.index];
        if (!action) return '';
        const reply = await answerAction(
          {
            platform: 'console',
            channelId: CONSOLE_CHANNEL,
            userId: 'console',
            actionId: action.id,
            requester: CONSOLE_REQUESTER,
            pastedText: this.#lastPaste,
            messageId: String(this.#choicesOf),
          },
          this.deps,
        );
        if (reply.silent) return '(no reply: already recorded)\n';
        if (reply.updateClicked)
          return '(marked as solved; thanks: that helps tune the diagnoses)\n';
        return this.#show(reply);
      }
      case 'paste': {
        this.#lastPaste = input.text;
        const outcome = await answerMessage(
          toIncomingMessage(input.text, ++this.#sequence),
          this.deps,
        );
        if (outcome.kind === 'silent') return `${SILENCE_NOTES[outcome.reason] ?? '(no reply)'}\n`;
        return this.#show(outcome.reply);
      }
    }
  }

  #show(shown: Reply): string {
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
      this.#choices = reply.actions;
      this.#choicesOf = ++this.#replies;
    }
    return renderConsoleText(reply);
  }
}
