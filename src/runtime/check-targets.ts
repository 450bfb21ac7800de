import type { CheckTargets } from '../core/checks/follow-up-check.js';
import type { Config } from './config.js';

/** The only hosts checks may contact, taken from the validated environment. */
export function checkTargetsFromConfig(config: Config): CheckTargets {
  return {
    apertureUrl: config.APERTURE_URL,
    tailscale: {
      apiUrl: config.TAILSCALE_API_URL,
      tailnet: config.TAILSCALE_TAILNET,
      apiKey: config.TAILSCALE_API_KEY,
      oauthClientId: config.TAILSCALE_OAUTH_CLIENT_ID,
      oauthClientSecret: config.TAILSCALE_OAUTH_CLIENT_SECRET,
    },
  };
}
