/**
 * Who a host name belongs to, as far as a paste can tell. Attribution rests on it: a 403 or a
 * failed lookup matters only when the client was talking to Aperture.
 */
export type HostRole =
  /** `ai`, `aperture`, `your-aperture-host`, a MagicDNS name or a tailnet (CGNAT) address. */
  | 'aperture'
  /** Another single-label name: a tailnet short name, or a container or LAN name. */
  | 'short-name'
  /** A Mullvad exit node in the tailnet (`*.mullvad.ts.net`). */
  | 'mullvad-exit-node'
  /** An LLM provider's public API: the provider answered, not Aperture. */
  | 'provider'
  /** This machine. */
  | 'local'
  /** Anything else: GitHub, S3, a registry, a company service. */
  | 'other';

const PROVIDER_HOSTS =
  /(?:^|\.)(?:api\.anthropic\.com|api\.openai\.com|generativelanguage\.googleapis\.com|aiplatform\.googleapis\.com|openai\.azure\.com|api\.mistral\.ai|openrouter\.ai|api\.groq\.com|api\.cohere\.(?:ai|com)|api\.x\.ai|api\.deepseek\.com)$|^bedrock(?:-runtime)?\.[a-z0-9-]+\.amazonaws\.com$/;

/** Default and documented Aperture names; the placeholder the Agents page shows without MagicDNS. */
const APERTURE_NAMES =
  /^(?:ai|aperture|your-aperture-host|aperture-[a-z0-9-]+|[a-z0-9-]+-aperture|ai-gateway)$/;

/** Whether a single label is one of Aperture's default or documented names. */
export function isApertureName(label: string): boolean {
  return APERTURE_NAMES.test(label);
}

export function classifyHost(rawHost: string): HostRole {
  const host = rawHost
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (host === 'localhost' || /^127\./.test(host) || host === '::1' || host === '0.0.0.0') {
    return 'local';
  }
  if (isTailnetAddress(host)) return 'aperture';
  if (host.endsWith('.mullvad.ts.net')) return 'mullvad-exit-node';
  if (host.endsWith('.ts.net') || host.startsWith('fd7a:115c:a1e0:')) return 'aperture';
  if (PROVIDER_HOSTS.test(host)) return 'provider';
  if (APERTURE_NAMES.test(host)) return 'aperture';
  if (/^[a-z][a-z0-9-]{0,62}$/.test(host)) return 'short-name';
  return 'other';
}

/** Tailscale assigns tailnet IPv4 addresses from the CGNAT range 100.64.0.0/10. */
export function isTailnetAddress(host: string): boolean {
  const match = /^100\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!match) return false;
  const second = Number(match[1]);
  return second >= 64 && second <= 127 && Number(match[2]) <= 255 && Number(match[3]) <= 255;
}
