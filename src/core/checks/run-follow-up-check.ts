import { SECRET_MASK, redactSecrets } from '../classify/redact-secrets.js';
import type { Clock, SharedState } from '../conversation/ports.js';
import { CAVEATS } from '../knowledge/caveats.js';
import { MissingConfigurationError, type CheckNetwork } from './check-network.js';
import type { CheckId } from './check-ids.js';
import { createChecks } from './checks-registry.js';
import type { CheckContext, CheckResult, FollowUpCheck } from './follow-up-check.js';
import { TailscaleApiError } from './tailscale-api-client.js';
import { isNetworkFailure, silentResult, unreachableResult } from './unreachable-target.js';

export interface CheckRunnerDeps {
  state: SharedState;
  clock: Clock;
  network: CheckNetwork;
  /** Every check gets this long (issue 5: 5 s); tests shorten it. */
  deadlineMs?: number;
}

export const CHECK_DEADLINE_MS = 5000;
/** A busy channel clicking the same button gets the last answer, not a stampede of probes. */
export const CHECK_CACHE_SECONDS = 30;

/**
 * Runs one check with a deadline and never throws: every failure becomes a `could-not-run`
 * result that says what to do. Config-revealing checks answer only admins.
 */
export async function runFollowUpCheck(
  id: CheckId,
  context: Omit<CheckContext, 'signal'>,
  deps: CheckRunnerDeps,
): Promise<CheckResult> {
  const check = createChecks(deps.network).get(id);
  if (!check) throw new RangeError(`unknown check ${id}`);
  if (check.revealsConfig && !context.requester.isAdmin) {
    return {
      checkId: id,
      status: 'could-not-run',
      summary: `"${check.title}" shows configuration, so only admins can run it.`,
      details: [
        'Admins are the user ids listed in ADMIN_USERS. Ask one of them to click the button,',
        `or run \`aperture-doctor check ${id}\` on the bot's host.`,
      ],
      durationMs: 0,
    };
  }
  const cacheKey = `check:${id}:${cacheDiscriminator(context)}`;
  const cached = await deps.state.get(cacheKey);
  if (cached !== undefined) return fromCache(cached, deps.clock());

  const started = deps.clock();
  // A check sees the paste with its secrets masked, so whatever it quotes from it is masked too.
  const paste = context.pastedText === undefined ? undefined : redactSecrets(context.pastedText);
  const result = await runWithDeadline(
    check,
    { ...context, pastedText: paste?.text },
    deps.deadlineMs ?? CHECK_DEADLINE_MS,
  );
  const masked = maskSecrets(result, context.targets, (paste?.found.length ?? 0) > 0);
  const complete: CheckResult = {
    ...masked,
    checkId: id,
    durationMs: Math.max(0, deps.clock() - started),
  };
  await deps.state.put(
    cacheKey,
    JSON.stringify({ at: deps.clock(), result: complete }),
    CHECK_CACHE_SECONDS,
  );
  return complete;
}

async function runWithDeadline(
  check: FollowUpCheck,
  context: Omit<CheckContext, 'signal'>,
  deadlineMs: number,
): Promise<Omit<CheckResult, 'checkId' | 'durationMs'>> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve('timeout');
    }, deadlineMs);
  });
  try {
    const outcome = await Promise.race([
      check.run({ ...context, signal: controller.signal }),
      deadline,
    ]);
    if (outcome === 'timeout') {
      if (check.probesAperture) return silentResult(apertureOrigin(context), deadlineMs);
      return {
        status: 'could-not-run',
        summary: `No answer within ${deadlineMs / 1000} s.`,
        details: [
          'The target did not answer in time: it may be offline, or a firewall drops the traffic.',
        ],
      };
    }
    return outcome;
  } catch (error) {
    if (check.probesAperture && controller.signal.aborted)
      return silentResult(apertureOrigin(context), deadlineMs);
    if (check.probesAperture && isNetworkFailure(error))
      return unreachableResult(apertureOrigin(context), error);
    return explainFailure(error, controller.signal.aborted, deadlineMs);
  } finally {
    clearTimeout(timer);
  }
}

function apertureOrigin(context: Omit<CheckContext, 'signal'>): string {
  try {
    return new URL(context.targets.apertureUrl).origin;
  } catch {
    return context.targets.apertureUrl;
  }
}

function explainFailure(error: unknown, aborted: boolean, deadlineMs: number) {
  if (error instanceof MissingConfigurationError) {
    return {
      status: 'could-not-run' as const,
      summary: `Not configured: set ${error.variables}.`,
      details: [],
    };
  }
  if (error instanceof TailscaleApiError) {
    const hint =
      error.status === 401 || error.status === 403
        ? 'The API key or OAuth client was refused: check it is valid and has the needed scopes (devices:read, dns:read, policy_file:read).'
        : 'Try again later; check TAILSCALE_API_URL and TAILSCALE_TAILNET.';
    return {
      status: 'could-not-run' as const,
      summary: `The Tailscale API answered ${error.status}.`,
      details: [hint],
    };
  }
  if (aborted) {
    return {
      status: 'could-not-run' as const,
      summary: `No answer within ${deadlineMs / 1000} s.`,
      details: [],
    };
  }
  // Messages from fetch and DNS name the target, never a credential; keep them short.
  const message = error instanceof Error ? error.message : String(error);
  const cause =
    error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return {
    status: 'could-not-run' as const,
    summary: 'The check failed to run.',
    details: [`${message}${cause}`.slice(0, 300)],
  };
}

/** Checks whose answer depends on the asker or the paste are cached per asker or paste. */
function cacheDiscriminator(context: Omit<CheckContext, 'signal'>): string {
  const paste = context.pastedText ?? '';
  let hash = 0;
  for (let i = 0; i < paste.length; i++) hash = (hash * 31 + paste.charCodeAt(i)) | 0;
  return `${context.requester.email ?? ''}:${paste.length}:${hash}`;
}

function fromCache(cached: string, now: number): CheckResult {
  const { at, result } = JSON.parse(cached) as { at: number; result: CheckResult };
  const age = Math.max(0, Math.round((now - at) / 1000));
  return {
    ...result,
    details: [
      ...result.details,
      `(result from ${age} s ago; checks re-run after ${CHECK_CACHE_SECONDS} s)`,
    ],
  };
}

/**
 * Last line of defence: whatever a check or an error message says, the configured credentials
 * and anything shaped like a secret (the table replies and logs use) never reach a reply. A paste
 * that held a secret gets the same request to rotate it as a diagnosis.
 */
function maskSecrets<T extends { summary: string; details: string[] }>(
  result: T,
  targets: CheckContext['targets'],
  secretPasted: boolean,
): T {
  const configured = [targets.tailscale.apiKey, targets.tailscale.oauthClientSecret].filter(
    (secret): secret is string => typeof secret === 'string' && secret.length >= 8,
  );
  const mask = (text: string) =>
    redactSecrets(
      configured.reduce((masked, secret) => masked.split(secret).join(SECRET_MASK), text),
    ).text;
  const rotate = secretPasted ? [`${CAVEATS['secret-pasted'].title}.`] : [];
  return {
    ...result,
    summary: mask(result.summary),
    details: [...result.details.map(mask), ...rotate],
  };
}
