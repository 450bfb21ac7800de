import { z } from 'zod';
import {
  fetchJson,
  joinUrl,
  MissingConfigurationError,
  type CheckNetwork,
} from './check-network.js';
import type { CheckTargets } from './follow-up-check.js';

/** The fields of the Tailscale API device list that checks read (api.md, "Devices"). */
export const tailscaleDeviceSchema = z.looseObject({
  id: z.string().optional(),
  nodeId: z.string().optional(),
  name: z.string(),
  hostname: z.string().optional(),
  addresses: z.array(z.string()).default([]),
  user: z.string().optional(),
  tags: z.array(z.string()).default([]),
  authorized: z.boolean().optional(),
  keyExpiryDisabled: z.boolean().optional(),
  expires: z.string().optional(),
  lastSeen: z.string().optional(),
  connectedToControl: z.boolean().optional(),
});
export type TailscaleDevice = z.infer<typeof tailscaleDeviceSchema>;

const devicesSchema = z.object({ devices: z.array(tailscaleDeviceSchema) });
const dnsPreferencesSchema = z.object({ magicDNS: z.boolean() });
const tokenSchema = z.object({ access_token: z.string(), expires_in: z.number().optional() });

const CREDENTIALS_HINT =
  'TAILSCALE_API_KEY, or TAILSCALE_OAUTH_CLIENT_ID and TAILSCALE_OAUTH_CLIENT_SECRET';

/**
 * OAuth access tokens by API URL and client id, reused until a minute before they expire: a busy
 * channel clicking checks should not mint a token per click.
 */
const TOKEN_CACHE = new Map<string, { token: string; expiresAt: number }>();
const TOKEN_EARLY_RENEWAL_MS = 60_000;

/** Thrown for a non-2xx answer, with the status for the check to explain. */
export class TailscaleApiError extends Error {
  constructor(
    readonly status: number,
    readonly path: string,
  ) {
    super(`the Tailscale API answered ${status} for ${path}`);
  }
}

/**
 * A small Tailscale API client: an API key, or an OAuth client whose short-lived token is
 * minted per client. Responses are validated with zod at this edge.
 * @see https://tailscale.com/api
 */
export class TailscaleApiClient {
  constructor(
    private readonly targets: CheckTargets['tailscale'],
    private readonly network: CheckNetwork,
  ) {}

  static isConfigured(targets: CheckTargets['tailscale']): boolean {
    return Boolean(targets.apiKey || (targets.oauthClientId && targets.oauthClientSecret));
  }

  async listDevices(signal: AbortSignal): Promise<TailscaleDevice[]> {
    const body = await this.get(`tailnet/${this.tailnet()}/devices?fields=all`, signal);
    return devicesSchema.parse(body).devices;
  }

  async magicDnsEnabled(signal: AbortSignal): Promise<boolean> {
    const body = await this.get(`tailnet/${this.tailnet()}/dns/preferences`, signal);
    return dnsPreferencesSchema.parse(body).magicDNS;
  }

  /** The tailnet policy file as JSON (the API converts HuJSON when asked for JSON). */
  async policyFile(signal: AbortSignal): Promise<unknown> {
    return this.get(`tailnet/${this.tailnet()}/acl`, signal);
  }

  private tailnet(): string {
    return encodeURIComponent(this.targets.tailnet || '-');
  }

  private async get(path: string, signal: AbortSignal): Promise<unknown> {
    const token = await this.token(signal);
    const url = joinUrl(this.targets.apiUrl, `api/v2/${path}`);
    const { status, body } = await fetchJson(this.network, url, signal, {
      authorization: `Bearer ${token}`,
    });
    if (status < 200 || status >= 300)
      throw new TailscaleApiError(status, path.split('?')[0] ?? path);
    return body;
  }

  /** The API key, or a token minted for the OAuth client; without either, says what to set. */
  private async token(signal: AbortSignal): Promise<string> {
    if (this.targets.apiKey) return this.targets.apiKey;
    const { oauthClientId, oauthClientSecret } = this.targets;
    if (!oauthClientId || !oauthClientSecret) throw new MissingConfigurationError(CREDENTIALS_HINT);
    const cacheKey = `${this.targets.apiUrl}|${oauthClientId}`;
    const cached = TOKEN_CACHE.get(cacheKey);
    if (cached && cached.expiresAt > Date.now()) return cached.token;
    const response = await this.network.fetch(joinUrl(this.targets.apiUrl, 'api/v2/oauth/token'), {
      method: 'POST',
      signal,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: oauthClientId,
        client_secret: oauthClientSecret,
        grant_type: 'client_credentials',
      }).toString(),
    });
    if (!response.ok) throw new TailscaleApiError(response.status, 'oauth/token');
    const minted = tokenSchema.parse(await response.json());
    const lifetimeMs = (minted.expires_in ?? 3600) * 1000;
    TOKEN_CACHE.set(cacheKey, {
      token: minted.access_token,
      expiresAt: Date.now() + lifetimeMs - TOKEN_EARLY_RENEWAL_MS,
    });
    return minted.access_token;
  }
}

/** Finds the Aperture device by the host of APERTURE_URL: short name, MagicDNS name or address. */
export function findApertureDevice(
  devices: TailscaleDevice[],
  apertureUrl: string,
): TailscaleDevice | undefined {
  const host = new URL(apertureUrl).hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return devices.find((device) => {
    const fqdn = device.name.toLowerCase().replace(/\.$/, '');
    return (
      fqdn === host ||
      fqdn.split('.')[0] === host ||
      device.hostname?.toLowerCase() === host ||
      device.addresses.includes(host)
    );
  });
}
