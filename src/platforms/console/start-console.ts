import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { redactSecrets } from '../../core/classify/redact-secrets.js';
import type { Requester } from '../../core/checks/follow-up-check.js';
import type { ConversationDeps } from '../../core/conversation/conversation-deps.js';
import type { ChatPlatform } from '../chat-platform.js';
import {
  BracketedPasteInput,
  DISABLE_BRACKETED_PASTE,
  ENABLE_BRACKETED_PASTE,
  fromEditLine,
} from './bracketed-paste.js';
import { ANSI_STYLE, PLAIN_STYLE } from './console-style.js';
import { BLOCK_DELIMITER } from './console-to-core.js';
import { ConsoleSession } from './console-listeners.js';

export interface ConsolePlatformOptions {
  deps: ConversationDeps;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Print the greeting and prompts (a TTY); a pipe gets answers only. */
  interactive: boolean;
  /** Who is asking (`console --user LOGIN --admin`); by default the operator, an admin. */
  requester?: Requester;
  /** Colour the answers (a terminal without NO_COLOR, or FORCE_COLOR: see `wantsColour`). */
  colour?: boolean;
}

/** A TTY's input, whose raw mode readline switches. */
type RawModeStream = NodeJS.ReadableStream & { setRawMode?(mode: boolean): unknown };

export const PROMPT = 'aperture> ';
/** The prompt inside a `"""` block: the lines still belong to one paste. */
export const CONTINUATION_PROMPT = '...       ';

const GREETING = `Aperture Doctor console. Paste an error: a multi-line paste is one message (press Enter
to send it; or wrap lines in ${BLOCK_DELIMITER} lines). Type /aperture help for the commands, /aperture list
for the symptoms. A number picks from the last numbered list. Ctrl-D quits.
`;

const PIPE_GREETING = `Aperture Doctor console. Paste an error (wrap multi-line pastes in ${BLOCK_DELIMITER} lines),
or type /aperture help. A number picks from the last numbered list. Ctrl-D quits.
`;

/**
 * The local platform: stdin lines in, plain-text answers out. `start` resolves at end of input.
 *
 * In a terminal (stdin and stdout both TTYs) it is a line editor with history and a prompt, and
 * bracketed paste is on: whatever the terminal marks as one paste, line breaks and all, is one
 * message. From a pipe (or a terminal without it) `"""` lines wrap a multi-line paste.
 */
export function createConsolePlatform(options: ConsolePlatformOptions): ChatPlatform {
  let connected = false;
  let reader: Interface | undefined;
  const terminal = isTerminal(options.input, options.output);
  return {
    name: 'console',
    isConnected: () => connected,
    async start() {
      const session = new ConsoleSession(options.deps, {
        requester: options.requester,
        style: options.colour ? ANSI_STYLE : PLAIN_STYLE,
      });
      const write = (text: string) => options.output.write(text);
      const pasteAware = terminal
        ? new BracketedPasteInput(options.input as RawModeStream)
        : undefined;
      if (pasteAware) options.input.pipe(pasteAware);
      reader = createInterface({
        input: pasteAware ?? options.input,
        output: terminal ? options.output : undefined,
        terminal,
        crlfDelay: Infinity,
        historySize: HISTORY_SIZE,
        history: terminal ? readHistory() : [],
        prompt: PROMPT,
      });
      // What was typed is kept for ↑ in the next session, with pasted secrets masked.
      if (terminal) reader.on('history', saveHistory);
      connected = true;
      if (options.interactive) write(terminal ? GREETING : PIPE_GREETING);
      if (terminal) {
        write(ENABLE_BRACKETED_PASTE);
        // Ctrl-C ends the console like Ctrl-D, so the terminal gets its paste mode back.
        reader.on('SIGINT', () => {
          write('\n');
          reader?.close();
        });
      }
      let block: string[] | undefined;
      const prompt = () => {
        if (!terminal || !reader) return;
        reader.setPrompt(block === undefined ? PROMPT : CONTINUATION_PROMPT);
        reader.prompt();
      };
      const answer = async (text: string) => {
        const reply = await session.answer(text, {
          progress: terminal ? (line) => write(`${line}\n`) : undefined,
        });
        if (reply !== '') write(`${reply}\n`);
      };
      prompt();
      try {
        for await (const raw of reader) {
          const line = terminal ? fromEditLine(raw) : raw;
          if (line.trim() === BLOCK_DELIMITER) {
            if (block === undefined) block = [];
            else {
              const pasted = block.join('\n');
              block = undefined;
              await answer(pasted);
            }
          } else if (block !== undefined) block.push(line);
          else await answer(line);
          prompt();
        }
        // An unterminated block at end of input is still a paste: nothing is lost.
        if (block !== undefined && block.length > 0) write(await session.answer(block.join('\n')));
      } finally {
        if (terminal) {
          write(DISABLE_BRACKETED_PASTE);
          if (pasteAware) options.input.unpipe(pasteAware);
          (options.input as RawModeStream).setRawMode?.(false);
          options.input.pause();
        }
        connected = false;
      }
    },
    async stop() {
      reader?.close();
      connected = false;
    },
  };
}

const HISTORY_SIZE = 1000;

/** The history file, one entry a line, oldest first (a paste's line breaks stay ␤). */
function historyPath(): string {
  return join(homedir(), '.aperture-doctor_history');
}

function readHistory(): string[] {
  try {
    const lines = readFileSync(historyPath(), 'utf8').split('\n');
    return lines
      .filter((line) => line.trim() !== '')
      .slice(-HISTORY_SIZE)
      .reverse();
  } catch {
    return [];
  }
}

/** Written after each entry; a history that cannot be saved is not worth interrupting anyone. */
function saveHistory(newestFirst: string[]): void {
  const lines = [...newestFirst].reverse().map((entry) => redactSecrets(entry).text);
  writeFile(historyPath(), `${lines.join('\n')}\n`, { mode: 0o600 }).catch(() => undefined);
}

/** A terminal at both ends: line editing and bracketed paste need to read keys and draw. */
function isTerminal(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): boolean {
  return (
    (input as { isTTY?: boolean }).isTTY === true && (output as { isTTY?: boolean }).isTTY === true
  );
}
