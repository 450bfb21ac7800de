import {
  apertureGrants,
  asArray,
  code,
  grantKeyOf,
  textOf,
  type GrantKey,
  type LintFinding,
  type LintRule,
} from '../lint-finding.js';

const KNOWN_GRANT_FIELDS = new Set(['src', 'app', 'dst']);
const KNOWN_CAPABILITY_FIELDS = new Set(['role', 'models', 'quotas']);
const ROLES = new Set(['user', 'admin']);

/** `src` entries that can never match a caller. */
export const srcCannotMatch: LintRule = (config, context) =>
  apertureGrants(config).flatMap(({ grant, key, path }) =>
    asArray(grant.src).flatMap((src, index): LintFinding[] => {
      const at = `${path}.src[${index}]`;
      if (typeof src !== 'string') {
        return [
          {
            severity: 'error',
            rule: 'src-not-string',
            path: at,
            message: 'A `src` entry must be a string.',
            fix: 'Use a login name, `*`, a group or an exact tag string.',
          },
        ];
      }
      if (src === 'tagged-devices') {
        return [
          {
            severity: 'error',
            rule: 'src-tagged-devices-label',
            path: at,
            message: '`tagged-devices` is a display label and never matches a caller.',
            fix:
              key === 'temp_grants'
                ? 'Name the people by login name, or `*`: on instances that read `temp_grants`, tag strings do not match either.'
                : "Write the device's exact tag string, e.g. `tag:ci` or `tag:api,tag:prod` (sorted, comma-joined).",
          },
        ];
      }
      if (key === 'temp_grants' && src.startsWith('tag:')) {
        return [
          {
            severity: 'error',
            rule: 'src-tag-on-temp-grants',
            path: at,
            message: `\`temp_grants\` is the key of early-2026 instances, which match only login names and \`*\`: ${code(src)} never matches there.`,
            fix: 'Name the people by login name (or `*`); or upgrade the instance and move the grants under `grants`, where exact tag strings match.',
          },
        ];
      }
      if (key === 'temp_grants' && src.startsWith('group:')) {
        return [
          {
            severity: 'warning',
            rule: 'src-group-on-temp-grants',
            path: at,
            message: `\`temp_grants\` is the key of early-2026 instances, which were seen to match only login names and \`*\`: ${code(src)} may never match there.`,
            fix: 'Name the people by login name; or upgrade the instance and move the grants under `grants`, where groups match (with the visible-groups attribute).',
          },
        ];
      }
      if (!src.startsWith('tag:')) return [];
      const tags = src.split(',');
      const sorted = [...tags].sort().join(',');
      if (sorted !== src) {
        return [
          {
            severity: 'error',
            rule: 'src-tags-not-sorted',
            path: at,
            message: `Aperture joins a device's tags sorted alphabetically, so ${code(src)} never matches.`,
            fix: `Write ${code(sorted)}.`,
          },
        ];
      }
      if (context.deviceTagSets && !context.deviceTagSets.has(src)) {
        const wider = [...context.deviceTagSets].filter((set) => set.split(',').includes(src));
        return [
          {
            severity: 'warning',
            rule: 'src-tags-match-no-device',
            path: at,
            message: `No device in the tailnet has exactly the tags ${code(src)}.`,
            fix:
              wider.length > 0
                ? `Devices carry ${wider.slice(0, 3).map(code).join(', ')}: write the full tag string.`
                : 'Check the tags on the Machines page.',
          },
        ];
      }
      return [];
    }),
  );

/** Grants whose capabilities give models without a role: callers still get 403. */
export const modelsWithoutRole: LintRule = (config) =>
  apertureGrants(config).flatMap(({ path, capabilities }) => {
    const hasModels = capabilities.some((c) => c.models !== undefined);
    const hasRole = capabilities.some((c) => c.role !== undefined);
    return hasModels && !hasRole
      ? [
          {
            severity: 'error' as const,
            rule: 'models-without-role',
            path,
            message:
              'This grant gives `models` but no `role`: its callers still get 403 unless another grant gives them a role.',
            fix: 'Add `{"role": "user"}` to the capability list.',
          },
        ]
      : [];
  });

/** Admin access: none left (lock-out) or still open to everyone (over-exposure). */
export const adminAccess: LintRule = (config) => {
  const admins = apertureGrants(config).filter(({ capabilities }) =>
    capabilities.some((c) => c.role === 'admin'),
  );
  if (admins.length === 0) {
    return [
      {
        severity: 'error',
        rule: 'no-admin-grant',
        path: grantKeyOf(config),
        message:
          'No grant gives the `admin` role: nobody can change settings through the UI or the config API.',
        fix: 'Add a grant with `{"role": "admin"}` for a named user or group before saving.',
      },
    ];
  }
  return admins
    .filter(({ grant }) => asArray(grant.src).includes('*'))
    .map(({ path }) => ({
      severity: 'warning' as const,
      rule: 'wildcard-admin',
      path,
      message: 'Every caller (`src: ["*"]`) is an admin, the default of a new instance.',
      fix: 'Restrict admin to named users or a group; keep everyone else at `{"role": "user"}`.',
    }));
};

