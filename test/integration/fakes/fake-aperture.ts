import { startFakeHttpServer, type FakeHttpServer } from './fake-http-server.js';

/** A configuration with one mistake of every kind the linter knows. */
export const BROKEN_CONFIG = {
  grants: [
    { src: ['tagged-devices'], app: { 'tailscale.com/cap/aperture': [{ role: 'user' }] } },
    { src: ['tag:prod,tag:ci'], app: { 'tailscale.com/cap/aperture': [{ role: 'user' }] } },
    { src: ['tag:ci'], app: { 'tailscale.com/cap/aperture': [{ role: 'user' }] } },
    { src: ['bob@example.com'], app: { 'tailscale.com/cap/aperture': [{ models: '**' }] } },
    {
      src: ['*'],
      dst: ['ai'],
      app: {
        'tailscale.com/cap/aperture': [
          { role: 'user', models: '**', quotas: [{ bucket: 'team-monthy' }] },
        ],
      },
    },
    {
      src: ['carol@example.com'],
      note: 'x',
      app: { 'tailscale.com/cap/aperture': [{ role: 'owner', colour: 'red' }] },
    },
  ],
  quotas: {
    'team-monthly': { capacity: '$0', rate: '$100.00/fortnight', on_exceed: 'block' },
    'daily:<team>': { capacity: 'ten dollars', rate: 'five a day', on_exceed: 'reject', burst: 2 },
    'weekly:<user>': { capacity: '10', rate: '$5.00/week' },
  },
  providers: {
    openai: { baseurl: 'https://api.openai.com/v1', apikey: 'sk-x', models: ['gpt-4.1'] },
    groq: { baseurl: 'https://api.groq.com/openai/v1/', apikey: 'gsk-x', models: ['llama'] },
  },
};

export const HEALTHY_CONFIG = {
  grants: [
    { src: ['ops@example.com'], app: { 'tailscale.com/cap/aperture': [{ role: 'admin' }] } },
    {
      src: ['lena@example.com', 'tag:ci,tag:prod'],
      app: {
        'tailscale.com/cap/aperture': [
          { role: 'user' },
          { models: '**', quotas: [{ bucket: 'daily:<user>' }] },
        ],
      },
    },
  ],
  quotas: { 'daily:<user>': { capacity: '$10.00', rate: '$5.00/day', on_exceed: 'reject' } },
  providers: {
    anthropic: {
      baseurl: 'https://api.anthropic.com',
      apikey: 'sk-ant-x',
      models: ['claude-sonnet-4-5'],
    },
    openai: { baseurl: 'https://api.openai.com/', apikey: 'sk-x', models: ['gpt-4.1'] },
  },
};

/** A config hash as Aperture answers it: 64 hex digits (replies may quote at most 8). */
export const FAKE_CONFIG_HASH = 'abc1234f'.repeat(8);

/**
 * A config as HuJSON text, the way `GET /api/config` carries it: a comment and trailing commas,
 * so a client that reads it with `JSON.parse` fails as it would against a real instance.
 */
export function asHujson(config: unknown): string {
  return `// saved by the Aperture UI\n${JSON.stringify(config, null, 2).replace(/(["\d\]}el])\n(\s*[\]}])/g, '$1,\n$2')}\n`;
}

export interface FakeApertureOptions {
  models?: string[] | 'denied';
  /** The config: an object (sent as HuJSON text), raw text, or `'denied'` for a 403. */
  config?: unknown | 'denied';
  /** `config` as an object inside the body instead of HuJSON text (one client's docs allow it). */
  configAsObject?: boolean;
  /** `exists: false`: an instance whose config was never saved. */
  configMissing?: boolean;
  quotas?: unknown;
  hang?: boolean;
}

/**
 * Aperture's HTTP surface the checks use, in the shapes two public clients of it agree on:
 * `GET /api/config` → `{config: <HuJSON text>, exists, hash}`; `PUT /api/config` with
 * `{config, hash}` → `{hash}` (409 for a stale hash); `/v1/models`; `/api/quotas` (documented in
 * prose only); `/` for reachability. Requests are recorded, so a test can prove nothing was PUT.
 */
export function startFakeAperture(options: FakeApertureOptions = {}): Promise<FakeHttpServer> {
  const denied = { status: 403, body: { error: 'access denied: no role granted' } };
  const answer =
    <T>(make: () => T) =>
    () =>
      options.hang ? ('hang' as const) : make();
  let hash = FAKE_CONFIG_HASH;
  const configBody = () => {
    if (options.configMissing) return { config: '', exists: false, hash };
    const config = options.config ?? HEALTHY_CONFIG;
    return {
      config: typeof config === 'string' || options.configAsObject ? config : asHujson(config),
      exists: true,
      hash,
    };
  };
  return startFakeHttpServer({
    'GET /': answer(() => ({ status: 302, headers: { location: '/ui/' } })),
    'GET /v1/models': answer(() =>
      options.models === 'denied'
        ? denied
        : {
            status: 200,
            body: {
              object: 'list',
              data: (options.models ?? ['claude-sonnet-4-5', 'gpt-4.1']).map((id) => ({
                id,
                object: 'model',
              })),
            },
          },
    ),
    'GET /api/config': answer(() =>
      options.config === 'denied' ? denied : { status: 200, body: configBody() },
    ),
    'PUT /api/config': (request) => {
      // Never called by the bot, which only reads; here so a test can prove that.
      if (options.hang) return 'hang';
      if (options.config === 'denied') return denied;
      let sent: unknown;
      try {
        sent = JSON.parse(request.body);
      } catch {
        return { status: 400, body: { error: 'invalid JSON body' } };
      }
      const body = (sent ?? {}) as { config?: unknown; hash?: unknown };
      if (typeof body.config !== 'string')
        return { status: 400, body: { error: 'config required' } };
      if (body.hash !== hash) return { status: 409, body: { error: 'config hash mismatch' } };
      hash = `${hash.slice(1)}${hash[0]}`;
      return { status: 200, body: { hash } };
    },
    'GET /api/quotas': answer(() => ({
      status: 200,
      body: options.quotas ?? [
        { name: 'daily:lena@example.com', balance: '$4.20', capacity: '$10.00', rate: '$5.00/day' },
      ],
    })),
  });
}
