import { SIGNING_SECRET } from './signed-slack-request.js';

/** The environment of a real bot process in Slack HTTP mode against a fake Web API. */
export function botProcessEnv(options: {
  slackUrl: string;
  port: number;
  redisUrl?: string;
}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    SLACK_BOT_TOKEN: 'xoxb-test-1',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: `${options.slackUrl}/api/`,
    PORT: String(options.port),
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    APERTURE_URL: 'http://127.0.0.1:39',
    LOG_LEVEL: 'silent',
    FEEDBACK: 'off',
  };
}
