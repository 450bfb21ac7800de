#!/usr/bin/env node
import { config as loadDotenv } from 'dotenv';
import type { CliIo, ExitCode } from './cli/cli-io.js';
import { runCheckCommand } from './cli/check-command.js';
import { runClassifyJsonl } from './cli/classify-jsonl.js';
import { runConsoleCommand } from './cli/console-command.js';
import { runDiagnoseCommand } from './cli/diagnose-command.js';
import { runDoctorCommand } from './cli/doctor-command.js';
import { runLintConfigCommand } from './cli/lint-config-command.js';
import { runBot } from './cli/run-bot.js';

const USAGE = `usage: aperture-doctor [command]

  (no command)              run the bot: Slack if SLACK_BOT_TOKEN is set, Discord if DISCORD_TOKEN
                            is set, both if both; with neither, the local console
  console                   the local console: paste errors, /aperture commands, numbered choices
  classify --jsonl          JSON lines {"id","text"} on stdin -> {"id","symptom","confidence"}
  diagnose [--json] [TEXT]  diagnose TEXT (or stdin)
  check ID [--json] [--login LOGIN]
                            run one follow-up check; exit 0 pass, 1 fail, 2 could not run
  doctor [--json]           every configured check at once, read-only; exit 0 all pass,
                            1 any fail, 2 none could run
  lint-config FILE|- [FILE…] [--json]
                            lint Aperture configurations (JSON or HuJSON); exit 1 on errors,
                            2 when a file could not be read or linted
  help                      this text

Configuration comes from the environment or .env (see .env.example).
`;

/** Dispatches DESIGN §2's commands. */
export async function main(argv: string[], io: CliIo): Promise<ExitCode> {
  const [command, ...args] = argv;
  switch (command) {
    case undefined:
      return runBot(io);
    case 'console':
      return runConsoleCommand(io);
    case 'classify':
      return runClassifyJsonl(args, io);
    case 'diagnose':
      return runDiagnoseCommand(args, io);
    case 'check':
      return runCheckCommand(args, io);
    case 'doctor':
      return runDoctorCommand(args, io);
    case 'lint-config':
      return runLintConfigCommand(args, io);
    case 'help':
    case '--help':
    case '-h':
      io.stdout.write(USAGE);
      return 0;
    default:
      io.stderr.write(`aperture-doctor: unknown command "${command.slice(0, 40)}"\n\n${USAGE}`);
      return 2;
  }
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
