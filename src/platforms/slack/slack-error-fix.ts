import { ErrorCode } from '@slack/web-api';
import { networkReason } from '../platform-start-error.js';

/** Slack's answers to a token it will not take (auth.test, apps.connections.open, any call). */
export const REJECTED_TOKEN_ERRORS: ReadonlySet<string> = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'user_removed_from_team',
  'team_disabled',
  'not_allowed_token_type',
]);

/**
 * What an operator must fix, naming the variable, for a Web API error that is about the set-up
 * rather than one message (`SLACK_BOT_TOKEN was rejected by Slack (token_revoked)`, `cannot reach
 * Slack at SLACK_API_URL=…`); undefined for any other error.
 */
export function slackErrorFix(error: unknown, slackApiUrl: string): string | undefined {
  const coded = error as { code?: string; data?: { error?: string } } | undefined;
  if (coded?.code === ErrorCode.PlatformError) {
    const reason = coded.data?.error ?? '';
    return REJECTED_TOKEN_ERRORS.has(reason)
      ? `SLACK_BOT_TOKEN was rejected by Slack (${reason})`
      : undefined;
  }
  if (coded?.code === ErrorCode.RequestError)
    // @slack/web-api keeps the socket's error (axios's, with its code) as `original`.
    return `cannot reach Slack at SLACK_API_URL=${slackApiUrl} (${networkReason((error as { original?: unknown }).original ?? error)})`;
  return undefined;
}
