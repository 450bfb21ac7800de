import { findApertureDevice, TailscaleApiClient } from './tailscale-api-client.js';
import type { CheckContext, FollowUpCheck } from './follow-up-check.js';
import type { CheckNetwork } from './check-network.js';

/** `dns`: does the Aperture host name resolve, and if not, is it MagicDNS or a wrong name? */
export function createDnsCheck(network: CheckNetwork): FollowUpCheck {
  return {
    id: 'dns',
    title: 'Check DNS',
    proves: 'The Aperture host name resolves to an address from where the bot runs.',
    revealsConfig: false,
    async run(context: CheckContext) {
      const host = new URL(context.targets.apertureUrl).hostname.replace(/^\[|\]$/g, '');
      if (/^[\d.]+$/.test(host) || host.includes(':')) {
        return {
          status: 'pass',
          summary: `APERTURE_URL uses the address ${host}: nothing to resolve.`,
          details: [],
        };
      }
      try {
        const addresses = await network.resolveHost(host);
        return {
          status: 'pass',
          summary: `\`${host}\` resolves to ${addresses.join(', ')}.`,
          details: [],
        };
      } catch {
        return explainUnresolved(host, context, network);
      }
    },
  };
}

async function explainUnresolved(host: string, context: CheckContext, network: CheckNetwork) {
  const tailscale = context.targets.tailscale;
  if (!TailscaleApiClient.isConfigured(tailscale)) {
    return {
      status: 'fail' as const,
      summary: `\`${host}\` does not resolve.`,
      details: [
        'MagicDNS may be off, or the name is wrong. Set TAILSCALE_API_KEY so I can look the device up and tell which.',
      ],
    };
  }
  const devices = await new TailscaleApiClient(tailscale, network).listDevices(context.signal);
  const device = findApertureDevice(devices, context.targets.apertureUrl);
  if (!device) {
    return {
      status: 'fail' as const,
      summary: `\`${host}\` does not resolve, and no device of that name is in the tailnet.`,
      details: [
        'The name is probably wrong: check APERTURE_URL and the Aperture device name on the Machines page.',
      ],
    };
  }
  const fqdn = device.name.replace(/\.$/, '');
  try {
    const addresses = await network.resolveHost(fqdn);
    return {
      status: 'fail' as const,
      summary: `\`${host}\` does not resolve, but its full name \`${fqdn}\` does (${addresses.join(', ')}).`,
      details: [
        'Short names need MagicDNS with DNS managed by Tailscale on this machine (`tailscale set --accept-dns`).',
      ],
    };
  } catch {
    return {
      status: 'fail' as const,
      summary: `Neither \`${host}\` nor \`${fqdn}\` resolves: MagicDNS looks off.`,
      details: [
        `Enable MagicDNS (admin console → DNS). Meanwhile use the address: http://${device.addresses[0] ?? '100.x.y.z'}/`,
      ],
    };
  }
}
