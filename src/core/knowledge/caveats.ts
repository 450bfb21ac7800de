import type { CaveatId } from '../classify/diagnosis.js';

/** What a reply must add beside the symptom: wording lives here, never in matcher code. */
export const CAVEATS: Record<CaveatId, { title: string; body: string }> = {
  'provider-429-possible': {
    title: 'This 429 may come from the provider instead',
    body: "Aperture's quota rejections use the provider's own error format, so the two look alike. If the request went to `api.anthropic.com` or `api.openai.com` directly, or the message mentions your organisation's tokens-per-minute limit or plan and billing, the provider sent it. If it went to your Aperture URL with a long `Retry-After`, it is Aperture's quota.",
  },
  'secret-pasted': {
    title: 'A secret was pasted: rotate it',
    body: "The paste contained what looks like an API key or token. I have not repeated it, but it is now in this channel's history: revoke it and create a new one.",
  },
};
