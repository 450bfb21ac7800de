import { z } from 'zod';
import { redactSecrets } from '../core/classify/redact-secrets.js';

/**
 * The environment of DESIGN.md §3, validated once at start. Each variable carries a description
 * (printed when it is wrong) and whether it is a secret (never printed, redacted from logs).
 */
interface VariableSpec {
  schema: z.ZodType;
  description: string;
  /**
   * What a valid value is, completing "PORT must be …" when a value is rejected; without it, a
   * custom refinement's message, else the description, is used.
   */
  expected?: string;
  secret?: boolean;
}

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const optionalUrl = (fallback: string) =>
  z
    .string()
    .trim()
    .transform((value) => (value === '' ? fallback : value))
    .pipe(z.url({ protocol: /^https?$/ }))
    .default(fallback);

const idList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(/[\s,]+/)
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );

/** `discordUserId=login@example.com,...` → a map from Discord user id to tailnet login. */
const loginMap = z
  .string()
  .default('')
  .transform((value, context) => {
    const logins = new Map<string, string>();
    for (const item of value.split(/[\s,]+/).filter((entry) => entry.length > 0)) {
      const match = /^(\d{5,25})=([^=\s]+)$/.exec(item);
      if (!match?.[1] || !match[2]) {
        context.addIssue({
          code: 'custom',
          message: 'comma-separated discordUserId=login@example.com pairs',
        });
        return z.NEVER;
      }
      logins.set(match[1], match[2].toLowerCase());
    }
    return logins as ReadonlyMap<string, string>;
  });

