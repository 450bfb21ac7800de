import { createApertureConfigCheck } from './aperture-config-lint.js';
import { createHttpCheck } from './aperture-http-reachable.js';
import { createHttpTailnetIpCheck } from './aperture-http-tailnet-ip.js';
import { createModelsCheck } from './aperture-models-visible.js';
import { createQuotaStatusCheck } from './aperture-quota-status.js';
import { createRequesterGrantCheck } from './aperture-requester-grant.js';
import type { CheckNetwork } from './check-network.js';
import type { CheckId } from './check-ids.js';
import { createDnsCheck } from './dns-resolves-aperture.js';
import type { FollowUpCheck } from './follow-up-check.js';
import { createExitNodeCheck } from './pasted-exit-node.js';
import { createMagicDnsSettingCheck } from './tailnet-magicdns-setting.js';
import { createTailnetGrantCheck } from './tailnet-policy-grant.js';
import { createDeviceKeyCheck } from './tailscale-node-key-expiry.js';

/** Every follow-up check by id, bound to the network they may use. */
export function createChecks(network: CheckNetwork): ReadonlyMap<CheckId, FollowUpCheck> {
  const checks = [
    createDnsCheck(network),
    createHttpCheck(network),
    createModelsCheck(network),
    createMagicDnsSettingCheck(network),
    createDeviceKeyCheck(network),
    createTailnetGrantCheck(network),
    createApertureConfigCheck(network),
    createRequesterGrantCheck(network),
    createQuotaStatusCheck(network),
    createExitNodeCheck(),
    createHttpTailnetIpCheck(network),
  ];
  return new Map(checks.map((check) => [check.id, check]));
}
