import { answerCommand } from '../core/conversation/answer-command.js';
import { DEFAULT_SETTINGS, type ConversationDeps } from '../core/conversation/conversation-deps.js';
import { MemoryStateStore } from '../runtime/state/memory-state-store.js';
import type { CliIo, ExitCode } from './cli-io.js';
import { renderCliText } from './cli-reply.js';
import { parseCommandArgs, type CommandSpec } from './command-args.js';

export const WHY_SPEC: CommandSpec = {
  usage: `usage: aperture-doctor why TOPIC…

  Explains a symptom by status code, symptom id or keyword (403, dns, quota, "rate limited"),
  or by a question ("why do I get 403?"): the same answer as /aperture why TOPIC in chat.
  aperture-doctor list shows every symptom and the topics it answers to.
`,
  flags: [],
};

export const LIST_SPEC: CommandSpec = {
  usage: `usage: aperture-doctor list

  Lists the symptoms it can diagnose and the topics each answers to (as /aperture list in chat).
`,
  flags: [],
};

/**
 * `why TOPIC` and `list`: asked of the core exactly as `/aperture why TOPIC` and `/aperture list`
 * are, so the answers cannot drift apart. Neither needs the environment nor the network.
 */
export async function runWhyCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const parsed = parseCommandArgs(args, WHY_SPEC, io);
  if (typeof parsed === 'number') return parsed;
  const topic = parsed.positionals.join(' ').trim();
  if (topic === '') {
    io.stderr.write(`aperture-doctor: why needs a topic\n${WHY_SPEC.usage}`);
    return 2;
  }
  io.stdout.write(renderCliText(await askCore(`why ${topic}`)));
  return 0;
}

export async function runListCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const parsed = parseCommandArgs(args, LIST_SPEC, io);
  if (typeof parsed === 'number') return parsed;
  if (parsed.positionals.length > 0) {
    io.stderr.write(
      `aperture-doctor: list takes no arguments (got "${parsed.positionals[0]?.slice(0, 40)}")\n${LIST_SPEC.usage}`,
    );
    return 2;
  }
  io.stdout.write(renderCliText(await askCore('list')));
  return 0;
}

/** Topic and list answers touch no state and run no check; these deps only satisfy the type. */
const OFFLINE_DEPS: ConversationDeps = {
  state: new MemoryStateStore(),
  clock: Date.now,
  settings: DEFAULT_SETTINGS,
  runCheck: () => Promise.reject(new Error('the CLI runs checks with aperture-doctor check ID')),
};

function askCore(text: string) {
  return answerCommand(
    {
      platform: 'console',
      channelId: 'cli',
      userId: 'cli',
      text,
      requester: { platform: 'cli', userId: 'cli', isAdmin: true },
    },
    OFFLINE_DEPS,
  );
}
