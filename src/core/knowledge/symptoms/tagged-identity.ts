import { factSignal, textSignal } from '../../classify/signal.js';
import type { SymptomEntryInput } from '../symptom-entry.js';

export const taggedIdentity: SymptomEntryInput = {
  id: 'tagged-identity',
  title: 'Every session shows as the same user: the devices are tagged',
  summary:
    'Tagged devices carry no per-user identity, so Aperture files all their traffic under one tag identity.',
  cause:
    'Tagged devices belong to their tags, not to a person, so Aperture attributes all their requests, usage and per-user quotas to one identity such as `tag:ci`.',
  steps: [
    {
      text: 'Find the tagged clients: the Machines page (tags column), `tailscale status` (owner `tagged-devices`), or for one device:',
      command: 'tailscale whois <device-name>',
    },
    {
      text: 'Have people connect from devices registered to their own accounts: remove the tags (Machines → the device → Edit ACL tags) and log the device in as its user with `tailscale up --force-reauth`.',
    },
    {
      text: 'Keep tags for servers, services and CI, where one shared identity is intended, and give them grants written with their exact sorted tag string (for example `tag:ci,tag:prod`) and quota buckets of their own.',
    },
    {
      text: 'For CI, which always joins as a tagged node, use one tag per pipeline or repository (for example `tag:ci-web`) so usage can still be told apart.',
    },
  ],
  docsUrl: 'https://tailscale.com/docs/aperture/troubleshooting',
  topics: [
    'tagged-identity',
    'tags',
    'tagged',
    'tag',
    'same user',
    'one user',
    'identity',
    'attribution',
    'tagged-devices',
    'per-user',
    'tagged device',
    'tagged devices',
    'usage attribution',
    'everyone is one user',
    'same identity',
  ],
  checkIds: ['requester-grant', 'aperture-config'],
  examples: [
    'every session in aperture shows the same user, no matter who runs it',
    "usage dashboard says 100% of spend is 'tagged-devices'",
  ],
  signals: [
    textSignal('tagged-devices-owner', 4, /\btagged-devices\b/i),
    textSignal(
      'one-identity-for-everyone',
      3,
      /\b(?:same|one|single) (?:user|person|identity|account)\b|can'?t tell (?:users|people|who|which|them)|(?:users|people) apart|attribute (?:requests |usage |spend )?to (?:a |the |each )?(?:person|user|people)|show (?:me|us|them) separately|everyone (?:ends up|shows up|appears|is)|sessions? (?:look|looks|all look) like/i,
    ),
    factSignal('tag-identity-in-usage', 2.5, (f) =>
      f.tags.length > 0 &&
      /\b(?:usage|sessions?|spend|dashboard|attribut\w*|identity|shows? up|lists|per-user|logs)\b/i.test(
        f.text,
      )
        ? (f.tags[0] ?? null)
        : null,
    ),
    textSignal('tagged-device', 1.5, /\btagged\b|\btag-based\b|auth ?key with tags/i),
    // `tailscale whois` output; `[ \t]`, not `\s`, so `^` cannot rescan runs of newlines.
    textSignal('whois-tags', 1.5, /^[ \t]*Tags:[ \t]+tag:/m),
    textSignal('per-user-limits', 1.5, /\bper[- ](?:user|person|engineer|developer|seat)\b/i),
  ],
};
