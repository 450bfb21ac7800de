import { apertureGrants, asArray } from '../config-lint/lint-finding.js';
import type { CheckNetwork } from './check-network.js';
import { configNeverSaved, configRefused, fetchApertureConfig } from './aperture-config-api.js';
import type { CheckContext, FollowUpCheck } from './follow-up-check.js';

/**
 * `requester-grant`: whether an Aperture grant matches the person who asked, and the role and
 * models it gives. Anyone may run it: it tells the asker about their own login only, never which
 * other logins, groups or grants exist.
 */
export function createRequesterGrantCheck(network: CheckNetwork): FollowUpCheck {
  return {
    id: 'requester-grant',
    title: 'Check my Aperture grant',
    proves: 'An Aperture grant gives the requester a role (and models).',
    revealsConfig: false,
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
              : 'On Slack, give the app the `users:read.email` scope. On Discord, an admin maps your user id to your login in DISCORD_LOGINS (`id=login@example.com`).',
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
      const viaGroups = grants.some(({ grant }) =>
        asArray(grant.src).some((src) => typeof src === 'string' && src.startsWith('group:')),
      );
      const granted = matching.flatMap(({ capabilities }) =>
        capabilities.filter((c) => typeof c.role === 'string'),
      );
      const roles = [...new Set(granted.map((c) => String(c.role)))];
      const models = [
        ...new Set(
          matching.flatMap(({ capabilities }) =>
            capabilities.flatMap((c) => asArray(c.models)).map((m) => String(m)),
          ),
        ),
      ];
      const modelLine =
        models.length > 0
          ? [`Models: ${models.map((m) => `\`${m}\``).join(', ')}.`]
          : ['No grant for you names models: requests for a model will be refused.'];
      if (roles.length > 0) {
        return {
          status: 'pass' as const,
          summary: `${email} is granted the role ${roles.join(', ')}.`,
          details: [
            `${matching.length} grant${matching.length === 1 ? '' : 's'} match${matching.length === 1 ? 'es' : ''} you (by your login or \`*\`).`,
            ...modelLine,
          ],
        };
      }
      const groupNote = viaGroups
        ? [
            `Some grants are by group; I cannot see group membership, so ask an admin whether ${email} is in one.`,
          ]
        : [];
      return {
        status: 'fail' as const,
        summary:
          matching.length > 0
            ? `Grants match ${email} but none gives a role: still 403.`
            : `No grant names ${email} or \`*\`.`,
        details: [
          ...groupNote,
          'An admin adds a grant with `{"role": "user"}` for this login name or a group it is in.',
        ],
      };
    },
  };
}
