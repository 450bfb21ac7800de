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
  'config.LLM_API_KEY',
];

/** Where log lines go: stderr, or anything that takes a line (tests). */
export interface LogDestination {
  write(line: string): unknown;
}

/** Creates the process logger: JSON lines on stderr, secrets censored by path and by pattern. */
export function createLogger(level: string, destination: LogDestination = process.stderr): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    maskingDestination(destination),
  );
}

/**
 * Pasted text can hide a secret anywhere in a line: in the message, in a field, in an error, in a
 * body Bolt logs at debug level (`http request body: {…}`). So every finished line is masked by
 * pattern, whoever wrote it, on its way out.
 */
function maskingDestination(destination: LogDestination): pino.DestinationStream {
  return { write: (line: string) => void destination.write(redactSecretsInLogText(line)) };
}

/** A logger that writes nothing (tests, the console when LOG_LEVEL is unset). */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
