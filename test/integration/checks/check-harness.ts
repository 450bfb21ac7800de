import type { CheckNetwork } from '../../../src/core/checks/check-network.js';
import type { CheckId } from '../../../src/core/checks/check-ids.js';
import type { CheckTargets, Requester } from '../../../src/core/checks/follow-up-check.js';
import { runFollowUpCheck } from '../../../src/core/checks/run-follow-up-check.js';
import { MemoryStateStore } from '../../../src/runtime/state/memory-state-store.js';
import { API_KEY } from '../fakes/fake-tailscale-api.js';

export const ADMIN: Requester = {
  platform: 'slack',
  userId: 'U_ADMIN',
  isAdmin: true,
  email: 'lena@example.com',
};
export const MEMBER: Requester = {
  platform: 'slack',
  userId: 'U_MEMBER',
  isAdmin: false,
  email: 'lena@example.com',
};

/**
 * Real fetch against the fakes on 127.0.0.1; DNS answers from a table, because a test may not ask
 * the machine's resolver about names like `ai`.
 */
export function networkWith(hosts: Record<string, string[]> = {}): CheckNetwork {
  return {
    fetch: (url, init) => fetch(url, init),
    resolveHost: async (name) => {
      const addresses = hosts[name];
      if (!addresses)
        throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
      return addresses;
    },
  };
}

/** Targets for a check; `apiKey: null` leaves the Tailscale API unconfigured. */
export function targets(
  apertureUrl: string,
  tailscaleUrl = 'http://127.0.0.1:1',
  apiKey: string | null = API_KEY,
): CheckTargets {
  return {
    apertureUrl,
    tailscale: { apiUrl: tailscaleUrl, tailnet: '-', apiKey: apiKey ?? undefined },
  };
}

export function runner(options: { network?: CheckNetwork; deadlineMs?: number } = {}) {
  let now = Date.now();
  const state = new MemoryStateStore(() => now);
  const deps = {
    state,
    clock: () => now,
    network: options.network ?? networkWith(),
    deadlineMs: options.deadlineMs,
  };
  return {
    run: (
      id: CheckId,
      checkTargets: CheckTargets,
      requester: Requester = ADMIN,
      pastedText?: string,
    ) => runFollowUpCheck(id, { targets: checkTargets, requester, pastedText }, deps),
    advance: (ms: number) => (now += ms),
  };
}
