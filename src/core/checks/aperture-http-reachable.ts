import { describeNetworkError, httpStatusOrUnreachable } from './unreachable-target.js';
import type { CheckNetwork } from './check-network.js';
import type { CheckContext, FollowUpCheck } from './follow-up-check.js';

/** `http`: does Aperture answer over http://, and what does https:// do? */
export function createHttpCheck(network: CheckNetwork): FollowUpCheck {
  return {
    id: 'http',
    title: 'Check HTTP reachability',
    proves: 'Aperture answers HTTP at APERTURE_URL from where the bot runs.',
    revealsConfig: false,
    probesAperture: true,
    async run(context: CheckContext) {
      const url = new URL(context.targets.apertureUrl);
      url.protocol = 'http:';
      const started = Date.now();
      const answer = await httpStatusOrUnreachable(network, url, context.signal);
      if (typeof answer.status !== 'number') return answer;
      const { status } = answer;
      const latency = Date.now() - started;
      const httpsNote = await probeHttps(url, network, context.signal);
      return {
        status: status >= 500 ? ('warn' as const) : ('pass' as const),
        summary: `${url.origin} answered HTTP ${status} in ${latency} ms.`,
        details: [httpsNote, 'Use http:// for Aperture: the tailnet already encrypts the traffic.'],
      };
    },
  };
}

async function probeHttps(url: URL, network: CheckNetwork, signal: AbortSignal): Promise<string> {
  const https = new URL(url);
  https.protocol = 'https:';
  try {
    const response = await network.fetch(https.toString(), { signal, redirect: 'manual' });
    return `https:// also answers (HTTP ${response.status}), which is unusual for Aperture.`;
  } catch (error) {
    if (signal.aborted) throw error;
    return `https:// fails as expected (${describeNetworkError(https.origin, error)}).`;
  }
}
