import { factSignal, failureSeen } from '../../classify/signal.js';
import type { SymptomEntryInput } from '../symptom-entry.js';

export const https: SymptomEntryInput = {
  id: 'https',
  title: 'Aperture speaks http://, not https://',
  summary:
    '`https://` to Aperture fails (TLS "wrong version number", port 443 refused): use `http://`.',
  cause:
    'Aperture serves plain HTTP inside the tailnet (WireGuard already encrypts it), so a client pointed at `https://ai` fails its TLS handshake or finds nothing on port 443.',
  steps: [
    {
      text: 'Use `http://` in the base URL: `http://ai` for Anthropic-style clients, `http://ai/v1` for OpenAI-style ones, `http://ai/ui/` for the dashboard.',
      command: 'export ANTHROPIC_BASE_URL=http://ai',
    },
    {
      text: 'Look for `https://ai` in environment variables, client config files and the Agents page configs you copied, and change each one.',
    },
    {
      text: 'If `http://ai` does not resolve either, the name is the problem: see `/aperture why dns`.',
    },
  ],
  docsUrl: 'https://tailscale.com/docs/aperture/troubleshooting',
  topics: [
    'https',
    'tls',
    'ssl',
    'certificate',
    'cert',
    '443',
    'wrong version number',
    'eproto',
    'connection refused',
    'refused',
    'econnrefused',
    'ssl error',
    'tls error',
    'port 443',
  ],
  checkIds: ['http', 'dns'],
  examples: [
    'curl https://ai.tail1234.ts.net/v1/messages fails with curl: (35) OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number',
    'https://ai/ui/ gives ERR_SSL_PROTOCOL_ERROR in chrome',
  ],
  signals: [
    factSignal('tls-to-plain-http', 3.5, (f) =>
      failureSeen(f, 'tls', ['aperture', 'short-name', 'unknown']),
    ),
    factSignal(
      'https-url-for-aperture',
      2.5,
      (f) => f.hosts.find((h) => h.scheme === 'https' && h.role === 'aperture')?.excerpt ?? null,
    ),
    factSignal('port-443-refused', 3.5, (f) => {
      const refused = f.failures.find(
        (x) => x.kind === 'refused' && (x.port === 443 || /\bport 443\b|:443\b/.test(x.excerpt)),
      );
      return refused && (refused.role === 'aperture' || refused.role === 'short-name')
        ? refused.excerpt
        : null;
    }),
    factSignal('asks-about-https', 2.5, (f) =>
      f.mentionsAperture
        ? (/\b(?:be|use|using|over|via|with|need|needs|require[sd]?) (?:an? )?(?:https|tls|ssl)\b|\bhttps\b[^.\n]{0,40}\?|\bplain http\b/i.exec(
            f.text,
          )?.[0] ?? null)
        : null,
    ),
    factSignal('name-does-not-resolve', -1.5, (f) => failureSeen(f, 'resolve')),
  ],
};
