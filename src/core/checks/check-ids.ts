/**
 * Ids of the follow-up checks (issue 5). Symptom entries refer to checks by these ids and button
 * payloads carry them, so they are part of the wire format: never rename one.
 */
export const CHECK_IDS = [
  'dns',
  'http',
  'models',
  'magicdns-setting',
  'device-key',
  'tailnet-grant',
  'aperture-config',
  'requester-grant',
  'quota-status',
  'exit-node',
  'http-tailnet-ip',
] as const;

export type CheckId = (typeof CHECK_IDS)[number];

export function isCheckId(value: string): value is CheckId {
  return (CHECK_IDS as readonly string[]).includes(value);
}

/** Button labels (≤ 40 characters, Discord allows 80 and Slack 75). */
export const CHECK_LABELS: Record<CheckId, string> = {
  dns: 'Check DNS',
  http: 'Check HTTP reachability',
  models: "Check the bot's model access",
  'magicdns-setting': 'Check the MagicDNS setting',
  'device-key': 'Check the device key',
  'tailnet-grant': 'Check the tailnet policy',
  'aperture-config': 'Lint the Aperture config',
  'requester-grant': 'Check my Aperture grant',
  'quota-status': 'Check quota balances',
  'exit-node': 'Check for a Mullvad exit node',
  'http-tailnet-ip': 'Check HTTP by tailnet address',
};

/**
 * Checks that reveal configuration: answered only for ADMIN_USERS, and privately (issue 10).
 * `requester-grant` is not one: it says only whether the asker's own login matches a grant.
 */
export const CONFIG_REVEALING_CHECKS: ReadonlySet<CheckId> = new Set([
  'aperture-config',
  'tailnet-grant',
]);

/** Checks about the person who clicked: shown only where the platform can say who that is. */
export const REQUESTER_CHECKS: ReadonlySet<CheckId> = new Set(['requester-grant']);
