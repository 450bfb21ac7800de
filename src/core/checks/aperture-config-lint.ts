import { lintApertureConfig } from '../config-lint/lint-aperture-config.js';
import { configNeverSaved, configRefused, fetchApertureConfig } from './aperture-config-api.js';
import type { CheckNetwork } from './check-network.js';
import type { CheckContext, FollowUpCheck } from './follow-up-check.js';
import { TailscaleApiClient, type TailscaleDevice } from './tailscale-api-client.js';

/** `aperture-config`: fetch the configuration and lint it. */
export function createApertureConfigCheck(network: CheckNetwork): FollowUpCheck {
  return {
    id: 'aperture-config',
    title: 'Lint the Aperture config',
    proves: 'The Aperture configuration has no grant or quota mistake the linter knows of.',
    revealsConfig: true,
    probesAperture: true,
    async run(context: CheckContext) {
      const fetched = await fetchApertureConfig(network, context);
      if (!fetched.ok) return configRefused(fetched.status);
      const { document } = fetched;
      if (!document.exists) return configNeverSaved();
      let devices: TailscaleDevice[] | undefined;
      if (TailscaleApiClient.isConfigured(context.targets.tailscale)) {
        devices = await new TailscaleApiClient(context.targets.tailscale, network)
          .listDevices(context.signal)
          .catch(() => undefined);
      }
      // The text as Aperture holds it, HuJSON included, so the linter's paths are the config's own.
      const report = lintApertureConfig(document.text, { devices, unwrapped: true });
      const lines = report.findings
        .slice(0, 12)
        .map((f) => `${f.severity} ${f.path || '(document)'}: ${f.message} Fix: ${f.fix}`);
      if (report.findings.length > 12) lines.push(`… and ${report.findings.length - 12} more.`);
      if (document.shortHash) lines.push(`Config hash: ${document.shortHash}…`);
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