export const ENV_VARIABLES = {
  SLACK_BOT_TOKEN: {
    schema: optionalText.refine((v) => v === undefined || v.startsWith('xoxb-'), {
      message: 'a bot token starting with xoxb-',
    }),
    description: 'Slack bot token (xoxb-…); enables the Slack app',
    secret: true,
  },
  SLACK_SIGNING_SECRET: {
    schema: optionalText,
    description: 'Slack signing secret; required in HTTP mode',
    secret: true,
  },
  SLACK_APP_TOKEN: {
    schema: optionalText.refine((v) => v === undefined || v.startsWith('xapp-'), {
      message: 'an app-level token starting with xapp-',
    }),
    description: 'Slack app-level token (xapp-…); when set, Slack runs in Socket Mode',
    secret: true,
  },
  SLACK_API_URL: {
    schema: optionalUrl('https://slack.com/api/'),
    description: 'base URL of the Slack Web API',
    expected: 'an http:// or https:// URL such as https://slack.com/api/',
  },
  DISCORD_TOKEN: {
    schema: optionalText,
    description: 'Discord bot token; enables the Discord bot',
    secret: true,
  },
  DISCORD_APPLICATION_ID: {
    schema: optionalText.refine((v) => v === undefined || /^\d{5,25}$/.test(v), {
      message: 'a numeric Discord application id',
    }),
    description: 'Discord application id (for command registration)',
  },
  DISCORD_GUILD_ID: {
    schema: optionalText.refine((v) => v === undefined || /^\d{5,25}$/.test(v), {
      message: 'a numeric Discord guild id',
    }),
    description: 'register commands in this guild instead of globally',
  },
  DISCORD_API_URL: {
    schema: optionalUrl('https://discord.com/api'),
    description: "base URL of Discord's REST API",
    expected: 'an http:// or https:// URL such as https://discord.com/api',
  },
  PORT: {
    schema: z.coerce.number().int().min(0).max(65535).default(3000),
    description: 'HTTP port for Slack HTTP mode, /healthz, /livez and /metrics',
    expected: 'an integer 1–65535 (or 0: any free port)',
  },
  APERTURE_URL: {
    schema: optionalUrl('http://ai'),
    description: 'the Aperture instance that checks may probe',
    expected: 'a URL such as http://ai (with http:// or https://)',
  },
  TAILSCALE_API_URL: {
    schema: optionalUrl('https://api.tailscale.com'),
    description: 'base URL of the Tailscale API',
    expected: 'an http:// or https:// URL such as https://api.tailscale.com',
  },
  TAILSCALE_API_KEY: {
    schema: optionalText,
    description: 'Tailscale API access token (tskey-api-…)',
    secret: true,
  },
  TAILSCALE_TAILNET: {
    schema: z
      .string()
      .trim()
      .transform((value) => (value === '' ? '-' : value))
      .default('-'),
    description: "tailnet name; '-' means the API key's own tailnet",
  },
  TAILSCALE_OAUTH_CLIENT_ID: {
    schema: optionalText,
    description: 'Tailscale OAuth client id (alternative to an API key)',
  },
  TAILSCALE_OAUTH_CLIENT_SECRET: {
    schema: optionalText,
    description: 'Tailscale OAuth client secret (tskey-client-…)',
    secret: true,
  },
  LISTEN_CHANNELS: {
    schema: idList,
    description: 'channel ids where pasted errors are diagnosed unasked (empty: every channel)',
  },
  ADMIN_USERS: {
    schema: idList,
    description: 'Slack/Discord user ids allowed the checks that reveal configuration',
  },
  DISCORD_LOGINS: {
    schema: loginMap,
    description:
      "discordUserId=login@example.com,...: who a Discord user is on the tailnet, for the requester's own grant check",
    // People's logins: shown in no error message, like a token.
    secret: true,
  },
  REDIS_URL: {
    schema: optionalText.refine((v) => v === undefined || /^rediss?:\/\//.test(v), {
      message: 'a redis:// or rediss:// URL',
    }),
    description: 'Redis for shared state across replicas; in-process without it',
    secret: true,
  },
  FEEDBACK: {
    schema: z
      .string()
      .trim()
      .toLowerCase()
      .transform((value) => (value === '' ? 'on' : value))
      .pipe(z.enum(['on', 'off']))
      .default('on')
      .transform((value) => value === 'on'),
    description: "record people's verdicts (Solved, Not it, picks) as redacted training examples",
    expected: 'on or off',
  },
  FEEDBACK_FILE: {
    schema: z
      .string()
      .trim()
      .transform((value) => (value === '' ? './aperture-doctor-feedback.jsonl' : value))
      .default('./aperture-doctor-feedback.jsonl'),
    description: 'where verdicts are kept without REDIS_URL (a JSONL file, created mode 0600)',
  },
  FEEDBACK_TTL_DAYS: {
    schema: z.coerce.number().int().min(1).max(3650).default(90),
    description: 'days a recorded verdict is kept',
    expected: 'a whole number of days 1–3650',
  },
  LLM_BASE_URL: {
    schema: optionalText.refine(
      (v) => v === undefined || (/^https?:\/\//i.test(v) && URL.canParse(v)),
      { message: 'an http:// or https:// URL such as http://ai (or empty: no second opinion)' },
    ),
    description:
      'base URL of the model gateway for the optional second opinion (Aperture itself, e.g. http://ai, or a provider); off unless set',
    expected: 'an http:// or https:// URL such as http://ai (or empty: no second opinion)',
  },
  LLM_API_FORMAT: {
    schema: z
      .string()
      .trim()
      .toLowerCase()
      .transform((value) => (value === '' ? 'anthropic' : value))
      .pipe(z.enum(['anthropic', 'openai']))
      .default('anthropic'),
    description: 'wire format of the gateway: anthropic (Messages) or openai (Chat Completions)',
    expected: 'anthropic or openai',
  },
  LLM_MODEL: {
    schema: optionalText,
    description: 'model name the gateway routes on (Aperture routes by model name)',
  },
  LLM_API_KEY: {
    schema: optionalText,
    description: 'API key for a provider; not needed through Aperture, which injects keys',
    secret: true,
  },
  LLM_FOR: {
    schema: z
      .string()
      .trim()
      .toLowerCase()
      .transform((value) => (value === '' ? 'asked' : value))
      .pipe(z.enum(['asked', 'unsure']))
      .default('asked'),
    description:
      "when to ask the model: asked (explicit asks and 'Not it') or unsure (also the private offers of passive listening)",
    expected: 'asked or unsure',
  },
  LLM_MAX_PER_HOUR: {
    schema: z.coerce.number().int().min(0).max(100_000).default(30),
    description: 'calls to the model per channel per hour, shared across replicas',
    expected: 'a whole number 0–100000 (0: never call)',
  },
  SHUTDOWN_DEADLINE_SECONDS: {
    schema: z.coerce.number().int().min(1).max(600).default(10),
    description:
      'seconds from SIGTERM to exit: queued replies get until then, what is left is given up',
    expected: 'a whole number of seconds 1–600',
  },
  LOG_LEVEL: {
    schema: z
      .string()
      .trim()
      .toLowerCase()
      .transform((value) => (value === '' ? 'info' : value))
      .pipe(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']))
      .default('info'),
    description: 'log level: fatal, error, warn, info, debug, trace or silent',
    expected: 'one of fatal, error, warn, info, debug, trace or silent',
  },
} satisfies Record<string, VariableSpec>;

export type VariableName = keyof typeof ENV_VARIABLES;

type Parsed<K extends VariableName> = z.output<(typeof ENV_VARIABLES)[K]['schema']>;
export type Config = { [K in VariableName]: Parsed<K> };

export interface ConfigProblem {
  variable: VariableName;
  /** Completes "PORT must be …": what a valid value is. */
  expected: string;
  /**
   * What was found: the value quoted (`'abc'`), or for a secret only its length, or `undefined`
   * when the variable is not set.
   */
  got: string | undefined;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: ConfigProblem[] };

/** Names of the variables that are secrets: the logger redacts them. */
export const SECRET_VARIABLES = (Object.keys(ENV_VARIABLES) as VariableName[]).filter(
  (name) => (ENV_VARIABLES[name] as VariableSpec).secret === true,
);

/** Validates the environment; every problem is reported at once, by name. */
export function loadConfig(env: NodeJS.ProcessEnv): ConfigResult {
  const problems: ConfigProblem[] = [];
  const config: Record<string, unknown> = {};
  for (const name of Object.keys(ENV_VARIABLES) as VariableName[]) {
    const spec: VariableSpec = ENV_VARIABLES[name];
    const raw = env[name];
    const result = spec.schema.safeParse(raw);
    if (result.success) {
      config[name] = result.data;
    } else {
      const issue = result.error.issues[0];
      problems.push({
        variable: name,
        expected:
          spec.expected ??
          (issue?.message && issue.code === 'custom' ? issue.message : spec.description),
        got: raw === undefined ? undefined : shownValue(raw, spec.secret === true),
      });
    }
  }
  // A variable already rejected for its value is not also reported as missing.
  const rejected = new Set(problems.map((problem) => problem.variable));
  problems.push(
    ...crossFieldProblems(config as Config).filter((problem) => !rejected.has(problem.variable)),
  );
  return problems.length > 0 ? { ok: false, problems } : { ok: true, config: config as Config };
}

/** Rules that involve two variables (a platform half-configured is an error, not a silent skip). */
function crossFieldProblems(config: Config): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (config.SLACK_BOT_TOKEN && !config.SLACK_APP_TOKEN && !config.SLACK_SIGNING_SECRET) {
    problems.push({
      variable: 'SLACK_SIGNING_SECRET',
      expected: 'set to the signing secret in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
      got: undefined,
    });
  }
  if ((config.SLACK_APP_TOKEN || config.SLACK_SIGNING_SECRET) && !config.SLACK_BOT_TOKEN) {
    problems.push({
      variable: 'SLACK_BOT_TOKEN',
      expected: 'set to the bot token (xoxb-…) whenever other Slack variables are set',
      got: undefined,
    });
  }
  if (Boolean(config.TAILSCALE_OAUTH_CLIENT_ID) !== Boolean(config.TAILSCALE_OAUTH_CLIENT_SECRET)) {
    problems.push({
      variable: config.TAILSCALE_OAUTH_CLIENT_ID
        ? 'TAILSCALE_OAUTH_CLIENT_SECRET'
        : 'TAILSCALE_OAUTH_CLIENT_ID',
      expected: `set too: TAILSCALE_OAUTH_CLIENT_ID and TAILSCALE_OAUTH_CLIENT_SECRET go together, since ${
        config.TAILSCALE_OAUTH_CLIENT_ID
          ? 'TAILSCALE_OAUTH_CLIENT_ID'
          : 'TAILSCALE_OAUTH_CLIENT_SECRET'
      } is set`,
      got: undefined,
    });
  }
  if (config.LLM_BASE_URL && !config.LLM_MODEL) {
    problems.push({
      variable: 'LLM_MODEL',
      expected:
        'set to the model the gateway should answer with (for example claude-haiku-4-5), since LLM_BASE_URL is set',
      got: undefined,
    });
  }
  return problems;
}

