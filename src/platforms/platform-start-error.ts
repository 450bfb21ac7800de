/**
 * A platform could not start, for a reason worth one line to the operator: its message names the
 * variable to fix (`SLACK_BOT_TOKEN was rejected by Slack (invalid_auth)`, `PORT 3000 is in use`).
 * The process ends non-zero on it, so Docker or Kubernetes restarts it and shows the line.
 */
export class PlatformStartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PlatformStartError';
  }
}

/** The one line for a server that could not listen on PORT, or undefined for another error. */
export function listenError(error: unknown, port: number): PlatformStartError | undefined {
  const code = (error as { code?: string })?.code;
  if (code === 'EADDRINUSE')
    return new PlatformStartError(`PORT ${port} is in use`, { cause: error });
  if (code === 'EACCES')
    return new PlatformStartError(`PORT ${port} may not be bound by this user`, { cause: error });
  return undefined;
}

interface ErrorLike {
  code?: unknown;
  name?: unknown;
  cause?: unknown;
}

/** Why a connection failed, in a word or two (`ECONNREFUSED`, `ENOTFOUND`, `timed out`). */
export function networkReason(error: unknown): string {
  let current = error as ErrorLike | undefined;
  let innermost: unknown = error;
  // fetch wraps the socket's error: TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }).
  for (let depth = 0; current && depth < 5; depth++) {
    if (typeof current.code === 'string' && /^E[A-Z_]+$/.test(current.code)) return current.code;
    if (current.name === 'TimeoutError' || current.name === 'AbortError') return 'timed out';
    innermost = current;
    current = current.cause as ErrorLike | undefined;
  }
  return innermost instanceof Error ? innermost.message : String(innermost);
}
