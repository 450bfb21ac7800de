import { ErrorCode } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { slackErrorFix } from '../../../../src/platforms/slack/slack-error-fix.js';

const API = 'http://127.0.0.1:9/api/';

describe('slackErrorFix', () => {
  it('names SLACK_BOT_TOKEN for a token Slack no longer takes', () => {
    const error = { code: ErrorCode.PlatformError, data: { ok: false, error: 'token_revoked' } };
    expect(slackErrorFix(error, API)).toBe('SLACK_BOT_TOKEN was rejected by Slack (token_revoked)');
  });

  it('names SLACK_API_URL and the socket error when Slack cannot be reached', () => {
    const error = {
      code: ErrorCode.RequestError,
      original: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
        code: 'ECONNREFUSED',
      }),
    };
    expect(slackErrorFix(error, API)).toBe(
      `cannot reach Slack at SLACK_API_URL=${API} (ECONNREFUSED)`,
    );
  });

  it('says nothing for an error about one message (channel_not_found)', () => {
    const error = {
      code: ErrorCode.PlatformError,
      data: { ok: false, error: 'channel_not_found' },
    };
    expect(slackErrorFix(error, API)).toBeUndefined();
  });
});
