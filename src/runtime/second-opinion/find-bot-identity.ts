import { networkInterfaces } from 'node:os';
import type { CheckNetwork } from '../../core/checks/check-network.js';
import type { CheckTargets } from '../../core/checks/follow-up-check.js';
import { TailscaleApiClient } from '../../core/checks/tailscale-api-client.js';
import { isTailnetAddress } from '../../core/classify/classify-host.js';

export interface BotIdentityOptions {
  /** The host's own addresses; the network interfaces unless a test says otherwise. */
  ownAddresses?: () => string[];
  deadlineMs?: number;
}

/** Found once, kept this long: a device's tags or owner rarely change. */
const CACHE_MS = 10 * 60 * 1000;
/** Tailscale's IPv6 range, fd7a:115c:a1e0::/48. */
const TAILNET_V6 = /^fd7a:115c:a1e0:/i;

/**
 * Who the bot's host is on the tailnet, as Aperture matches a grant's `src`: the device's tags,
 * sorted and comma-joined (`tag:bot,tag:prod`), or its owner's login. Found by matching the
 * host's tailnet addresses in the Tailscale API's device list, so only with TAILSCALE_API_KEY
 * (or the OAuth pair) set; undefined otherwise, or behind the Kubernetes operator (the pod has
 * no tailnet address: the egress proxy's tag is who Aperture sees).
 */
export function createBotIdentityLookup(
  targets: CheckTargets,
  network: CheckNetwork,
  options: BotIdentityOptions = {},
): () => Promise<string | undefined> {
  const ownAddresses = options.ownAddresses ?? interfaceAddresses;
  let cached: { identity: string; at: number } | undefined;
  return async () => {
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.identity;
    if (!TailscaleApiClient.isConfigured(targets.tailscale)) return undefined;
    const mine = ownAddresses().filter((a) => isTailnetAddress(a) || TAILNET_V6.test(a));
    if (mine.length === 0) return undefined;
    try {
      const client = new TailscaleApiClient(targets.tailscale, network);
      const devices = await client.listDevices(AbortSignal.timeout(options.deadlineMs ?? 3000));
      const device = devices.find((d) => d.addresses.some((address) => mine.includes(address)));
      if (!device) return undefined;
      const identity = device.tags.length > 0 ? [...device.tags].sort().join(',') : device.user;
      if (identity) cached = { identity, at: Date.now() };
      return identity;
    } catch {
      return undefined; // the note then says how to find it by hand
    }
  };
}

function interfaceAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) =>
    (list ?? []).map((entry) => entry.address),
  );
}
