/**
 * Records what real clients print against fake servers on 127.0.0.1 and keeps it as labelled
 * corpus cases (test/corpus/cases/recorded.jsonl). Run by hand: `npx tsx scripts/record-corpus-cases.ts`.
 * Clients: curl, Node's fetch, Python's urllib (whatever of them is installed). Loopback addresses
 * are rewritten to the hosts a user would have called (`ai`, a tailnet IP, `api.anthropic.com`),
 * and each case says so in `source`. Nothing is resolved by DNS: every target is an IP on loopback.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';

interface Scenario {
  name: string;
  expected: string;
  /** How the recorded address is rewritten. */
  host: string;
  path: string;
  /** Human context appended, as people do when they paste. */
  context?: string;
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** `tls`: the client speaks https to a plain HTTP port; `refused`: nothing listens; `blackhole`: never answers. */
  mode?: 'http' | 'tls' | 'refused' | 'blackhole';
  /** Only the body tells this apart (a guardrail 403 looks like a grant 403 without it). */
  bodyMatters?: boolean;
}

const ANTHROPIC_LIMIT =
  '{"type":"error","error":{"type":"rate_limit_error","message":"rate limit exceeded"}}';
const OPENAI_QUOTA =
  '{"error":{"message":"rate limit exceeded","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}';
const PROVIDER_LIMIT =
  '{"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit (https://docs.claude.com/en/api/rate-limits); see the response headers for current usage."}}';

const SCENARIOS: Scenario[] = [
  {
    name: 'denied',
    expected: 'access-denied',
    host: 'ai',
    path: '/v1/messages',
    status: 403,
    body: '{"error":"access denied: no role granted"}',
  },
  {
    name: 'denied-ip',
    expected: 'access-denied',
    host: '100.101.7.42',
    path: '/v1/chat/completions',
    status: 403,
    body: '{"error":"access denied: no role granted"}',
  },
  {
    name: 'quota-anthropic',
    expected: 'quota-429',
    host: 'ai',
    path: '/v1/messages',
    status: 429,
    headers: { 'retry-after': '3600' },
    body: ANTHROPIC_LIMIT,
  },
  {
    name: 'quota-openai',
    expected: 'quota-429',
    host: 'ai',
    path: '/v1/chat/completions',
    status: 429,
    headers: { 'retry-after': '86400' },
    body: OPENAI_QUOTA,
  },
  {
    name: 'provider-429',
    expected: 'none',
    host: 'api.anthropic.com',
    path: '/v1/messages',
    status: 429,
    headers: { 'retry-after': '12' },
    body: PROVIDER_LIMIT,
  },
  { name: 'tls', expected: 'https', host: 'ai', path: '/v1/models', mode: 'tls' },
  {
    name: 'refused-443',
    expected: 'https',
    host: '100.101.7.42',
    path: '/v1/models',
    mode: 'refused',
  },
  {
    name: 'blackhole',
    expected: 'key-expiry',
    host: 'ai',
    path: '/v1/models',
    mode: 'blackhole',
    context: 'aperture worked fine until yesterday',
  },
  {
    name: 'double-v1',
    expected: 'double-v1',
    host: 'ai',
    path: '/v1/v1/models',
    status: 405,
    body: '405 method not allowed',
  },
  {
    name: 'compat-404',
    expected: 'compat-flag',
    host: 'ai',
    path: '/v1/responses',
    status: 404,
    body: '404 page not found',
  },
  {
    name: 'guardrail',
    expected: 'guardrail-block',
    host: 'ai',
    path: '/v1/messages',
    status: 403,
    body: '{"error":"request blocked by guardrail"}',
    bodyMatters: true,
  },
  {
    name: 'hook-503',
    expected: 'hook-unavailable',
    host: 'ai',
    path: '/v1/messages',
    status: 503,
    body: 'service unavailable',
    context: 'since we enabled the fail_closed hook',
  },
];

type Client = {
  name: string;
  available: boolean;
  showsBody: boolean;
  run(url: string): Promise<string>;
};
const has = (command: string, args: string[]) => spawnSync(command, args).status === 0;
/** Runs a client without blocking: the fake servers answer from this same event loop. */
const run = (command: string, args: string[]) =>
  new Promise<string>((resolve) => {
    const child = spawn(command, args);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.on('close', () => {
      clearTimeout(timer);
      resolve(output.trim());
    });
  });
