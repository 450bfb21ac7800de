import { CHECK_LABELS, CONFIG_REVEALING_CHECKS } from '../checks/check-ids.js';
import type { Requester } from '../checks/follow-up-check.js';
import type { Reply } from './reply.js';

const GRANT_CHECK = CHECK_LABELS['requester-grant'];
const ADMIN_ONLY = `${[...CONFIG_REVEALING_CHECKS].map((id) => `"${CHECK_LABELS[id]}"`).join(', ')} and \`/aperture doctor\``;

/**
 * `/aperture whoami`: the asker's id, whether ADMIN_USERS makes them an admin, and the login the
 * grant check uses (Slack: the profile email; Discord: DISCORD_LOGINS; console: `--user`).
 * `ignoredChange` is set when someone outside the console tried to change who they are.
 */
export function buildWhoamiReply(
  requester: Requester,
  options: { ignoredChange?: boolean } = {},
): Reply {
  const sections = [
    { heading: 'Admin', body: adminLine(requester) },
    { heading: 'Login', body: loginLine(requester) },
  ];
  if (options.ignoredChange)
    sections.push({
      heading: 'Only the console changes who you are',
      body: `Here your id comes from ${platformName(requester)} and admins from ADMIN_USERS; \`/aperture whoami LOGIN\` and \`--admin\` work in \`aperture-doctor console\`.`,
    });
  const console = requester.platform === 'console';
  return {
    kind: 'notice',
    title: console
      ? `You are the console user${requester.email ? ` ${requester.email}` : ''}`
      : `Your ${platformName(requester)} user id is ${requester.userId}`,
    summary: console
      ? 'In the console you play whoever you choose, so admin-only checks and the grant check can be tried locally.'
      : 'ADMIN_USERS takes ids like this one (comma-separated); on Discord, DISCORD_LOGINS maps them to logins.',
    steps: [],
    sections,
    evidence: [],
    actions: [],
    private: true,
  };
}

function adminLine(requester: Requester): string {
  if (requester.platform === 'console')
    return requester.isAdmin
      ? `You play an admin: ${ADMIN_ONLY} answer you. \`/aperture whoami --no-admin\` plays someone who is not.`
      : `You play someone who is not an admin: ${ADMIN_ONLY} are refused. \`/aperture whoami --admin\` plays an admin.`;
  return requester.isAdmin
    ? `You are an admin (your id is in ADMIN_USERS): ${ADMIN_ONLY} answer you.`
    : `You are not an admin: ${ADMIN_ONLY} need your id in ADMIN_USERS.`;
}

function loginLine(requester: Requester): string {
  const login = requester.email;
  switch (requester.platform) {
    case 'slack':
      return login
        ? `\`${login}\`, your Slack profile's email: "${GRANT_CHECK}" looks for grants to it.`
        : `I cannot see your email: give the app the \`users:read.email\` scope, so "${GRANT_CHECK}" knows whose grants to look for.`;
    case 'discord':
      return login
        ? `\`${login}\`, from DISCORD_LOGINS: "${GRANT_CHECK}" looks for grants to it.`
        : `None: Discord has no email, so an admin adds \`${requester.userId}=you@example.com\` to DISCORD_LOGINS for "${GRANT_CHECK}" to know whose grants to look for.`;
    default:
      return login
        ? `\`${login}\`: "${GRANT_CHECK}" looks for grants to it. \`/aperture whoami other@example.com\` plays someone else.`
        : `None yet: \`/aperture whoami alice@example.com\` (or \`aperture-doctor console --user alice@example.com\`) gives "${GRANT_CHECK}" a login to look for.`;
  }
}

function platformName(requester: Requester): string {
  return requester.platform === 'slack'
    ? 'Slack'
    : requester.platform === 'discord'
      ? 'Discord'
      : 'the console';
}
