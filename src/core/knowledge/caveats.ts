import type { CaveatId } from '../classify/diagnosis.js';

/** What a reply must add beside the symptom: wording lives here, never in matcher code. */
export const CAVEATS: Record<CaveatId, { title: string; body: string }> = {
  'provider-429-possible': {
    title: 'This 429 may come from the provider instead',
    body: "Aperture's quota 429 copies the provider's error format. A call straight to `api.anthropic.com` or `api.openai.com`, or words about your organisation's tokens-per-minute limit or billing, mean the provider sent it; a call to Aperture with a long `Retry-After` means Aperture's quota.",
  },
  'secret-pasted': {
    title: 'A secret was pasted: rotate it',
    body: "The paste held what looks like an API key or token. I have not repeated it, but it is in this channel's history now: revoke it and create a new one.",
  },
};