/** Whether a `src` can stand for a person: a login name or `*`, or (on `grants`) a group. */
function personReach(src: unknown, key: GrantKey): 'person' | 'group' | 'none' {
  if (typeof src !== 'string' || src.startsWith('tag:') || src === 'tagged-devices') return 'none';
  if (src === '*') return 'person';
  if (src.startsWith('group:')) return key === 'grants' ? 'group' : 'none';
  // Login names (and SCIM groups, by email) have an @; anything else names nobody.
  return src.includes('@') ? 'person' : 'none';
}

/**
 * Lock-out: admin grants exist, but none reaches a person. The config API answers only admins
 * and, unlike the web UI, does not refuse a save that drops the saver's own admin role.
 */
export const adminReachable: LintRule = (config) => {
  const admins = apertureGrants(config).filter(({ capabilities }) =>
    capabilities.some((c) => c.role === 'admin'),
  );
  if (admins.length === 0) return [];
  const reach = admins.flatMap(({ grant, key }) =>
    asArray(grant.src).map((src) => ({ src, key, reach: personReach(src, key) })),
  );
  if (reach.some((r) => r.reach === 'person')) return [];
  const path = admins[0]?.key ?? 'grants';
  const groups = reach.filter((r) => r.reach === 'group').map((r) => textOf(r.src));
  if (groups.length > 0) {
    return [
      {
        severity: 'warning',
        rule: 'admin-only-via-group',
        path,
        message: `A person can be an admin only through ${list(groups, 'or')}, and Aperture sees group membership only when its device has the visible-groups attribute.`,
        fix: 'Give the Aperture device the `tailscale.com/visible-groups` node attribute in the tailnet policy file, and grant admin to at least one login name too.',
      },
    ];
  }
  const tags = reach
    .filter((r) => r.key === 'grants' && typeof r.src === 'string' && r.src.startsWith('tag:'))
    .map((r) => textOf(r.src));
  const srcs = reach.map((r) => textOf(r.src));
  const untaggedNode =
    'a user-owned, untagged node logged in as an admin (e.g. an ephemeral tsnet node started with an untagged, pre-authorised auth key)';
  const recoveryNodes =
    tags.length > 0
      ? `${untaggedNode}, or a device carrying exactly ${list(tags, 'or')}`
      : untaggedNode;
  return [
    {
      severity: 'error',
      rule: 'no-person-admin',
      path,
      message: `No person can be an admin: ${srcs.length > 0 ? `the admin role goes only to ${list(srcs, 'and')}` : 'the admin grants have no `src`'}. Once this is live, nobody can change settings in the UI, and the config API (admin only) answers no person.`,
      fix: `Before saving, grant \`{"role": "admin"}\` to a login name (or \`*\`). If it is already live, recover from a node Aperture still sees as an admin — ${recoveryNodes}: \`GET http://ai/api/config\`, fix the grants in its \`config\`, then \`PUT\` \`{config, hash}\` with the \`hash\` from the GET.`,
    },
  ];
};

/** Values as code spans joined with `and` or `or`: at most three, then "and N more". */
function list(values: string[], conjunction: 'and' | 'or'): string {
  const shown = values.slice(0, 3).map(code);
  const more = values.length > 3 ? ` and ${values.length - 3} more` : '';
  return shown.length > 1
    ? `${shown.slice(0, -1).join(', ')} ${conjunction} ${shown.at(-1)}${more}`
    : `${shown[0] ?? ''}${more}`;
}

/** `dst` belongs in the tailnet policy file, never in the Aperture configuration. */
export const grantCarriesDst: LintRule = (config) =>
  apertureGrants(config)
    .filter(({ grant }) => grant.dst !== undefined)
    .map(({ path }) => ({
      severity: 'error' as const,
      rule: 'grant-has-dst',
      path: `${path}.dst`,
      message: 'Grants in the Aperture configuration have no `dst`.',
      fix: 'Remove `dst`; keep it only for the same grant written in the tailnet policy file.',
    }));

/** Unknown fields and role values, which Aperture ignores or rejects. */
export const grantFields: LintRule = (config) =>
  apertureGrants(config).flatMap(({ grant, path, capabilities }) => [
    ...Object.keys(grant)
      .filter((key) => !KNOWN_GRANT_FIELDS.has(key))
      .map((key) => ({
        severity: 'warning' as const,
        rule: 'unknown-field',
        path: `${path}.${key}`,
        message: `Unknown grant field ${code(key)}.`,
        fix: 'Grants take `src` and `app`.',
      })),
    ...capabilities.flatMap((capability, index) => [
      ...Object.keys(capability)
        .filter((key) => !KNOWN_CAPABILITY_FIELDS.has(key))
        .map((key) => ({
          severity: 'warning' as const,
          rule: 'unknown-field',
          path: `${path}.app["tailscale.com/cap/aperture"][${index}].${key}`,
          message: `Unknown capability field ${code(key)}.`,
          fix: 'Capabilities take `role`, `models` and `quotas`.',
        })),
      ...(capability.role !== undefined && !ROLES.has(textOf(capability.role))
        ? [
            {
              severity: 'error' as const,
              rule: 'unknown-role',
              path: `${path}.app["tailscale.com/cap/aperture"][${index}].role`,
              message: `Unknown role ${code(capability.role)}.`,
              fix: 'Roles are `user` and `admin`.',
            },
          ]
        : []),
    ]),
  ]);
