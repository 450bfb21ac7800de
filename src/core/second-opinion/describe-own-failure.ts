import { classifyText } from '../classify/classify-text.js';
import { findSymptomById } from '../knowledge/index.js';
import type { ReplySection } from '../reply/reply.js';
import type { SecondOpinionFailure } from './second-opinion.js';

/** The failures that say something about the bot's own access, worth telling an admin. */
export type OwnFailure = Extract<SecondOpinionFailure, { described: string }>;

export function isOwnFailure(failure: SecondOpinionFailure): failure is OwnFailure {
  return 'described' in failure;
}

const FIND_IDENTITY =
  "Find who the bot's host is on the tailnet with `tailscale whois $(tailscale ip -4)` there (behind the Kubernetes operator it is the proxy's tag, `tag:k8s` by default; several tags are one comma-joined string such as `tag:bot,tag:prod`).";

/**
 * The bot's own failed call to the model gateway, diagnosed like any paste (the same classifier
 * reads it), as a note for admins: the bot needs the same grant, quota and DNS as anyone.
 * `identity` is the bot's login or tag string when the runtime knows it.
 */
export function describeOwnFailure(
  failure: OwnFailure,
  model: string,
  identity?: string,
): ReplySection {
  const diagnosis = classifyText(failure.described);
  const who = identity ? `the bot's identity \`${identity}\`` : "the bot's own identity";
  const src = identity ?? '<the bot’s login or tag string>';
  const heading = 'My own call to the model gateway failed';
  const seen = `I asked \`${model}\` for a second opinion: ${failure.described.slice(0, 200)}.`;
  switch (diagnosis.symptom) {
    case 'access-denied':
    case 'tagged-identity':
      return {
        heading: `${heading}: ${who} lacks an Aperture grant`,
        body: [
          seen,
          `Aperture gave the bot no role: ${who} needs a grant with a role and this model, like any user.`,
          ...(identity ? [] : [FIND_IDENTITY]),
          `Add to the Aperture config: \`{"src": ["${src}"], "app": {"tailscale.com/cap/aperture": [{"role": "user"}, {"models": "${model}"}]}}\``,
        ].join('\n'),
      };
    case 'quota-429':
      return {
        heading: `${heading}: the bot's quota is spent or misconfigured`,
        body: [
          seen,
          `A 429 from the gateway: a quota bucket that applies to ${who} is empty, or misnamed or zero (quotas fail closed). \`GET http://ai/api/quotas\` shows the buckets; refill with \`POST /api/quotas/refill\` or fix the grant's \`quotas\`. LLM_MAX_PER_HOUR lowers the bot's own use.`,
        ].join('\n'),
      };
    case 'magicdns':
      return {
        heading: `${heading}: the gateway's name does not resolve on the bot's host`,
        body: [
          seen,
          "The bot's host cannot look up the gateway: MagicDNS is off there (or the host is not on the tailnet, or in Kubernetes the operator's DNSConfig is missing). Check with `tailscale dns status` on that host, or set LLM_BASE_URL to the Tailscale IP (`http://100.x.y.z`).",
        ].join('\n'),
      };
    case 'none':
      return { heading, body: `${seen}\nNothing I know explains it; the bot's log has the call.` };
    default: {
      const entry = findSymptomById(diagnosis.symptom);
      return { heading: `${heading}: ${entry.title}`, body: `${seen}\n${entry.cause}` };
    }
  }
}
