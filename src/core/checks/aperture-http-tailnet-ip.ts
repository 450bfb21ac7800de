import type { CheckNetwork } from './check-network.js';
import type { CheckContext, FollowUpCheck } from './follow-up-check.js';
import { findApertureDevice, TailscaleApiClient } from './tailscale-api-client.js';
import { httpStatusOrUnreachable } from './unreachable-target.js';

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * `http-tailnet-ip`: does Aperture answer at its tailnet address? Tells a name problem (MagicDNS)
 * from a device or policy problem. The address comes from the Tailscale API's device list, never
 * from user text; the port is APERTURE_URL's.
 */
export function createHttpTailnetIpCheck(network: CheckNetwork): FollowUpCheck {
  return {
    id: 'http-tailnet-ip',
    title: 'Check HTTP by tailnet address',
    proves: 'Aperture answers HTTP at its tailnet IP address, whatever DNS says.',
    revealsConfig: false,
    async run(context: CheckContext) {
      const devices = await new TailscaleApiClient(context.targets.tailscale, network).listDevices(
        context.signal,
      );
      const device = findApertureDevice(devices, context.targets.apertureUrl);
      const address = device?.addresses.find((a) => IPV4.test(a));
      if (!device || !address) {
        return {
          status: 'fail' as const,
          summary: device
            ? `The Aperture device ${device.name} has no IPv4 tailnet address.`
            : `No device matching ${new URL(context.targets.apertureUrl).hostname} is in the tailnet, so it has no address to try.`,
          details: ['Check APERTURE_URL and the Aperture device on the Machines page.'],
        };
      }
      const url = new URL(context.targets.apertureUrl);
      url.protocol = 'http:';
      url.hostname = address;
      url.pathname = '/';
      const answer = await httpStatusOrUnreachable(network, url, context.signal);
      if (typeof answer.status !== 'number') return answer;
      const { status } = answer;
      return {
        status: status >= 500 ? ('warn' as const) : ('pass' as const),
        summary: `${url.origin} (${device.name}) answered HTTP ${status}.`,
        details: [
          'If the name fails but this passes, the problem is DNS: enable MagicDNS or use this address.',
        ],
      };
    },
  };
}
