import { TROUBLE } from '../../classify/phrases.js';
import { calledRole, factSignal, textSignal } from '../../classify/signal.js';
import type { SymptomEntryInput } from '../symptom-entry.js';

export const mullvad: SymptomEntryInput = {
  id: 'mullvad',
  title: 'A Mullvad exit node or VPN is breaking Aperture traffic',
  summary:
    'Intermittent failures or 403s while a Mullvad exit node, or the Mullvad app, is active.',
  cause:
    'Tailscale and Mullvad both use 100.64.0.0/10, so with a Mullvad exit node or app active, traffic for the Aperture device can go into the VPN instead and fail now and then.',
  steps: [
    {
      text: 'Confirm it: leave the exit node and retry. If the errors stop, this is the cause.',
      command: 'tailscale set --exit-node=',
    },
    {
      text: 'See which exit node is in use: `tailscale status` marks it `active; exit node`, and Mullvad nodes end in `.mullvad.ts.net`:',
      command: 'tailscale exit-node list',
    },
    {
      text: 'While you use Aperture, prefer an exit node you run yourself on the tailnet, or no exit node.',
    },
    {
      text: 'With the standalone Mullvad app, exclude Tailscale in its split tunnelling settings and make sure the kill switch does not block 100.64.0.0/10.',
    },
  ],
  docsUrl: 'https://tailscale.com/docs/aperture/troubleshooting',
  topics: [
    'mullvad',
    'vpn',
    'exit node',
    'exit-node',
    'cgnat',
    '100.64.0.0/10',
    'kill switch',
    'intermittent',
    'flaky',
    'exit nodes',
    'vpn app',
    '100.64',
    'split tunnelling',
    'split tunneling',
  ],
  checkIds: ['exit-node', 'http'],
  examples: [
    'intermittent 403s from aperture while the Mullvad exit node is on',
    'since tailscale set --exit-node=de-fra-wg-003.mullvad.ts.net aperture calls fail every few minutes',
  ],
  signals: [
    textSignal('mullvad-named', 1, /\bmullvad\b/i),
    // Mullvad alone is small talk; with trouble or Aperture in the paste it explains the failures.
    factSignal('mullvad-with-trouble', 3, (f) =>
      /\bmullvad\b/i.test(f.text) &&
      (f.failures.length > 0 || f.statuses.length > 0 || TROUBLE.test(f.text) || f.mentionsAperture)
        ? (TROUBLE.exec(f.text)?.[0] ??
          f.failures[0]?.excerpt ??
          f.statuses[0]?.excerpt ??
          'aperture')
        : null,
    ),
    factSignal('mullvad-exit-node', 0.5, (f) => calledRole(f, ['mullvad-exit-node'])),
    factSignal('exit-node-and-intermittent', 2, (f) =>
      /\bexit[- ]node\b/i.test(f.text) &&
      /\b(?:intermittent|random|every (?:few|other)|sometimes|flaps?|flaky|now and then)/i.test(
        f.text,
      )
        ? (/\bexit[- ]node\b/i.exec(f.text)?.[0] ?? null)
        : null,
    ),
    textSignal('cgnat-collision', 2, /100\.64\.0\.0\/10|\bCGNAT\b/i),
    textSignal('vpn-kill-switch', 1.5, /\bkill ?switch\b|\bsplit tunnel/i),
    factSignal('vpn-near-aperture', 1.2, (f) =>
      f.mentionsAperture ? (/\bVPN\b/i.exec(f.text)?.[0] ?? null) : null,
    ),
  ],
};
