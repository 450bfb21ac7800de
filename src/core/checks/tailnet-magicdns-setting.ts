import type { CheckNetwork } from './check-network.js';
import type { CheckContext, FollowUpCheck } from './follow-up-check.js';
import { TailscaleApiClient } from './tailscale-api-client.js';

/** `magicdns-setting`: is MagicDNS on for the tailnet? */
export function createMagicDnsSettingCheck(network: CheckNetwork): FollowUpCheck {
  return {
    id: 'magicdns-setting',
    title: 'Check the MagicDNS setting',
    proves: 'MagicDNS is enabled for the tailnet, so short names like `ai` can resolve.',
    revealsConfig: false,
    async run(context: CheckContext) {
      const enabled = await new TailscaleApiClient(
        context.targets.tailscale,
        network,
      ).magicDnsEnabled(context.signal);
      return enabled
        ? {
            status: 'pass' as const,
            summary: 'MagicDNS is on for the tailnet.',
            details: [
              'If a device still cannot resolve `ai`, check `tailscale dns status` there: it may not accept Tailscale DNS.',
            ],
          }
        : {
            status: 'fail' as const,
            summary: 'MagicDNS is off for the tailnet.',
            details: ['Enable it: admin console → DNS → MagicDNS.'],
          };
    },
  };
}
