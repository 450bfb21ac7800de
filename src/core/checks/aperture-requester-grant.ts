import { apertureGrants, asArray } from '../config-lint/lint-finding.js';
import type { CheckNetwork } from './check-network.js';
import { configNeverSaved, configRefused, fetchApertureConfig } from './aperture-config-api.js';
import type { CheckContext, FollowUpCheck } from './follow-up-check.js';

/** `requester-grant`: which Aperture grants match the person who asked, or why none does. */
export function createRequesterGrantCheck(network: CheckNetwork): FollowUpCheck {
  return {
    id: 'requester-grant',
    title: 'Check my Aperture grant',
    proves: 'An Aperture grant gives the requester a role (and models).',
    revealsConfig: true,
    probesAperture: true,
    async run(context: CheckContext) {
      const email = context.requester.email?.toLowerCase();
      if (!email) {
        return {
          status: 'could-not-run' as const,
          summary:
            context.requester.platform === 'cli'
              ? 'No login name to check.'
              : 'I do not know your login name.',
          details: [
            context.requester.platform === 'cli'
              ? 'Say whose grants to check: `aperture-doctor check requester-grant --login alice@example.com`.'
              : 'On Slack, give the app the `users:read.email` scope. Elsewhere, ask an admin to compare your login with the grants.',
          ],
        };
      }
      const fetched = await fetchApertureConfig(network, context);
      if (!fetched.ok) return configRefused(fetched.status);
      const { document } = fetched;
      if (!document.exists) return configNeverSaved();
      if (!document.config) {
        return {
          status: 'could-not-run' as const,
          summary: 'The config Aperture sent is not one I can read.',
          details: [
            'Run the `aperture-config` check (or `aperture-doctor lint-config`) to see why.',
          ],
        };
      }
      const grants = apertureGrants(document.config);
      const matching = grants.filter(({ grant }) =>
        asArray(grant.src).some(
          (src) => src === '*' || (typeof src === 'string' && src.toLowerCase() === email),
        ),
      );
      const viaGroups = grants.filter(({ grant }) =>
        asArray(grant.src).some((src) => typeof src === 'string' && src.startsWith('group:')),
      );
      const roles = matching.flatMap(({ capabilities }) =>
        capabilities.map((c) => c.role).filter((r): r is string => typeof r === 'string'),
      );
      const describe = ({ path, grant }: (typeof grants)[number]) =>
        `${path}: src ${JSON.stringify(grant.src)}`;
      if (roles.length > 0) {
        return {
          status: 'pass' as const,
          summary: `${email} is granted the role ${[...new Set(roles)].join(', ')}.`,
          details: matching.map(describe),
        };
      }
      const groupNote =
        viaGroups.length > 0
          ? [
              `Grants by group exist (${viaGroups.map((g) => g.path).join(', ')}); I cannot see group membership, so check whether ${email} is in one.`,
            ]
          : [];
      return {
        status: 'fail' as const,
        summary:
          matching.length > 0
            ? `Grants match ${email} but none gives a role: still 403.`
            : `No grant names ${email} or \`*\`.`,
        details: [
          ...matching.map(describe),
          ...groupNote,
          'Add a grant with `{"role": "user"}` for this login name or a group they are in.',
        ],
      };
    },
  };
}
