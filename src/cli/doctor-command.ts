import type { CheckNetwork } from '../core/checks/check-network.js';
import { doctorJson, doctorText, runDoctor } from '../core/checks/doctor-report.js';
import { runFollowUpCheck } from '../core/checks/run-follow-up-check.js';
import { checkTargetsFromConfig } from '../runtime/check-targets.js';
import { nodeCheckNetwork } from '../runtime/node-check-network.js';
import { MemoryStateStore } from '../runtime/state/memory-state-store.js';
import type { CliIo, ExitCode } from './cli-io.js';
import type { CommandSpec } from './command-args.js';
import { loadConfigOrExplain } from './load-config-or-explain.js';

const USAGE =
  'usage: aperture-doctor doctor [--json]\n  every configured check at once, read-only; exit 0 all pass, 1 any fail, 2 none could run\n';

export const DOCTOR_SPEC: CommandSpec = { usage: USAGE, flags: ['--json'] };

/** `doctor [--json]`: the whole setup in one report, as the operator (who holds the credentials). */
export async function runDoctorCommand(
  args: string[],
  io: CliIo,
  network: CheckNetwork = nodeCheckNetwork,
): Promise<ExitCode> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(USAGE);
    return 0;
  }
  const unknown = args.find((arg) => arg !== '--json');
  if (unknown !== undefined) {
    io.stderr.write(`aperture-doctor doctor: unknown argument ${unknown.slice(0, 40)}\n${USAGE}`);
    return 2;
  }
  const config = loadConfigOrExplain(io);
  if (!config) return 2;
  const targets = checkTargetsFromConfig(config);
  const deps = { state: new MemoryStateStore(), clock: Date.now, network };
  const report = await runDoctor((id) =>
    runFollowUpCheck(
      id,
      { targets, requester: { platform: 'cli', userId: 'cli', isAdmin: true } },
      deps,
    ),
  );
  io.stdout.write(
    args.includes('--json')
      ? `${JSON.stringify(doctorJson(report))}\n`
      : `${doctorText(report).join('\n')}\n`,
  );
  return report.exitCode;
}
