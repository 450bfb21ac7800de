import { readFile } from 'node:fs/promises';
import type { CheckNetwork } from '../core/checks/check-network.js';
import { TailscaleApiClient, type TailscaleDevice } from '../core/checks/tailscale-api-client.js';
import { decodeConfigText } from '../core/config-lint/decode-config-text.js';
import {
  lintApertureConfig,
  type LintOptions,
  type LintReport,
} from '../core/config-lint/lint-aperture-config.js';
import { checkTargetsFromConfig } from '../runtime/check-targets.js';
import type { Config } from '../runtime/config.js';
import { nodeCheckNetwork } from '../runtime/node-check-network.js';
import type { CliIo, ExitCode } from './cli-io.js';
import { loadConfigOrExplain } from './load-config-or-explain.js';
import { parseCommandArgs, type CommandSpec } from './command-args.js';
import { readAllBytes } from './read-all.js';

export const LINT_CONFIG_SPEC: CommandSpec = {
  usage: `usage: aperture-doctor lint-config FILE|- [FILE…] [--json]

  Lints Aperture configurations (a saved config or the body of GET http://ai/api/config; JSON
  or HuJSON, UTF-8 or UTF-16; - is standard input): each finding with its JSON path and fix.
  Exit 2 when a file could not be read or linted, 1 when one has errors, else 0.

  --json      one report a line, each with its file
  -h, --help  this text
`,
  flags: ['--json'],
};

/**
 * `lint-config FILE|- [FILE…] [--json]`: lints each file; exits with the worst of them — 2 when
 * one could not be read or linted, 1 when one has errors, 0 otherwise. `--json` prints one
 * report a line, each with its `file`.
 */
export async function runLintConfigCommand(
  args: string[],
  io: CliIo,
  network: CheckNetwork = nodeCheckNetwork,
): Promise<ExitCode> {
  const parsed = parseCommandArgs(args, LINT_CONFIG_SPEC, io);
  if (typeof parsed === 'number') return parsed;
  const json = parsed.flags.has('--json');
  const files = parsed.positionals;
  if (files.length === 0 || files.filter((file) => file === '-').length > 1) {
    const problem =
      files.length === 0 ? 'lint-config needs a FILE or -' : 'standard input (-) can be read once';
    io.stderr.write(`aperture-doctor: ${problem}\n${LINT_CONFIG_SPEC.usage}`);
    return 2;
  }
  const config = loadConfigOrExplain(io);
  if (!config) return 2;
  const devices = await deviceList(config, network);
  let exit: ExitCode = 0;
  for (const file of files) {
    const outcome = await lintFile(file, io, { devices });
    const name = file === '-' ? '(stdin)' : file;
    if ('problem' in outcome) {
      io.stderr.write(`aperture-doctor: ${outcome.problem}\n`);
      if (json) {
        const report: LintReport = {
          findings: [
            {
              severity: 'error',
              rule: 'cannot-read',
              path: '',
              message: `${capitalised(outcome.problem)}.`,
              fix: 'Check the path and the permissions.',
            },
          ],
          errors: 1,
          warnings: 0,
          infos: 0,
          linted: false,
        };
        io.stdout.write(`${JSON.stringify({ file, ...report })}\n`);
      }
      exit = 2;
      continue;
    }
    const { report } = outcome;
    if (json) {
      io.stdout.write(`${JSON.stringify({ file, ...report })}\n`);
    } else {
      if (files.length > 1) io.stdout.write(`${name}:\n`);
      for (const f of report.findings)
        io.stdout.write(
          `${f.severity}: ${f.path || '(document)'} [${f.rule}] ${f.message}\n  fix: ${f.fix}\n`,
        );
      const checked = devices ? ` (tag strings checked against ${devices.length} devices)` : '';
      const notLinted = report.linted ? '' : ' — could not lint';
      io.stdout.write(
        `${files.length > 1 ? `${name}: ` : ''}${report.errors} error(s), ${report.warnings} warning(s), ${report.infos} info${checked}${notLinted}\n`,
      );
    }
    exit = Math.max(exit, !report.linted ? 2 : report.errors > 0 ? 1 : 0) as ExitCode;
  }
  return exit;
}

/** Reads and lints one file (`-` for stdin), or says in a sentence why it could not be read. */
async function lintFile(
  file: string,
  io: CliIo,
  options: LintOptions,
): Promise<{ report: LintReport } | { problem: string }> {
  let bytes: Uint8Array;
  try {
    bytes = file === '-' ? await readAllBytes(io.stdin) : await readFile(file);
  } catch (error) {
    return { problem: readProblem(file, error as NodeJS.ErrnoException) };
  }
  return { report: lintApertureConfig(decodeConfigText(bytes), options) };
}

function readProblem(file: string, error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return `no such file: ${file}`;
    case 'EISDIR':
      return `${file} is a directory`;
    case 'EACCES':
    case 'EPERM':
      return `no permission to read ${file}`;
    default:
      return `cannot read ${file}: ${error.code ?? error.message}`;
  }
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The device list when Tailscale credentials are configured; linting goes on without it. */
async function deviceList(
  config: Config,
  network: CheckNetwork,
): Promise<TailscaleDevice[] | undefined> {
  const targets = checkTargetsFromConfig(config).tailscale;
  if (!TailscaleApiClient.isConfigured(targets)) return undefined;
  return new TailscaleApiClient(targets, network)
    .listDevices(AbortSignal.timeout(5000))
    .catch(() => undefined);
}
