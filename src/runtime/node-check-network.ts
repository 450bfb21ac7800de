import { lookup } from 'node:dns/promises';
import type { CheckNetwork } from '../core/checks/check-network.js';

/** The production network for checks: Node's fetch and the system resolver (as clients see it). */
export const nodeCheckNetwork: CheckNetwork = {
  fetch: (url, init) => fetch(url, init),
  async resolveHost(name) {
    const results = await lookup(name, { all: true });
    return results.map((result) => result.address);
  },
};
