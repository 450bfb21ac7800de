import type { CheckNetwork } from './check-network.js';
import type { CheckContext, FollowUpCheck } from './follow-up-check.js';
import {
  findApertureDevice,
  TailscaleApiClient,
  type TailscaleDevice,
} from './tailscale-api-client.js';

const DAY_MS = 86_400_000;
/** Admins get a banner a week ahead; warn a little earlier so there is time to act. */
const WARN_DAYS = 14;

/** `device-key`: is the Aperture device's node key valid, and is the device connected? */
export function createDeviceKeyCheck(
  network: CheckNetwork,
  now: () => number = Date.now,
): FollowUpCheck {
  return {
    id: 'device-key',
    title: 'Check the device key',
    proves: 'The Aperture device is in the tailnet, connected, and its node key is not expired.',
    revealsConfig: false,
    async run(context: CheckContext) {
      const devices = await new TailscaleApiClient(context.targets.tailscale, network).listDevices(
        context.signal,
      );
      const device = findApertureDevice(devices, context.targets.apertureUrl);
      if (!device) {
        return {
          status: 'fail' as const,
          summary: `No device matching ${new URL(context.targets.apertureUrl).hostname} is in the tailnet.`,
          details: [
            'It may have been deleted: deploy a new Aperture instance, or fix APERTURE_URL.',
          ],
        };
      }
      return describeDevice(device, now());
    },
  };
}

function describeDevice(device: TailscaleDevice, now: number) {
  const details = [
    `Device: ${device.name}${device.tags.length > 0 ? ` (tags: ${device.tags.join(', ')})` : ''}`,
    `Connected to control: ${device.connectedToControl === undefined ? 'unknown' : device.connectedToControl ? 'yes' : 'no'}`,
    `Last seen: ${device.lastSeen ?? 'unknown'}`,
  ];
  if (device.keyExpiryDisabled) {
    return {
      status: 'pass' as const,
      summary: 'Key expiry is disabled for the Aperture device.',
      details,
    };
  }
  const expires = device.expires ? Date.parse(device.expires) : Number.NaN;
  if (Number.isNaN(expires)) {
    return {
      status: 'warn' as const,
      summary: 'The API did not say when the key expires.',
      details,
    };
  }
  const days = Math.floor((expires - now) / DAY_MS);
  if (expires <= now) {
    return {
      status: 'fail' as const,
      summary: `The Aperture device's node key expired on ${device.expires}.`,
      details: [
        ...details,
        'An expired instance cannot be recovered in place: deploy a new one, then disable key expiry for it.',
      ],
    };
  }
  const prevent =
    'Disable key expiry for it (Machines → ⋯ → Disable key expiry) or run it as a tagged device.';
  return days <= WARN_DAYS
    ? {
        status: 'warn' as const,
        summary: `The node key expires in ${days} days (${device.expires}).`,
        details: [...details, prevent],
      }
    : {
        status: 'pass' as const,
        summary: `The node key is valid for ${days} more days.`,
        details: [...details, prevent],
      };
}
