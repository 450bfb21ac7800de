import { lintApertureConfig } from '../config-lint/lint-aperture-config.js';
import { fetchJson, joinUrl, type CheckNetwork } from './check-network.js';
import type { CheckContext, FollowUpCheck } from './follow-up-check.js';
import { TailscaleApiClient, type TailscaleDevice } from './tailscale-api-client.js';

/** Reads Aperture's configuration as the bot; 403 means the bot's identity lacks the admin role. */
export async function fetchApertureConfig(
  network: CheckNetwork,
  context: CheckContext,
): Promise<{ ok: true; config: unknown } | { ok: false; status: number }> {
  const { status, body } = await fetchJson(
    network,
    joinUrl(context.targets.apertureUrl, 'api/config'),
    context.signal,
  );
  return status === 200 ? { ok: true, config: body } : { ok: false, status };
}

export function configRefused(status: number) {
  return status === 403
    ? {
        status: 'could-not-run' as const,
        summary:
          "Aperture refused `/api/config` to the bot's identity (403): reading it needs the admin role.",
        details: [
          'Give the bot\'s Tailscale identity a grant with `{"role": "admin"}`, or lint a copy with `aperture-doctor lint-config FILE`.',
        ],
      }
    : {
        status: 'could-not-run' as const,
        summary: `Aperture answered HTTP ${status} for /api/config.`,
        details: [],
      };
}

/** `aperture-config`: fetch the configuration and lint it. */
export function createApertureConfigCheck(network: CheckNetwork): FollowUpCheck {
  return {
    id: 'aperture-config',
    title: 'Lint the Aperture config',
    proves: 'The Aperture configuration has no grant or quota mistake the linter knows of.',
    revealsConfig: true,
    async run(context: CheckContext) {
      const fetched = await fetchApertureConfig(network, context);
      if (!fetched.ok) return configRefused(fetched.status);
      let devices: TailscaleDevice[] | undefined;
      if (TailscaleApiClient.isConfigured(context.targets.tailscale)) {
        devices = await new TailscaleApiClient(context.targets.tailscale, network)
          .listDevices(context.signal)
          .catch(() => undefined);
      }
      const report = lintApertureConfig(JSON.stringify(fetched.config), { devices });
      const lines = report.findings
        .slice(0, 12)
        .map((f) => `${f.severity} ${f.path || '(document)'}: ${f.message} Fix: ${f.fix}`);
      if (report.errors > 0) {
        return {
          status: 'fail' as const,
          summary: `${report.errors} error(s) and ${report.warnings} warning(s) in the config.`,
          details: lines,
        };
      }
      if (report.warnings > 0) {
        return {
          status: 'warn' as const,
          summary: `No errors, ${report.warnings} warning(s) in the config.`,
          details: lines,
        };
      }
      return {
        status: 'pass' as const,
        summary: 'The config has no problem I know of.',
        details: lines,
      };
    },
  };
}
