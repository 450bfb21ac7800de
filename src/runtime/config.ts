import { z } from 'zod';

/**
 * The environment of DESIGN.md §3, validated once at start. Each variable carries a description
 * (printed when it is wrong) and whether it is a secret (never printed, redacted from logs).
 */
interface VariableSpec {
  schema: z.ZodType;
  description: string;
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
  },
  PORT: {
    schema: z.coerce.number().int().min(0).max(65535).default(3000),
    description: 'HTTP port for Slack HTTP mode, /healthz and /metrics',
  },
  APERTURE_URL: {
    schema: optionalUrl('http://ai'),
    description: 'the Aperture instance that checks may probe',
  },
  TAILSCALE_API_URL: {
    schema: optionalUrl('https://api.tailscale.com'),
    description: 'base URL of the Tailscale API',
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
  },
  REDIS_URL: {
    schema: optionalText.refine((v) => v === undefined || /^rediss?:\/\//.test(v), {
      message: 'a redis:// or rediss:// URL',
    }),
    description: 'Redis for shared state across replicas; in-process without it',
    secret: true,
  },
  SHUTDOWN_DEADLINE_SECONDS: {
    schema: z.coerce.number().int().min(1).max(600).default(10),
    description:
      'seconds from SIGTERM to exit: queued replies get until then, what is left is given up',
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
  },
} satisfies Record<string, VariableSpec>;

export type VariableName = keyof typeof ENV_VARIABLES;

type Parsed<K extends VariableName> = z.output<(typeof ENV_VARIABLES)[K]['schema']>;
export type Config = { [K in VariableName]: Parsed<K> };

export interface ConfigProblem {
  variable: VariableName;
  expected: string;
  /** What was found, described without its value (values may be secrets). */
  got: string;
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
        expected: issue?.message && issue.code === 'custom' ? issue.message : spec.description,
        got: raw === undefined ? 'nothing' : `a value of ${raw.length} characters`,
      });
    }
  }
  problems.push(...crossFieldProblems(config as Config));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, config: config as Config };
}

/** Rules that involve two variables (a platform half-configured is an error, not a silent skip). */
function crossFieldProblems(config: Config): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (config.SLACK_BOT_TOKEN && !config.SLACK_APP_TOKEN && !config.SLACK_SIGNING_SECRET) {
    problems.push({
      variable: 'SLACK_SIGNING_SECRET',
      expected:
        'the signing secret, required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
      got: 'nothing',
    });
  }
  if ((config.SLACK_APP_TOKEN || config.SLACK_SIGNING_SECRET) && !config.SLACK_BOT_TOKEN) {
    problems.push({
      variable: 'SLACK_BOT_TOKEN',
      expected: 'the bot token (xoxb-…) whenever other Slack variables are set',
      got: 'nothing',
    });
  }
  if (Boolean(config.TAILSCALE_OAUTH_CLIENT_ID) !== Boolean(config.TAILSCALE_OAUTH_CLIENT_SECRET)) {
    problems.push({
      variable: config.TAILSCALE_OAUTH_CLIENT_ID
        ? 'TAILSCALE_OAUTH_CLIENT_SECRET'
        : 'TAILSCALE_OAUTH_CLIENT_ID',
      expected: 'both TAILSCALE_OAUTH_CLIENT_ID and TAILSCALE_OAUTH_CLIENT_SECRET, or neither',
      got: 'only one of the two',
    });
  }
  return problems;
}

/** One line per problem, for stderr at start. */
export function formatConfigProblems(problems: ConfigProblem[]): string {
  const lines = problems.map((p) => `  ${p.variable}: expected ${p.expected}; got ${p.got}`);
  return `aperture-doctor: the environment is not valid:\n${lines.join('\n')}\n`;
}
