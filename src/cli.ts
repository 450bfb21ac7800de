#!/usr/bin/env node
import { config as loadDotenv } from 'dotenv';
import type { CliIo, ExitCode } from './cli/cli-io.js';
import { parseCommandArgs, type CommandSpec } from './cli/command-args.js';

const USAGE = `usage: aperture-doctor [COMMAND] [--help] [--version]

  (no command)              run the bot: Slack if SLACK_BOT_TOKEN is set, Discord if DISCORD_TOKEN
                            is set, both if both; with neither, the local console
  console [--user LOGIN] [--admin]
                            the local console: paste errors, /aperture commands, numbered choices;
                            --user and --admin set who you play (see /aperture whoami)
  why TOPIC                 explain a symptom by status code, id or keyword (why 403, why dns)
  list                      the symptoms it can diagnose
  diagnose [--json] [TEXT]  diagnose TEXT (or stdin)
  check ID [--json] [--login LOGIN]
                            run one follow-up check; exit 0 pass, 1 fail, 2 could not run
  doctor [--json]           every configured check at once, read-only; exit 0 all pass,
                            1 any fail, 2 none could run
  lint-config FILE|- [FILE…] [--json]
                            lint Aperture configurations (JSON or HuJSON); exit 1 on errors,
                            2 when a file could not be read or linted
  classify --jsonl          JSON lines {"id","text"} on stdin -> {"id","symptom","confidence"}
  register-discord          register the Discord commands (DISCORD_TOKEN, DISCORD_APPLICATION_ID)
  feedback export|stats [--since DATE]
                            people's verdicts as training JSONL / field accuracy per symptom
  help [COMMAND]            this text, or COMMAND's

Every command takes --help (-h). From a clone, run it as npx aperture-doctor …
Configuration comes from the environment or .env (see .env.example).
`;

const BOT_SPEC: CommandSpec = { usage: USAGE, flags: [] };

interface Command {
  spec: CommandSpec;
  run(args: string[], io: CliIo): Promise<ExitCode>;
}

/**
 * DESIGN §2's commands; each reads its own arguments (`--help`, unknown options) the same way.
 * Each module is imported only when its command runs (or its help is asked for), so `classify`
 * never loads Redis, pino or Prometheus: one entry per command, the import inside it.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  console: async () => {
    const m = await import('./cli/console-command.js');
    return { spec: m.CONSOLE_SPEC, run: m.runConsoleCommand };
  },
  why: async () => {
    const m = await import('./cli/topic-commands.js');
    return { spec: m.WHY_SPEC, run: m.runWhyCommand };
  },
  list: async () => {
    const m = await import('./cli/topic-commands.js');
    return { spec: m.LIST_SPEC, run: m.runListCommand };
  },
  diagnose: async () => {
    const m = await import('./cli/diagnose-command.js');
    return { spec: m.DIAGNOSE_SPEC, run: m.runDiagnoseCommand };
  },
  check: async () => {
    const m = await import('./cli/check-command.js');
    return { spec: m.CHECK_SPEC, run: m.runCheckCommand };
  },
  doctor: async () => {
    const m = await import('./cli/doctor-command.js');
    return { spec: m.DOCTOR_SPEC, run: m.runDoctorCommand };
  },
  'lint-config': async () => {
    const m = await import('./cli/lint-config-command.js');
    return { spec: m.LINT_CONFIG_SPEC, run: m.runLintConfigCommand };
  },
  classify: async () => {
    const m = await import('./cli/classify-jsonl.js');
    return { spec: m.CLASSIFY_SPEC, run: m.runClassifyJsonl };
  },
  'register-discord': async () => {
    const m = await import('./cli/register-discord-command.js');
    return { spec: m.REGISTER_DISCORD_SPEC, run: m.runRegisterDiscordCommand };
  },
  feedback: async () => {
    const m = await import('./cli/feedback-command.js');
    return { spec: m.FEEDBACK_SPEC, run: m.runFeedbackCommand };
  },
};

/** Dispatches DESIGN §2's commands. */
export async function main(argv: string[], io: CliIo): Promise<ExitCode> {
  const [command, ...args] = argv;
  // No command, or only options (`--help`, `--version`, a typo): the bot itself.
  if (command === undefined || command.startsWith('-')) {
    const parsed = parseCommandArgs(argv, BOT_SPEC, io);
    if (typeof parsed === 'number') return parsed;
    if (parsed.positionals.length > 0) return unknownCommand(parsed.positionals[0] ?? '', io);
    const { runBot } = await import('./cli/run-bot.js');
    return runBot(io);
  }
  if (command === 'help') {
    const parsed = parseCommandArgs(args, BOT_SPEC, io);
    if (typeof parsed === 'number') return parsed;
    const [topic] = parsed.positionals;
    if (topic === undefined) {
      io.stdout.write(USAGE);
      return 0;
    }
    const about = Object.hasOwn(COMMANDS, topic) ? COMMANDS[topic] : undefined;
    if (!about) return unknownCommand(topic, io);
    io.stdout.write((await about()).spec.usage);
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) return unknownCommand(command, io);
  return (await load()).run(args, io);
}

function unknownCommand(command: string, io: CliIo): ExitCode {
  io.stderr.write(`aperture-doctor: unknown command "${command.slice(0, 40)}"\n\n${USAGE}`);
  return 2;
}

// A reader that closes the pipe early (`| head`) is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

loadDotenv({ quiet: true });
const io: CliIo = {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  exit: (code) => {
    // Flush what is written to stderr (logs, the last line) before ending the process.
    process.stderr.write('', () => process.exit(code));
  },
};
main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `aperture-doctor: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
