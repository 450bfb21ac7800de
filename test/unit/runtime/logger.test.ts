import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/runtime/logger.js';
import { PASTES, leaked } from '../../helpers/pasted-secrets.js';

function recordingLogger() {
  const lines: string[] = [];
  return { lines, logger: createLogger('debug', { write: (line) => lines.push(line) }) };
}

describe('the process logger', () => {
  it.each(PASTES.filter((paste) => !paste.long).map((paste) => [paste.name, paste] as const))(
    'GIVEN a %s logged at debug level in a message, a field, a body and an error THEN no line shows it',
    (_name, paste) => {
      const { lines, logger } = recordingLogger();
      logger.debug(
        { source: 'bolt' },
        `http request body: ${JSON.stringify({ text: paste.text })}`,
      );
      logger.debug({ source: 'bolt' }, paste.text);
      logger.info({ event: { text: paste.text, blocks: [{ text: paste.text }] } }, 'received');
      logger.error({ err: new Error(`request failed: ${paste.text}`) }, 'a Slack listener failed');
      expect(lines).toHaveLength(4);
      for (const line of lines) {
        expect(leaked(paste, line)).toEqual([]);
        expect(() => JSON.parse(line)).not.toThrow();
      }
    },
  );

  it('GIVEN configured credentials in a log object THEN censors them by path', () => {
    const { lines, logger } = recordingLogger();
    logger.info({ config: { SLACK_BOT_TOKEN: 'plain-words-token' }, apiKey: 'k' }, 'started');
    expect(JSON.parse(lines[0]!)).toMatchObject({
      config: { SLACK_BOT_TOKEN: '[redacted]' },
      apiKey: '[redacted]',
    });
  });
});