const CLIENTS: Client[] = [
  {
    name: 'curl -sS',
    available: has('curl', ['--version']),
    showsBody: true,
    run: async (url) => `$ curl -sS ${url}\n${await run('curl', ['-sS', '-m', '2', url])}`,
  },
  {
    name: 'curl -sSf',
    available: has('curl', ['--version']),
    showsBody: false,
    run: async (url) => `$ curl -sSf ${url}\n${await run('curl', ['-sSf', '-m', '2', url])}`,
  },
  {
    name: 'Node fetch',
    available: true,
    showsBody: true,
    // People paste the call with its error; the script prints both.
    run: async (url) =>
      `fetch('${url}') ->\n` +
      (await run(process.execPath, [
        '-e',
        `fetch(${JSON.stringify(url)}, { signal: AbortSignal.timeout(2000) }).then(async (r) => console.log(r.status, r.statusText, await r.text()), (e) => console.log('request failed:', e.message, e.cause ? '(cause: ' + (e.cause.message ?? e.cause) + ')' : ''))`,
      ])),
  },
  {
    name: 'python3 urllib',
    available: has('python3', ['--version']),
    showsBody: false,
    run: async (url) =>
      `urlopen('${url}') ->\n` +
      (await run('python3', [
        '-c',
        `import urllib.request\ntry:\n  print(urllib.request.urlopen(${JSON.stringify(url)}, timeout=2).read())\nexcept Exception as e:\n  print('error:', repr(e))`,
      ])),
  },
];

async function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function target(scenario: Scenario): Promise<{ url: string; close(): void; port: number }> {
  if (scenario.mode === 'refused') {
    const probe = createTcpServer();
    const port = await listen(probe);
    probe.close();
    return { url: `http://127.0.0.1:${port}${scenario.path}`, close: () => undefined, port };
  }
  if (scenario.mode === 'blackhole') {
    const sockets = new Set<import('node:net').Socket>();
    const server = createTcpServer((socket) => sockets.add(socket));
    const port = await listen(server);
    return {
      url: `http://127.0.0.1:${port}${scenario.path}`,
      port,
      close: () => {
        for (const s of sockets) s.destroy();
        server.close();
      },
    };
  }
  const server = createServer((_req, res) => {
    res.writeHead(scenario.status ?? 200, {
      'content-type': scenario.body?.startsWith('{') ? 'application/json' : 'text/plain',
      ...scenario.headers,
    });
    res.end(scenario.body ?? '');
  });
  const port = await listen(server);
  const scheme = scenario.mode === 'tls' ? 'https' : 'http';
  return {
    url: `${scheme}://127.0.0.1:${port}${scenario.path}`,
    port,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

const cases: object[] = [];
for (const scenario of SCENARIOS) {
  for (const client of CLIENTS.filter(
    (c) => c.available && (c.showsBody || !scenario.bodyMatters),
  )) {
    const { url, close, port } = await target(scenario);
    const printed = await client.run(url);
    close();
    const port443 = scenario.mode === 'refused' || scenario.mode === 'tls' ? '443' : '80';
    const rewritten = printed
      .replaceAll(
        `127.0.0.1:${port}`,
        scenario.mode === 'tls' || port443 === '80' ? scenario.host : `${scenario.host}:${port443}`,
      )
      .replaceAll('127.0.0.1', scenario.host)
      .replaceAll(`port ${port}`, `port ${port443}`)
      .replaceAll(String(port), port443)
      // A provider is only ever called over https; the fake could not be.
      .replaceAll('http://api.anthropic.com', 'https://api.anthropic.com');
    const text = scenario.context ? `${rewritten}\n${scenario.context}` : rewritten;
    cases.push({
      id: `r-${scenario.name}-${client.name.replace(/\W+/g, '-')}`,
      text,
      expected: scenario.expected,
      source: `${client.name} vs fake ${scenario.name} on 127.0.0.1, address rewritten to ${scenario.host}${scenario.context ? ', human context' : ''}`,
    });
  }
}
writeFileSync(
  new URL('../test/corpus/cases/recorded.jsonl', import.meta.url),
  `${cases.map((c) => JSON.stringify(c)).join('\n')}\n`,
);
process.stdout.write(`recorded ${cases.length} cases\n`);
