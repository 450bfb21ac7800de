import { z } from 'zod';
import { fetchJson, joinUrl, type CheckNetwork } from './check-network.js';
import type { CheckContext, FollowUpCheck } from './follow-up-check.js';

const modelsSchema = z.object({ data: z.array(z.looseObject({ id: z.string() })) });

/** `models`: what does Aperture let the bot's own identity use? */
export function createModelsCheck(network: CheckNetwork): FollowUpCheck {
  return {
    id: 'models',
    title: "Check the bot's model access",
    proves: "The bot's identity has an Aperture role and at least one model.",
    revealsConfig: false,
    probesAperture: true,
    async run(context: CheckContext) {
      const url = joinUrl(context.targets.apertureUrl, 'v1/models');
      const selfCheck = `Run the same check from your own device: \`curl ${url}\``;
      const { status, body } = await fetchJson(network, url, context.signal);
      if (status === 403) {
        return {
          status: 'fail' as const,
          summary: "Aperture answers 403 to the bot's identity: no grant gives it a role.",
          details: ['Every caller needs a grant with a `role` as well as `models`.', selfCheck],
        };
      }
      const parsed = modelsSchema.safeParse(body);
      if (status !== 200 || !parsed.success) {
        return {
          status: 'fail' as const,
          summary: `Unexpected answer from ${url}: HTTP ${status}.`,
          details: [selfCheck],
        };
      }
      const ids = parsed.data.data.map((model) => model.id);
      if (ids.length === 0) {
        return {
          status: 'fail' as const,
          summary: 'The model list is empty: a role is granted but no `models`.',
          details: ['Add `{"models": "**"}` (or a narrower pattern) to the grant.', selfCheck],
        };
      }
      const shown = ids.slice(0, 8).join(', ');
      return {
        status: 'pass' as const,
        summary: `${ids.length} model${ids.length === 1 ? '' : 's'} available: ${shown}${ids.length > 8 ? ', …' : ''}.`,
        details: ['A model missing here means its provider or grant is absent.', selfCheck],
      };
    },
  };
}