/** Values longer than this are cut when shown: enough to recognise one, not a wall of text. */
const SHOWN_VALUE_CHARS = 60;

/**
 * How a rejected value is shown: quoted, with control characters escaped (so a stray space or
 * `\r` from a Windows .env is visible), cut when long. A secret variable is never shown, only its length, and a
 * secret inside another one (a token in the wrong variable) is masked.
 */
function shownValue(raw: string, secret: boolean): string {
  if (secret) return `a value of ${raw.length} characters (not shown: it is a secret)`;
  if (raw === '') return 'an empty value';
  // A token pasted into the wrong variable is still a token: masked as a paste would be.
  const masked = redactSecrets(raw).text;
  const cut = masked.length > SHOWN_VALUE_CHARS ? `${masked.slice(0, SHOWN_VALUE_CHARS)}…` : masked;
  const escaped = cut
    .replace(/[\\']/g, '\\$&')
    .replace(/[\u0000-\u001f\u007f]/g, (c) =>
      c === '\n'
        ? '\\n'
        : c === '\r'
          ? '\\r'
          : c === '\t'
            ? '\\t'
            : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
    );
  return `'${escaped}'`;
}

/** One line per problem, for stderr at start: "PORT must be an integer 1–65535, got 'abc'". */
export function formatConfigProblems(problems: ConfigProblem[]): string {
  const lines = problems.map(
    (p) =>
      `  ${p.variable} must be ${p.expected}, ${p.got === undefined ? 'but it is not set' : `got ${p.got}`}`,
  );
  return `aperture-doctor: the environment is not valid (set in the environment or .env; .env.example lists every variable):\n${lines.join('\n')}\n`;
}
