import { TIMES_OUT, WORKED_BEFORE } from '../../classify/phrases.js';
import { factSignal, failureSeen, textSignal } from '../../classify/signal.js';
import type { SymptomEntryInput } from '../symptom-entry.js';

export const keyExpiry: SymptomEntryInput = {
  id: 'key-expiry',
  title: 'The Aperture device dropped off the tailnet: node key expired',
  summary:
    'Aperture worked and is now unreachable: its node key most likely expired, or the device was removed.',
  cause:
    "The Aperture device's node key expired (after 180 days by default) or the device was deleted, so it left the tailnet: requests time out and it shows as offline or `NeedsLogin`.",
  steps: [
    {
      text: 'In the admin console, open Machines and find the Aperture device: is it marked Expired, or missing altogether?',
    },
    {
      text: 'From a client, look at its line (offline, last seen) and ask it directly; an expired peer is reported as such:',
      command: 'tailscale status\ntailscale ping ai',
    },
    {
      text: 'An expired instance cannot be brought back in place: deploy a new Aperture instance and point clients at it (update base URLs if its name changes).',
    },
    {
      text: 'Prevent a repeat: Machines → the Aperture device → ⋯ → Disable key expiry, or run Aperture as a tagged device, which does not expire by default.',
    },
  ],
  docsUrl: 'https://tailscale.com/docs/aperture/troubleshooting',
  topics: [
    'key-expiry',
    'expiry',
    'expired',
    'key',
    'node key',
    'unreachable',
    'offline',
    'timeout',
    'times out',
    'needslogin',
    'logged out',
    'key expired',
    'node key expired',
    'device expired',
    'needs login',
    'login required',
    'stopped working',
    'not reachable',
    'timed out',
    'connection timed out',
    'hangs',
    'no response',
    'device removed',
    'device deleted',
  ],
  checkIds: ['device-key', 'http', 'dns'],
  examples: [
    'the Machines page shows ai as Expired and everything times out',
    'it worked yesterday and now http://ai just times out',
  ],
  signals: [
    textSignal(
      'node-key-expired',
      4,
      /\b(?:node )?key (?:has )?expired|\bkey expir(?:y|ed|es|ation|ing)\b|\bas expired\b|\bexpired since\b|\bmarked (?:as )?expired\b/i,
    ),
    textSignal('needs-login', 4, /\bNeedsLogin\b|\bneeds ?login\b|(?:^|\s)Logged out\.(?:\s|$)/),
    // One `tailscale status` row. `[ \t]`, not `\s`: with `m`, `^\s*` would rescan every run of
    // newlines from each line start (quadratic), and a row never spans lines.
    textSignal(
      'status-line-offline',
      3,
      /^[ \t]*100\.\d{1,3}\.\d{1,3}\.\d{1,3}[ \t]+\S+[ \t]+\S+[ \t]+\S+[ \t]+offline\b/m,
    ),
    factSignal(
      'timeout-to-aperture',
      2,
      (f) =>
        failureSeen(f, 'timeout', ['aperture']) ??
        (f.mentionsAperture || f.llmClient
          ? failureSeen(f, 'timeout', ['unknown', 'short-name'])
          : null),
    ),
    factSignal('timeout', 1.2, (f) =>
      failureSeen(f, 'timeout', ['unknown', 'aperture', 'short-name']),
    ),
    factSignal('hangs-near-aperture', 1.5, (f) =>
      f.mentionsAperture ? textExcerpt(f.text, TIMES_OUT) : null,
    ),
    // "It used to work" only means an expired key when Aperture or an LLM client is involved.
    factSignal('worked-before', 1.5, (f) =>
      (f.mentionsAperture || f.llmClient) &&
      (f.failures.some((x) => x.kind === 'timeout') ||
        TIMES_OUT.test(f.text) ||
        /\bunreachable|offline\b/i.test(f.text))
        ? textExcerpt(f.text, WORKED_BEFORE)
        : null,
    ),
    textSignal('default-key-lifetime', 1.5, /\b180 days\b|\b(?:six|6) months\b/i),
  ],
};

function textExcerpt(text: string, pattern: RegExp): string | null {
  return pattern.exec(text)?.[0] ?? null;
}
