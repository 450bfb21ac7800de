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

export interface FakeApertureOptions {
  models?: string[] | 'denied';
  config?: unknown | 'denied';
  quotas?: unknown;
  hang?: boolean;
}

/** Aperture's HTTP surface the checks use: /v1/models, /api/config, /api/quotas, plus / for reachability. */
export function startFakeAperture(options: FakeApertureOptions = {}): Promise<FakeHttpServer> {
  const denied = { status: 403, body: { error: 'access denied: no role granted' } };
  const answer =
    <T>(make: () => T) =>
    () =>
      options.hang ? ('hang' as const) : make();
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
      options.config === 'denied'
        ? denied
        : { status: 200, body: { config: options.config ?? HEALTHY_CONFIG, hash: 'abc123' } },
    ),
    'GET /api/quotas': answer(() => ({
      status: 200,
      body: options.quotas ?? [
        { name: 'daily:lena@example.com', balance: '$4.20', capacity: '$10.00', rate: '$5.00/day' },
      ],
    })),
  });
}
