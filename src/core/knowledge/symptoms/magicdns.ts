import { calledRole, factSignal, failureSeen, textSignal } from '../../classify/signal.js';
import type { SymptomEntryInput } from '../symptom-entry.js';

const MACHINE_LOOKUP_ERROR =
  /ENOTFOUND|EAI_AGAIN|EAI_NONAME|getaddrinfo|name or service not known|nodename nor servname|temporary failure in name resolution|NameResolutionError|no such host|could not resolve host|UnknownHostException|ERR_NAME_NOT_RESOLVED|DNS_PROBE|failed to lookup address/i;

export const magicdns: SymptomEntryInput = {
  id: 'magicdns',
  title: 'The Aperture hostname does not resolve',
  summary:
    'Clients cannot resolve the Aperture name (such as `http://ai`): MagicDNS is off or the URL is wrong.',
  cause:
    'The short name `ai` resolves only when MagicDNS is on for the tailnet and the client lets Tailscale manage DNS; without that (or with a typo) the lookup fails.',
  steps: [
    {
      text: 'On the failing device, ask Tailscale whether MagicDNS is on (it prints "MagicDNS: disabled tailnet-wide." when it is off):',
      command: 'tailscale dns status',
    },
    { text: 'Turn it on in the admin console: DNS → MagicDNS → Enable.' },
    {
      text: 'Check that the full name resolves (your tailnet name is at the top of the DNS page):',
      command: 'nslookup ai.<your-tailnet>.ts.net',
    },
    {
      text: 'Until DNS works, use the Tailscale IP of the Aperture device from the Machines page or `tailscale status`:',
      command: 'curl http://100.x.y.z/v1/models',
    },
    {
      text: 'Replace any `http://your-aperture-host` copied from the Agents page with the real name, then copy the client configs again.',
    },
    {
      text: 'Do not test with `tailscale ping`: it reaches the device by IP and succeeds even when MagicDNS is off.',
    },
  ],
  docsUrl: 'https://tailscale.com/docs/aperture/troubleshooting',
  topics: [
    'magicdns',
    'dns',
    'hostname',
    'resolve',
    'name resolution',
    'enotfound',
    'eai_again',
    'could not resolve',
    'your-aperture-host',
    'placeholder',
    'nxdomain',
    'no such host',
    'unknown host',
    'name not resolved',
    'not resolving',
    'does not resolve',
    "doesn't resolve",
    "can't resolve",
    'cannot resolve',
    'name or service not known',
    'server not found',
    'getaddrinfo',
    'lookup failed',
  ],
  checkIds: ['dns', 'magicdns-setting', 'http'],
  examples: [
    'curl: (6) Could not resolve host: ai',
    'getaddrinfo ENOTFOUND ai.tail1234.ts.net',
    'the Agents page shows http://your-aperture-host in every config',
  ],
  signals: [
    factSignal('lookup-failed-for-aperture-name', 4, (f) =>
      failureSeen(f, 'resolve', ['aperture']),
    ),
    // A bare name like `postgres` is usually a container; with Tailscale or Aperture around, a tailnet name.
    factSignal('lookup-failed-for-short-name', 2, (f) =>
      f.mentionsAperture || f.mentionsTailscale || f.llmClient
        ? failureSeen(f, 'resolve', ['short-name'])
        : null,
    ),
    factSignal('lookup-failed-near-aperture', 2.5, (f) =>
      f.mentionsAperture ? failureSeen(f, 'resolve', ['unknown']) : null,
    ),
    // With no host at all, only a machine-printed lookup error counts: "can't find the host" is
    // also everyday English.
    factSignal('lookup-failed', 2, (f) => {
      const excerpt = failureSeen(f, 'resolve', ['unknown']);
      return excerpt !== null && MACHINE_LOOKUP_ERROR.test(f.text) ? excerpt : null;
    }),
    textSignal('magicdns-named', 3, /\bmagic ?dns\b/i),
    textSignal(
      'magicdns-disabled',
      1.5,
      /magicdns:? (?:is )?(?:disabled|off)|disabled tailnet-wide|(?:turned|switched) (?:it )?off/i,
    ),
    textSignal('placeholder-host', 3.5, /\byour-aperture-host\b/i),
    factSignal('unrelated-host-lookup', -1, (f) =>
      failureSeen(f, 'resolve', ['other', 'provider', 'local']) !== null &&
      !calledRole(f, ['aperture'])
        ? failureSeen(f, 'resolve')
        : null,
    ),
  ],
};
