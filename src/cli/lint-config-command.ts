import { readFile } from 'node:fs/promises';
import type { CheckNetwork } from '../core/checks/check-network.js';
import { TailscaleApiClient, type TailscaleDevice } from '../core/checks/tailscale-api-client.js';
import { decodeConfigText } from '../core/config-lint/decode-config-text.js';
import { lintApertureConfig } from '../core/config-lint/lint-aperture-config.js';
import { checkTargetsFromConfig } from '../runtime/check-targets.js';
import type { Config } from '../runtime/config.js';
import { nodeCheckNetwork } from '../runtime/node-check-network.js';
import type { CliIo, ExitCode } from './cli-io.js';
import { loadConfigOrExplain } from './load-config-or-explain.js';
import { readAllBytes } from './read-all.js';

/** `lint-config FILE|- [--json]`: exit 1 when there are errors, 2 when the input cannot be read or linted. */
export async function runLintConfigCommand(
  args: string[],
  io: CliIo,
  network: CheckNetwork = nodeCheckNetwork,
): Promise<ExitCode> {
  const json = args.includes('--json');
  const file = args.find((arg) => arg === '-' || !arg.startsWith('--'));
  if (!file) {
    io.stderr.write('usage: aperture-doctor lint-config FILE|- [--json]\n');
    return 2;
  }
  let source: string;
  try {
    source = decodeConfigText(file === '-' ? await readAllBytes(io.stdin) : await readFile(file));
  } catch (error) {
    io.stderr.write(
      `aperture-doctor: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`,
    );
    return 2;
  }
  const config = loadConfigOrExplain(io);
  if (!config) return 2;
  const devices = await deviceList(config, network);
  const report = lintApertureConfig(source, { devices });
  if (json) {
    io.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    for (const f of report.findings)
      io.stdout.write(
        `${f.severity}: ${f.path || '(document)'} [${f.rule}] ${f.message}\n  fix: ${f.fix}\n`,
      );
    const checked = devices ? ` (tag strings checked against ${devices.length} devices)` : '';
    io.stdout.write(`${report.errors} error(s), ${report.warnings} warning(s)${checked}\n`);
  }
  if (!report.linted) return 2;
  return report.errors > 0 ? 1 : 0;
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
