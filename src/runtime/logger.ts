import { pino, type Logger } from 'pino';
import { redactSecretsInLogText } from './redact-log-text.js';

export type { Logger } from 'pino';

/**
 * Paths pino censors wherever they appear in a log object: tokens from the environment and any
 * header or field that carries credentials.
 */
const REDACTED_PATHS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'apiKey',
  'authorization',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.apiKey',
  '*.authorization',
  '*.headers.authorization',
  '*.headers["x-api-key"]',
  'headers.authorization',
  'headers["x-api-key"]',
  'config.SLACK_BOT_TOKEN',
  'config.SLACK_APP_TOKEN',
  'config.SLACK_SIGNING_SECRET',
  'config.DISCORD_TOKEN',
  'config.TAILSCALE_API_KEY',
  'config.TAILSCALE_OAUTH_CLIENT_SECRET',
  'config.REDIS_URL',
];

/** Creates the process logger: JSON lines on stderr, secrets censored by path and by pattern. */
export function createLogger(
  level: string,
  destination: NodeJS.WritableStream = process.stderr,
): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // Pasted text can hide a secret anywhere in a message string: mask by pattern too.
      hooks: {
        logMethod(args, method) {
          const masked = args.map((arg) =>
            typeof arg === 'string' ? redactSecretsInLogText(arg) : arg,
          );
          method.apply(this, masked as Parameters<typeof method>);
        },
      },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination as pino.DestinationStream,
  );
}

/** A logger that writes nothing (tests, the console when LOG_LEVEL is unset). */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
