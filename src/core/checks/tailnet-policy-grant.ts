import { asArray, isRecord } from '../config-lint/lint-finding.js';
import type { CheckNetwork } from './check-network.js';
import type { CheckContext, FollowUpCheck } from './follow-up-check.js';
import { findApertureDevice, TailscaleApiClient } from './tailscale-api-client.js';

/** `tailnet-grant`: does the tailnet policy let callers reach the Aperture device, and are there Aperture capability grants in it? */
export function createTailnetGrantCheck(network: CheckNetwork): FollowUpCheck {
  return {
    id: 'tailnet-grant',
    title: 'Check the tailnet policy',
    proves: 'The tailnet policy file lets the requester reach the Aperture device.',
    revealsConfig: true,
    async run(context: CheckContext) {
      const client = new TailscaleApiClient(context.targets.tailscale, network);
      const [policy, devices] = await Promise.all([
        client.policyFile(context.signal),
        client.listDevices(context.signal),
      ]);
      const device = findApertureDevice(devices, context.targets.apertureUrl);
      // Destinations that cover the Aperture device: everything, its tags, its name or addresses,
      // and the autogroup its ownership puts it in (tagged devices, or members' devices).
      const targets = new Set([
        '*',
        ...(device?.tags ?? []),
        ...(device ? [device.name.split('.')[0] ?? '', ...device.addresses] : []),
        ...(device ? [device.tags.length > 0 ? 'autogroup:tagged' : 'autogroup:member'] : []),
      ]);
      const requester = context.requester.email?.toLowerCase();
      const policyObject = isRecord(policy) ? policy : {};
      const groups = isRecord(policyObject.groups) ? policyObject.groups : {};
      const srcMatches = (src: unknown) =>
        typeof src === 'string' &&
        (src === '*' ||
          src === 'autogroup:member' ||
          (requester !== undefined &&
            (src.toLowerCase() === requester ||
              asArray(groups[src])
                .map(String)
                .map((m) => m.toLowerCase())
                .includes(requester))));
      const dstMatches = (dst: unknown) =>
        typeof dst === 'string' && targets.has(dst.replace(/:[\d*,-]+$/, ''));
      const rules = [
        ...asArray(policyObject.grants).map((rule, i) => ({
          rule,
          path: `grants[${i}]`,
          dst: 'dst',
        })),
        ...asArray(policyObject.acls).map((rule, i) => ({ rule, path: `acls[${i}]`, dst: 'dst' })),
      ].filter(({ rule }) => isRecord(rule)) as Array<{
        rule: Record<string, unknown>;
        path: string;
        dst: string;
      }>;
      const reaching = rules.filter(
        ({ rule }) =>
          asArray(rule.dst).some(dstMatches) &&
          (requester === undefined || asArray(rule.src).some(srcMatches)),
      );
      const capabilityGrants = rules.filter(
        ({ rule }) => isRecord(rule.app) && 'tailscale.com/cap/aperture' in rule.app,
      );
      const details = [
        ...reaching
          .slice(0, 5)
          .map(
            ({ path, rule }) =>
              `${path}: src ${JSON.stringify(rule.src)} → dst ${JSON.stringify(rule.dst)}`,
          ),
        capabilityGrants.length > 0
          ? `${capabilityGrants.length} grant(s) in the policy file carry \`tailscale.com/cap/aperture\` (${capabilityGrants.map((g) => g.path).join(', ')}); define each grant in one place only.`
          : 'No `tailscale.com/cap/aperture` grants in the policy file: Aperture grants then live in the Aperture config.',
      ];
      if (!device)
        details.unshift(
          'I could not find the Aperture device, so only `*` destinations were considered.',
        );
      const who = requester ?? 'members';
      return reaching.length > 0
        ? {
            status: 'pass' as const,
            summary: `The policy lets ${who} reach the Aperture device.`,
            details,
          }
        : {
            status: 'fail' as const,
            summary: `No ACL or grant lets ${who} reach the Aperture device: connections fail before Aperture sees them.`,
            details: [...details, 'Add a grant with `dst` naming the Aperture device or its tag.'],
          };
    },
  };
}
