import { createInterface } from 'node:readline';
import type { ConversationDeps } from '../../core/conversation/conversation-deps.js';
import type { ChatPlatform } from '../chat-platform.js';
import { BLOCK_DELIMITER } from './console-to-core.js';
import { ConsoleSession } from './console-listeners.js';

export interface ConsolePlatformOptions {
  deps: ConversationDeps;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Print the greeting and prompts (a TTY); a pipe gets answers only. */
  interactive: boolean;
}

const GREETING = `Aperture Doctor console. Paste an error (wrap multi-line pastes in ${BLOCK_DELIMITER} lines),
or type /aperture help. A number picks one of the choices under the last answer. Ctrl-D quits.
`;

/** The local platform: stdin lines in, plain-text answers out. `start` resolves at end of input. */
export function createConsolePlatform(options: ConsolePlatformOptions): ChatPlatform {
  let connected = false;
  let reader: ReturnType<typeof createInterface> | undefined;
  return {
    name: 'console',
    isConnected: () => connected,
    async start() {
      const session = new ConsoleSession(options.deps);
      reader = createInterface({ input: options.input, terminal: false, crlfDelay: Infinity });
      connected = true;
      const write = (text: string) => options.output.write(text);
      if (options.interactive) write(GREETING);
      let block: string[] | undefined;
      for await (const line of reader) {
        if (line.trim() === BLOCK_DELIMITER) {
          if (block === undefined) {
            block = [];
            continue;
          }
          const pasted = block.join('\n');
          block = undefined;
          const answer = await session.answer(pasted);
          if (answer !== '') write(`${answer}\n`);
          continue;
        }
        if (block !== undefined) {
          block.push(line);
          continue;
        }
        const answer = await session.answer(line);
        if (answer !== '') write(`${answer}\n`);
      }
      // An unterminated block at end of input is still a paste: nothing is lost.
      if (block !== undefined && block.length > 0) write(await session.answer(block.join('\n')));
      connected = false;
    },
    async stop() {
      reader?.close();
      connected = false;
    },
  };
}
