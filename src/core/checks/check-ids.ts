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
] as const;

export type CheckId = (typeof CHECK_IDS)[number];

export function isCheckId(value: string): value is CheckId {
  return (CHECK_IDS as readonly string[]).includes(value);
}
