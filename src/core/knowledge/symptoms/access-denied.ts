import { OTHER_SERVICE_REFUSAL } from '../../classify/phrases.js';
import {
  factSignal,
  onlyUnrelatedHosts,
  statusFromAperture,
  statusSeen,
  textSignal,
} from '../../classify/signal.js';
import type { SymptomEntryInput } from '../symptom-entry.js';

export const accessDenied: SymptomEntryInput = {
  id: 'access-denied',
  title: 'Aperture denies access: no role granted',
  summary: 'HTTP 403 `access denied: no role granted`: no Aperture grant gives this caller a role.',
  cause:
    "No Aperture grant with the `tailscale.com/cap/aperture` capability matches this caller's identity, or the one that does gives `models` but no `role`, so Aperture answers 403 `access denied: no role granted`.",
  steps: [
    {
      text: 'From the affected device, run the self-check: a 403 means no role, an empty list means no `models` grant.',
      command: 'curl http://ai/v1/models',
    },
    {
      text: 'In the admin console, Access controls → Preview rules: pick the user or their device and confirm it may reach the Aperture device.',
    },
    {
      text: 'In Aperture (Settings in `http://ai/ui/`, admins only), find a grant whose `src` matches the caller: their login name, `*`, a `group:` (needs the `tailscale.com/visible-groups` node attribute on the Aperture device), or for a tagged device its exact tag string.',
    },
    {
      text: 'Add or fix the grant. Every caller needs a `role` as well as `models`:',
      command:
        '{"src": ["alice@example.com"], "app": {"tailscale.com/cap/aperture": [{"role": "user"}, {"models": "**"}]}}',
    },
    {
      text: 'Keep each grant in one place: in the Aperture config leave out `dst`; in the tailnet policy file the same grant needs a `dst` naming the Aperture device.',
    },
  ],
  deeper: [
    {
      title: 'Tagged devices and `src` matching',
      shownFor: ['tag:', 'tagged', 'temp_grants'],
      body: 'A tagged device has no user identity: Aperture identifies it by its tags, sorted alphabetically and joined by commas (`tag:api,tag:prod`), and a `src` for it must be exactly that string. `tagged-devices`, the owner label that `tailscale status` prints, never matches. Instances from early 2026 (config key `temp_grants`) matched only login names and `*`; if a correct tag string still gets 403, check the instance version and the identity Aperture logs for the request. Whether `tag:ci` alone matches a device with several tags is not documented, so write the full string.',
    },
    {
      title: 'Locked out of the configuration',
      shownFor: ['locked out', 'lockout', 'lock out', 'lock-out', 'admin access', 'api/config'],
      body: 'The web UI will not save a change that removes your own admin access, but edits made any other way are not checked. If the admin grant is gone, or every device is tagged so that no grant matches a person, nobody can reach the admin-only config API. Recover from a user-owned, untagged node (an ephemeral tsnet node logged in as an admin user works): `GET http://ai/api/config`, fix the grants, and `PUT` the result back with the `hash` from the GET.',
    },
  ],
  docsUrl: 'https://tailscale.com/docs/aperture/how-grants-work',
  topics: [
    'access-denied',
    '403',
    'denied',
    'access denied',
    'no role',
    'forbidden',
    'grant',
    'grants',
    'role',
    'permission',
    'lockout',
    'locked out',
    'admin',
    'no role granted',
    'permission denied',
    '401',
    'unauthorized',
    'unauthorised',
    'refused access',
    'not authorized',
    'src',
  ],
  checkIds: ['models', 'requester-grant', 'tailnet-grant', 'aperture-config'],
  examples: [
    '{"error":"access denied: no role granted"}',
    'requests.exceptions.HTTPError: 403 Client Error: Forbidden for url: http://ai/v1/messages',
  ],
  signals: [
    textSignal('no-role-granted', 5, /\bno role granted\b/i),
    factSignal('status-403-from-aperture', 3.2, (f) => statusFromAperture(f, 403)),
    factSignal('status-403', 1, (f) => statusSeen(f, 403)),
    factSignal('status-403-about-aperture', 1.5, (f) =>
      /\baperture\b/i.test(f.text) ? statusSeen(f, 403) : null,
    ),
    factSignal('grant-words-with-403', 1, (f) =>
      f.mentionsAperture && (statusSeen(f, 403) !== null || /\baccess denied\b/i.test(f.text))
        ? (/\b(?:grants?|roles?|cap\/aperture|policy file|acls?)\b/i.exec(f.text)?.[0] ?? null)
        : null,
    ),
    textSignal('another-service-refused', -5, OTHER_SERVICE_REFUSAL),
    textSignal('guardrail-not-grant', -5, /\bguardrail\b|pre_request/i),
    textSignal('vpn-in-play', -2, /\bmullvad\b/i),
    factSignal('only-unrelated-hosts', -3, (f) =>
      onlyUnrelatedHosts(f) ? (f.hosts[0]?.excerpt ?? null) : null,
    ),
  ],
};
