/**
 * The network as checks see it, injected so the core imports no runtime module and tests need no
 * internet. The runtime supplies global fetch and node:dns.
 */
export interface CheckNetwork {
  fetch(url: string, init?: RequestInit): Promise<Response>;
  /** Resolves a host name to its addresses; rejects when it does not resolve. */
  resolveHost(name: string): Promise<string[]>;
}

/** A check that lacks configuration says exactly what to set. */
export class MissingConfigurationError extends Error {
  constructor(readonly variables: string) {
    super(`not configured: set ${variables}`);
  }
}

/** GET a JSON document within the check's deadline; non-2xx answers are returned, not thrown. */
export async function fetchJson(
  network: CheckNetwork,
  url: string,
  signal: AbortSignal,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const response = await network.fetch(url, {
    signal,
    headers: { accept: 'application/json', ...headers },
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    // Not JSON: keep the text; callers report what they got.
  }
  return { status: response.status, body };
}

/** Joins a base URL and a path without doubling or dropping slashes. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
