import type { CheckNetwork } from './check-network.js';

/**
 * One wording for a check that could not reach Aperture, whichever check it was: a refused
 * connection, a name that does not resolve or a silent host is a finding about the setup (a
 * `fail` with what it means), not a crash of the check.
 */

/** Thrown by a fetch (undici's `TypeError: fetch failed` with a cause) rather than answered. */
export function isNetworkFailure(error: unknown): boolean {
  return error instanceof TypeError && errorCode(error) !== undefined;
}

export function unreachableResult(origin: string, error: unknown) {
  return {
    status: 'fail' as const,
    summary: `No HTTP answer from ${origin}.`,
    details: [
      describeNetworkError(origin, error),
      'If the name resolves, the device may be offline (expired key) or a policy blocks this machine.',
    ],
  };
}

/**
 * The HTTP status a plain GET of `url` gets (redirects not followed), or the one finding for an
 * Aperture that did not answer. A cancelled check still throws, for the runner's deadline.
 */
export async function httpStatusOrUnreachable(
  network: CheckNetwork,
  url: URL,
  signal: AbortSignal,
): Promise<{ status: number } | ReturnType<typeof unreachableResult>> {
  try {
    return { status: (await network.fetch(url.toString(), { signal, redirect: 'manual' })).status };
  } catch (error) {
    if (signal.aborted) throw error;
    return unreachableResult(url.origin, error);
  }
}

export function silentResult(origin: string, deadlineMs: number) {
  return {
    status: 'fail' as const,
    summary: `No answer from ${origin} in ${deadlineMs / 1000} s.`,
    details: [
      'Aperture did not answer in time: the device may be offline, or a firewall or tailnet policy drops the traffic.',
    ],
  };
}

/** What a connection error means, by its code; the code is kept for searching. */
export function describeNetworkError(origin: string, error: unknown): string {
  const code = errorCode(error);
  const host = safeHost(origin);
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `\`${host}\` does not resolve (${code}): run the dns check.`;
    case 'ECONNREFUSED':
      return `The connection was refused (ECONNREFUSED): nothing listens there.`;
    case 'ECONNRESET':
      return 'The connection was reset (ECONNRESET).';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `Connecting timed out (${code}).`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `No route to \`${host}\` (${code}): is Tailscale up on this machine?`;
    default: {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      return (code ?? (cause instanceof Error ? cause.message : String(cause))).slice(0, 120);
    }
  }
}

function errorCode(error: unknown): string | undefined {
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  const code = (cause as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function safeHost(origin: string): string {
  try {
    return new URL(origin).hostname;
  } catch {
    return origin;
  }
}
