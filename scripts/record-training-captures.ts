/**
 * Captures what real tools print when the Aperture name does not resolve, when Aperture (or a
 * look-alike service) answers with an error, or when it never answers, and keeps it as labelled
 * training cases: training/corpus/captured.jsonl (format: training/README.md). Run by hand, as root
 * (it needs `unshare`): `npx tsx scripts/record-training-captures.ts`.
 *
 * Every capture runs inside a network + mount namespace of its own (`unshare -n -m`): only a
 * loopback interface (plus, where a world needs one, a `tailscale0` tun device nobody reads, so
 * that packets to 100.64.0.0/10 vanish and connections time out for real). Nothing can leave the
 * namespace. Inside it this script bind-mounts its own /etc/resolv.conf and /etc/hosts, starts a
 * fake DNS server (UDP, on 100.100.100.100, 127.0.0.53 or 127.0.0.11, as MagicDNS, systemd-resolved
 * or Docker would be), a fake Aperture on 100.101.7.42:80 (an address the namespace's loopback
 * carries, so `ai` really resolves to it and nothing needs rewriting), and look-alike providers
 * over TLS (a throwaway CA, trusted through bind-mounted CA bundles and NODE_EXTRA_CA_CERTS) on
 * 127.1.0.x:443; those loopback addresses are rewritten afterwards to the public address a user
 * would have seen, and `source` says so.
 *
 * A tool that is not installed is skipped with a message. Every client call has a timeout (its
 * own, and a SIGKILL after that), each world has a budget, and the whole run stays well under five
 * minutes (about 90 s on two cores). Output differs between runs only in timings and dates.
 *
 * No near-duplicates: a capture whose word set overlaps a case already kept (here or in another
 * file of training/corpus/) by the rule of scripts/check-training-corpus.ts gets the next context
 * line of its pool, and is dropped when that does not help either.
 *
 * Optional: Claude Code (`claude -p`), when CLAUDE_BIN names a `claude` binary or it is installed
 * outside the repo (`npm install --prefix /tmp/claude-code @anthropic-ai/claude-code`).
 * While working on this script: CAPTURE_WORLDS=tailnet,stub runs only those worlds (and writes
 * only their cases), CAPTURE_DEBUG=1 prints the text of dropped near-duplicates.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createSecureServer, type Http2Server } from 'node:http2';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SymptomOrNone } from '../src/core/knowledge/symptom-ids.js';

// ---------------------------------------------------------------------------------------------
// Constants of the fake tailnet
// ---------------------------------------------------------------------------------------------

const TAILNET = 'tail1234.ts.net';
const APERTURE_IP = '100.101.7.42';
const MAGICDNS_IP = '100.100.100.100';
/** This machine's own (fake) tailnet address, on the tun device. */
const SELF_TAILNET_IP = '100.88.1.5';
const HOME = '/home/dev';
const NODE_APP = `${HOME}/support-bot`;
const PY_APP = `${HOME}/notebooks`;
const WEB_APP = `${HOME}/web-app`;
const REPO = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const OUTPUT = join(REPO, 'training/corpus/captured.jsonl');
/** The shared dev corpus beside the checkout: a test set, read only to keep captures out of it. */
const DEV_CORPUS = join(REPO, '../shared/corpus/dev.jsonl');
const SELF = fileURLToPath(import.meta.url);

/** Third-party hosts: where their fake listens inside the namespace, and what a user would see. */
const THIRD_PARTY = [
  { host: 'api.anthropic.com', loopback: '127.1.0.1', shownAs: '160.79.104.10' },
  { host: 'api.openai.com', loopback: '127.1.0.2', shownAs: '162.159.140.245' },
  { host: 'api.github.com', loopback: '127.1.0.3', shownAs: '140.82.112.6' },
  { host: 'acme-build-artifacts.s3.amazonaws.com', loopback: '127.1.0.4', shownAs: '52.216.40.18' },
] as const;
const S3_HOST = 'acme-build-artifacts.s3.amazonaws.com';

const FAKE_KEYS = {
  ANTHROPIC_API_KEY: 'sk-ant-api03-capture-fake-key-000000000000000000000000',
  OPENAI_API_KEY: 'sk-proj-capture-fake-key-0000000000000000000000',
  GITHUB_TOKEN: 'github_pat_capture_fake_token_0000000000',
};

// ---------------------------------------------------------------------------------------------
// Plans shared by the main process and the namespace workers (JSON)
// ---------------------------------------------------------------------------------------------

type DnsMode = 'tailnet' | 'fqdn-only' | 'nxdomain';

/** An HTTP/1.1 reply written by hand: `go` sorts headers and appends Date and Content-Length as Go's net/http does. */
interface RawReply {
  status: number;
  headers: [string, string][];
  body: string;
  style: 'go' | 'ordered';
}
/** A reply of an HTTP/2 (ALPN h2, HTTP/1.1 fallback) provider fake. */
interface H2Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface StepPlan {
  argv: string[];
  cwd: string;
  files: { path: string; content: string }[];
  timeoutMs: number;
  env?: Record<string, string>;
}
interface JobPlan {
  key: string;
  steps: StepPlan[];
}
interface GroupPlan {
  name: string;
  aperture?: RawReply | 'hang';
  providers?: Record<string, H2Reply>;
  s3?: RawReply;
  jobs: JobPlan[];
}
interface WorldPlan {
  name: string;
  loAddrs: string[];
  tun: boolean;
  resolvConf: string;
  hosts: string;
  dns: { address: string; mode: DnsMode }[];
  aperture: boolean;
  thirdParty: boolean;
  tmp: string;
  env: Record<string, string>;
  groups: GroupPlan[];
}
interface StepResult {
  output: string;
  code: number | null;
  ms: number;
}
type WorldResult = Record<string, StepResult[]>;

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

const log = (line: string) => process.stderr.write(`${line}\n`);

function installed(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { timeout: 5000 }).status === 0;
}

function firstLine(command: string, args: string[]): string {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 10_000 });
  if (r.error) return '';
  return `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n')[0] ?? '';
}

function packageVersion(name: string): string | undefined {
  const file = join(REPO, 'node_modules', name, 'package.json');
  if (!existsSync(file)) return undefined;
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

/** Quotes an argument for display in a POSIX shell. */
function shq(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Runs a command with a hard timeout, stdout and stderr interleaved as they arrive. */
function runCommand(
  step: StepPlan,
  env: Record<string, string>,
  children: Set<ChildProcess>,
): Promise<StepResult> {
  return new Promise((resolve) => {
    const started = Date.now();
    const [command, ...args] = step.argv;
    if (!command) {
      resolve({ output: '', code: null, ms: 0 });
      return;
    }
    const child = spawn(command, args, {
      cwd: step.cwd,
      env: { ...env, ...step.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), step.timeoutMs);
    child.on('error', (error) => (output += `\n[spawn failed: ${error.message}]`));
    child.on('close', (code) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ output, code, ms: Date.now() - started });
    });
  });
}

async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++];
      if (item !== undefined) await work(item);
    }
  });
  await Promise.all(lanes);
}

// ---------------------------------------------------------------------------------------------
// Fake DNS (UDP): enough of RFC 1035 for dig, host, nslookup and glibc
// ---------------------------------------------------------------------------------------------

function dnsLookup(name: string, mode: DnsMode): string | undefined {
  const n = name.toLowerCase().replace(/\.$/, '');
  if (mode === 'nxdomain') return undefined;
  if (n === `ai.${TAILNET}`) return APERTURE_IP;
  if (mode === 'tailnet') return THIRD_PARTY.find((t) => t.host === n)?.loopback;
  return undefined;
}

function encodeName(name: string): Buffer {
  const parts = name.split('.').filter(Boolean);
  return Buffer.concat([
    ...parts.map((p) => Buffer.concat([Buffer.from([p.length]), Buffer.from(p, 'ascii')])),
    Buffer.from([0]),
  ]);
}

function resourceRecord(name: Buffer, type: number, klass: number, ttl: number, data: Buffer) {
  const fixed = Buffer.alloc(10);
  fixed.writeUInt16BE(type, 0);
  fixed.writeUInt16BE(klass, 2);
  fixed.writeUInt32BE(ttl, 4);
  fixed.writeUInt16BE(data.length, 8);
  return Buffer.concat([name, fixed, data]);
}

function dnsReply(query: Buffer, mode: DnsMode): Buffer | undefined {
  if (query.length < 17) return undefined;
  let offset = 12;
  const labels: string[] = [];
  for (let i = 0; i < 64; i++) {
    const length = query[offset];
    if (length === undefined || length > 63) return undefined;
    offset += 1;
    if (length === 0) break;
    labels.push(query.subarray(offset, offset + length).toString('ascii'));
    offset += length;
  }
  if (offset + 4 > query.length) return undefined;
  const qtype = query.readUInt16BE(offset);
  const questionEnd = offset + 4;
  const name = labels.join('.');
  const ip = dnsLookup(name, mode);
  const answers: Buffer[] = [];
  const authority: Buffer[] = [];
  let rcode = 0;
  if (ip && qtype === 1) {
    answers.push(
      resourceRecord(Buffer.from([0xc0, 0x0c]), 1, 1, 600, Buffer.from(ip.split('.').map(Number))),
    );
  } else if (!ip) {
    rcode = 3;
    if (labels.length <= 1) {
      // What a recursive resolver returns for a single-label name: the root zone's SOA.
      const soa = Buffer.alloc(20);
      [2026051200, 1800, 900, 604800, 86400].forEach((v, i) => soa.writeUInt32BE(v, i * 4));
      authority.push(
        resourceRecord(
          Buffer.from([0]),
          6,
          1,
          86400,
          Buffer.concat([
            encodeName('a.root-servers.net'),
            encodeName('nstld.verisign-grs.com'),
            soa,
          ]),
        ),
      );
    }
  }
  const hasOpt = query.readUInt16BE(10) > 0;
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2);
  const rd = query.readUInt16BE(2) & 0x0100;
  header.writeUInt16BE(0x8000 | rd | 0x0080 | rcode, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  header.writeUInt16BE(authority.length, 8);
  header.writeUInt16BE(hasOpt ? 1 : 0, 10);
  const opt = hasOpt ? [resourceRecord(Buffer.from([0]), 41, 65494, 0, Buffer.alloc(0))] : [];
  return Buffer.concat([header, query.subarray(12, questionEnd), ...answers, ...authority, ...opt]);
}

// ---------------------------------------------------------------------------------------------
// Replies of the fakes
// ---------------------------------------------------------------------------------------------

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

function formatRaw(reply: RawReply): string {
  const length = Buffer.byteLength(reply.body);
  const date = new Date().toUTCString();
  const lines = [`HTTP/1.1 ${reply.status} ${STATUS_TEXT[reply.status] ?? ''}`];
  if (reply.style === 'go') {
    const sorted = [...reply.headers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [k, v] of sorted) lines.push(`${k}: ${v}`);
    lines.push(`Date: ${date}`, `Content-Length: ${length}`);
  } else {
    for (const [k, v] of reply.headers) lines.push(`${k}: ${v === '{date}' ? date : v}`);
    if (!reply.headers.some(([k]) => k.toLowerCase() === 'content-length')) {
      lines.push(`Content-Length: ${length}`);
    }
  }
  return `${lines.join('\r\n')}\r\n\r\n${reply.body}`;
}

/** What Go's net/http answers to bytes that are not HTTP (here: a TLS ClientHello). */
const GO_BAD_REQUEST =
  'HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n400 Bad Request';

const goJson = (status: number, body: string, extra: [string, string][] = []): RawReply => ({
  status,
  headers: [['Content-Type', 'application/json'], ...extra],
  body,
  style: 'go',
});
const goText = (status: number, body: string, extra: [string, string][] = []): RawReply => ({
  status,
  headers: [
    ['Content-Type', 'text/plain; charset=utf-8'],
    ['X-Content-Type-Options', 'nosniff'],
    ...extra,
  ],
  body,
  style: 'go',
});

/** A successful Messages API answer whose body is exactly 429 bytes long. */
function messageOf429Bytes(): string {
  const make = (text: string) =>
    JSON.stringify({
      id: 'msg_01HkQ7vW3nX9cTqB2mR8sLpY',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-6',
      content: [{ type: 'text', text }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 14, output_tokens: 61 },
    });
  const filler =
    'Pong! The gateway answered and the request went through. Here is a short summary of the ticket you sent: the build fails on the arm64 runner only, and the cache key changed last week. ';
  const base = make('').length;
  let text = filler
    .repeat(4)
    .slice(0, Math.max(0, 429 - base))
    .trimEnd();
  while (make(text).length < 429) text += '.';
  return make(text);
}

const APERTURE_DENIED = '{"error":"access denied: no role granted"}';
const APERTURE_GUARDRAIL = '{"error":"request blocked by guardrail"}';
const APERTURE_HOOK =
  '{"error":"hook unavailable: pre_request hook \\"pii-filter\\" did not respond (fail_closed)"}';
const APERTURE_QUOTA_ANTHROPIC =
  '{"type":"error","error":{"type":"rate_limit_error","message":"rate limit exceeded"}}';
const APERTURE_QUOTA_OPENAI =
  '{"error":{"message":"rate limit exceeded","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}';
const PROVIDER_ANTHROPIC_429 =
  '{"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed the rate limit for your organization (3c9f2e71-5b0d-4c8a-9e16-7a2d4f80b5c3) of 50,000 input tokens per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later. You may also contact sales at https://www.anthropic.com/contact-sales to discuss your options for a rate limit increase."},"request_id":"req_011CWk3fGq8xYv2N7pTn4aBd"}';
const PROVIDER_OPENAI_429 =
  '{\n    "error": {\n        "message": "Rate limit reached for gpt-5.4-mini in organization org-Qm3x8KfT2wZ7pLr5 on tokens per min (TPM): Limit 200000, Used 198412, Requested 4077. Please try again in 747ms. Visit https://platform.openai.com/account/rate-limits to learn more.",\n        "type": "tokens",\n        "param": null,\n        "code": "rate_limit_exceeded"\n    }\n}\n';
const PROVIDER_ANTHROPIC_403 =
  '{"type":"error","error":{"type":"permission_error","message":"Request not allowed"},"request_id":"req_011CWk4Tz9bR1mQe6Yx3uNsV"}';
const GITHUB_403 =
  '{\n  "message": "Resource not accessible by personal access token",\n  "documentation_url": "https://docs.github.com/rest/actions/workflow-runs#list-workflow-runs-for-a-repository",\n  "status": "403"\n}';
const S3_403 =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>8Q2M5V1K7X3C9B4N</RequestId><HostId>pX7r0Q2mZb4kT9vN1yH6sWc3LdE8fJ5aG0uRiKo2MnBqYtCeVwS4zXhA7lDgUjFp9s1E=</HostId></Error>';

const cloudflare = (ray: string): Record<string, string> => ({
  'cf-cache-status': 'DYNAMIC',
  server: 'cloudflare',
  'cf-ray': ray,
});

// ---------------------------------------------------------------------------------------------
// Requests and the clients that send them
// ---------------------------------------------------------------------------------------------

interface Header {
  name: string;
  value?: string;
  /** Taken from this environment variable (shown as `$VAR`, read from the environment in code). */
  env?: keyof typeof FAKE_KEYS;
}
interface Req {
  method: 'GET' | 'POST';
  url: string;
  headers: Header[];
  body?: Record<string, unknown>;
}

const ANTHROPIC_BODY = {
  model: 'claude-sonnet-4-6',
  max_tokens: 256,
  messages: [{ role: 'user', content: 'ping' }],
};
const OPENAI_CHAT_BODY = { model: 'gpt-5.4-mini', messages: [{ role: 'user', content: 'ping' }] };
const OPENAI_RESPONSES_BODY = { model: 'gpt-5.4-mini', input: 'ping' };

/** What people send when they try a gateway out; one per run, so that pastes of one scenario differ. */
const PROMPTS = [
  'ping',
  'hello',
  'Summarize this ticket in one sentence',
  'Write a haiku about DNS',
  'What is 2+2?',
  'Translate good morning to German',
  'List three prime numbers',
  'Draft a short reply to the customer',
  'Classify this log line as info or error',
  'say hi',
  'Give me a regex for a semver string',
  'Explain what a mutex is in one line',
];
const ANTHROPIC_MODELS = ['claude-sonnet-4-6', 'claude-haiku-4-5', 'claude-opus-4-7'];
const OPENAI_MODELS = ['gpt-5.4-mini', 'gpt-5.4', 'gpt-5.2'];
const MAX_TOKENS = [256, 1024, 64, 512];

/** The same request with this run's prompt, model and max_tokens. */
function varied(req: Req, turn: number): Req {
  const body = req.body;
  if (!body) return req;
  const prompt = PROMPTS[turn % PROMPTS.length] ?? 'ping';
  const pick = <T>(list: T[]): T => list[Math.floor(turn / 2) % list.length] as T;
  if ('input' in body) return { ...req, body: { model: pick(OPENAI_MODELS), input: prompt } };
  if ('max_tokens' in body)
    return {
      ...req,
      body: {
        model: pick(ANTHROPIC_MODELS),
        max_tokens: MAX_TOKENS[turn % MAX_TOKENS.length],
        messages: [{ role: 'user', content: prompt }],
      },
    };
  return {
    ...req,
    body: { model: pick(OPENAI_MODELS), messages: [{ role: 'user', content: prompt }] },
  };
}

const JSON_HEADER: Header = { name: 'content-type', value: 'application/json' };
const ANTHROPIC_VERSION: Header = { name: 'anthropic-version', value: '2023-06-01' };

const anthropicReq = (base: string, key = false): Req => ({
  method: 'POST',
  url: `${base}/v1/messages`,
  headers: [
    ...(key ? [{ name: 'x-api-key', env: 'ANTHROPIC_API_KEY' } as Header] : []),
    ANTHROPIC_VERSION,
    JSON_HEADER,
  ],
  body: ANTHROPIC_BODY,
});
const openaiChatReq = (base: string, key = false): Req => ({
  method: 'POST',
  url: `${base}/chat/completions`,
  headers: [
    ...(key ? [{ name: 'Authorization', env: 'OPENAI_API_KEY' } as Header] : []),
    JSON_HEADER,
  ],
  body: OPENAI_CHAT_BODY,
});
const openaiResponsesReq = (base: string): Req => ({
  method: 'POST',
  url: `${base}/responses`,
  headers: [JSON_HEADER],
  body: OPENAI_RESPONSES_BODY,
});
const getReq = (url: string, headers: Header[] = []): Req => ({ method: 'GET', url, headers });

function headerValue(h: Header): string {
  if (!h.env) return `${h.name}: ${h.value ?? ''}`;
  const secret = FAKE_KEYS[h.env];
  return `${h.name}: ${h.name === 'Authorization' ? `Bearer ${secret}` : secret}`;
}
function headerShown(h: Header): string {
  if (!h.env) return shq(`${h.name}: ${h.value ?? ''}`);
  return h.name === 'Authorization' ? `"${h.name}: Bearer $${h.env}"` : `"${h.name}: $${h.env}"`;
}

interface Step {
  /** The command line as the user typed it; undefined: not shown. */
  show?: string;
  argv: string[];
  cwd: string;
  files: { path: string; content: string }[];
  showExit: boolean;
  timeoutMs: number;
  /** Extra environment of this command (not shown unless `show` says so). */
  env?: Record<string, string>;
}

const step = (show: string | undefined, argv: string[], extra: Partial<Step> = {}): Step => ({
  show,
  argv,
  cwd: HOME,
  files: [],
  showExit: false,
  timeoutMs: 25_000,
  ...extra,
});

function curlStep(flags: string[], req: Req, extra: string[] = []): Step {
  // In a terminal curl prints no progress meter; our stdout is a pipe, so switch it off (not shown).
  const argv = [
    'curl',
    ...(flags.some((f) => /^-\w*s/.test(f)) ? [] : ['--no-progress-meter']),
    ...flags,
    ...extra,
  ];
  if (req.method === 'POST' && !req.body) argv.push('-X', 'POST');
  argv.push(req.url);
  const shownTail: string[] = [];
  for (const h of req.headers) {
    argv.push('-H', headerValue(h));
    shownTail.push(`-H ${headerShown(h)}`);
  }
  if (req.body) {
    const data = JSON.stringify(req.body);
    argv.push('-d', data);
    shownTail.push(`-d ${shq(data)}`);
  }
  const head = ['curl', ...flags, ...extra, req.url].map(shq).join(' ');
  const show = shownTail.length ? [head, ...shownTail].join(' \\\n    ') : head;
  return step(show, argv);
}

function wgetStep(req: Req, flags: string[]): Step {
  const argv = ['wget', ...flags];
  const shown = ['wget', ...flags].map(shq);
  for (const h of req.headers) {
    argv.push(`--header=${headerValue(h)}`);
    shown.push(`--header=${headerShown(h)}`);
  }
  if (req.body) {
    const data = JSON.stringify(req.body);
    argv.push(`--post-data=${data}`);
    shown.push(`--post-data=${shq(data)}`);
  }
  argv.push(req.url);
  shown.push(req.url);
  return step(shown.join(' '), argv);
}

// ---- Node scripts -----------------------------------------------------------------------------

function jsHeaders(req: Req): string {
  if (!req.headers.length) return '{}';
  const entries = req.headers.map((h) => {
    const value = h.env
      ? h.name === 'Authorization'
        ? `\`Bearer \${process.env.${h.env}}\``
        : `process.env.${h.env}`
      : `'${h.value}'`;
    return `'${h.name}': ${value}`;
  });
  return `{ ${entries.join(', ')} }`;
}

function nodeStep(file: string, code: string, showCommand: boolean, timeoutMs = 25_000): Step {
  return step(showCommand ? `node ${file}` : undefined, [process.execPath, file], {
    cwd: NODE_APP,
    files: [{ path: `${NODE_APP}/${file}`, content: code }],
    timeoutMs,
  });
}

type FetchMode = 'text' | 'headers';
function fetchCode(req: Req, mode: FetchMode, timeoutMs?: number): string {
  const opts: string[] = [];
  if (req.method === 'POST') opts.push(`  method: 'POST',`);
  if (req.headers.length) opts.push(`  headers: ${jsHeaders(req)},`);
  if (req.body) opts.push(`  body: JSON.stringify(${JSON.stringify(req.body)}),`);
  if (timeoutMs) opts.push(`  signal: AbortSignal.timeout(${timeoutMs}),`);
  const call = opts.length
    ? `const res = await fetch('${req.url}', {\n${opts.join('\n')}\n});`
    : `const res = await fetch('${req.url}');`;
  const print =
    mode === 'headers'
      ? `console.log(res.status, res.statusText);\nfor (const [name, value] of res.headers) console.log(\`\${name}: \${value}\`);`
      : `console.log(res.status, res.statusText);\nconsole.log(await res.text());`;
  return `${call}\n${print}\n`;
}

type ThrowMode = 'throw' | 'message' | 'headers';
function axiosCode(req: Req, mode: ThrowMode, timeoutMs = 10_000): string {
  const config = `{ ${req.headers.length ? `headers: ${jsHeaders(req)}, ` : ''}timeout: ${timeoutMs} }`;
  const call =
    req.method === 'POST'
      ? `await axios.post('${req.url}', ${JSON.stringify(req.body ?? {})}, ${config})`
      : `await axios.get('${req.url}', ${config})`;
  if (mode === 'throw')
    return `import axios from 'axios';\n\nconst res = ${call};\nconsole.log(res.status, res.data);\n`;
  if (mode === 'headers')
    return `import axios from 'axios';\n\nconst res = ${call};\nconsole.log(res.status, res.statusText);\nconsole.log(res.headers);\n`;
  return `import axios from 'axios';\n\ntry {\n  const res = ${call};\n  console.log(res.data);\n} catch (err) {\n  console.error('request failed:', err.message);\n  if (err.response) console.error(err.response.status, JSON.stringify(err.response.data));\n}\n`;
}

type SdkCall = 'messages' | 'chat' | 'responses';
interface SdkOpts {
  /** undefined: the SDK's default (the provider itself, key from the environment). */
  baseURL?: string;
  timeoutMs?: number;
  maxRetries?: number;
}
function sdkCode(call: SdkCall, mode: 'throw' | 'message', o: SdkOpts): string {
  const ctor: string[] = [];
  if (o.baseURL) ctor.push(`baseURL: '${o.baseURL}'`, `apiKey: 'aperture'`);
  if (o.timeoutMs) ctor.push(`timeout: ${o.timeoutMs}`);
  if (o.maxRetries !== undefined) ctor.push(`maxRetries: ${o.maxRetries}`);
  const args = ctor.length ? `{ ${ctor.join(', ')} }` : '';
  let head: string;
  let request: string;
  let print: string;
  if (call === 'messages') {
    head = `import Anthropic from '@anthropic-ai/sdk';\n\nconst client = new Anthropic(${args});`;
    request = `const message = await client.messages.create({\n  model: 'claude-sonnet-4-6',\n  max_tokens: 256,\n  messages: [{ role: 'user', content: 'ping' }],\n});`;
    print = `console.log(message.content);`;
  } else if (call === 'chat') {
    head = `import OpenAI from 'openai';\n\nconst client = new OpenAI(${args});`;
    request = `const completion = await client.chat.completions.create({\n  model: 'gpt-5.4-mini',\n  messages: [{ role: 'user', content: 'ping' }],\n});`;
    print = `console.log(completion.choices[0].message.content);`;
  } else {
    head = `import OpenAI from 'openai';\n\nconst client = new OpenAI(${args});`;
    request = `const response = await client.responses.create({ model: 'gpt-5.4-mini', input: 'ping' });`;
    print = `console.log(response.output_text);`;
  }
  if (mode === 'throw') return `${head}\n${request}\n${print}\n`;
  const indented = request.replace(/\n/g, '\n  ');
  const label = call === 'messages' ? 'claude' : 'openai';
  return `${head}\n\ntry {\n  ${indented}\n  ${print}\n} catch (err) {\n  console.error(\`${label} request failed (\${err.status ?? 'no status'}): \${err.message}\`);\n  if (err.cause) console.error('cause:', err.cause.cause?.message ?? err.cause.message);\n  process.exitCode = 1;\n}\n`;
}

// ---- Python scripts ---------------------------------------------------------------------------

function pyHeaders(req: Req): string {
  const entries = req.headers.map((h) => {
    const value = h.env
      ? h.name === 'Authorization'
        ? `"Bearer " + os.environ["${h.env}"]`
        : `os.environ["${h.env}"]`
      : `"${h.value}"`;
    return `"${h.name}": ${value}`;
  });
  return `{${entries.join(', ')}}`;
}
const needsOs = (req: Req) => req.headers.some((h) => h.env);

type PyMode = 'raise' | 'print' | 'headers';
function requestsCode(lib: 'requests' | 'httpx', req: Req, mode: PyMode, timeout = 10): string {
  const imports = `${needsOs(req) ? 'import os\n\n' : ''}import ${lib}\n\n`;
  const args = [`    "${req.url}",`];
  if (req.headers.length) args.push(`    headers=${pyHeaders(req)},`);
  if (req.body) args.push(`    json=${JSON.stringify(req.body)},`);
  args.push(`    timeout=${lib === 'httpx' ? timeout.toFixed(1) : timeout},`);
  const call = `resp = ${lib}.${req.method === 'POST' ? 'post' : 'get'}(\n${args.join('\n')}\n)`;
  const tail =
    mode === 'raise'
      ? 'resp.raise_for_status()\nprint(resp.json())'
      : mode === 'print'
        ? 'print(resp.status_code, resp.text)'
        : 'print(resp.status_code, resp.reason_phrase if hasattr(resp, "reason_phrase") else resp.reason)\nfor name, value in resp.headers.items():\n    print(f"{name}: {value}")';
  return `${imports}${call}\n${tail}\n`;
}

function urllibCode(req: Req, mode: 'raise' | 'print', timeout = 10): string {
  const imports = [
    ...(needsOs(req) ? ['import os'] : []),
    ...(req.body ? ['import json'] : []),
    ...(mode === 'print' ? ['import urllib.error'] : []),
    'import urllib.request',
  ].join('\n');
  const args = [`    "${req.url}",`];
  if (req.body) args.push(`    data=json.dumps(${JSON.stringify(req.body)}).encode(),`);
  if (req.headers.length) args.push(`    headers=${pyHeaders(req)},`);
  if (req.method === 'POST') args.push(`    method="POST",`);
  const build = `req = urllib.request.Request(\n${args.join('\n')}\n)`;
  const open = `with urllib.request.urlopen(req, timeout=${timeout}) as resp:\n    print(resp.status, resp.read().decode())`;
  const body =
    mode === 'raise'
      ? open
      : `try:\n    ${open.replace(/\n/g, '\n    ')}\nexcept urllib.error.HTTPError as err:\n    print(err.code, err.reason, err.read().decode())`;
  return `${imports}\n\n${build}\n${body}\n`;
}

let pythonPath = 'python3';
function pythonStep(file: string, code: string, showCommand: boolean, timeoutMs = 25_000): Step {
  return step(showCommand ? `python3 ${file}` : undefined, [pythonPath, file], {
    cwd: PY_APP,
    files: [{ path: `${PY_APP}/${file}`, content: code }],
    timeoutMs,
  });
}

// ---------------------------------------------------------------------------------------------
// Jobs (main process): a client run against one fake, with what the corpus keeps of it
// ---------------------------------------------------------------------------------------------

interface Job {
  key: string;
  world: string;
  group: string;
  label: SymptomOrNone;
  /** The client, as counted in the report. */
  tool: string;
  /** `requires` names: commands, `py:<module>`, `npm:<package>`. */
  requires: string[];
  /** What it ran against, for `source`. */
  fake: string;
  steps: Step[];
  pool: string;
  /** `always`: the paste alone does not say enough; `maybe`: every other case gets one. */
  context: 'always' | 'maybe' | 'never';
  /** A fixed context line instead of the pool (when only this sentence fits). */
  note?: string;
  /** `trace`: a stack trace or traceback, kept as its first or its last lines. */
  trim: 'trace' | 'plain';
}

type ClientId =
  | 'curl -sS'
  | 'curl -i'
  | 'curl -v'
  | 'curl -f'
  | 'wget'
  | 'fetch'
  | 'axios throw'
  | 'axios message'
  | 'anthropic throw'
  | 'anthropic message'
  | 'openai throw'
  | 'openai message'
  | 'requests'
  | 'httpx'
  | 'urllib'
  | 'claude -p';

interface HttpScenario {
  name: string;
  world: 'tailnet' | 'expired';
  label: SymptomOrNone;
  fake: string;
  /** What curl, wget, fetch, axios and Python send. */
  req: Req;
  sdk?: { call: SdkCall; opts: SdkOpts };
  /** The OpenAI SDK's call where the scenario has both. */
  sdk2?: { call: SdkCall; opts: SdkOpts };
  aperture?: RawReply | 'hang';
  providers?: Record<string, H2Reply>;
  s3?: RawReply;
  clients: ClientId[];
  /** Only the body tells this scenario apart: clients print the body instead of raising. */
  bodyMatters?: boolean;
  /** Clients print headers (the 200 with `Content-Length: 429`). */
  headers?: boolean;
  /** Client-side timeout in ms for scenarios that never answer. */
  clientTimeout?: number;
  /** SDK clients made with maxRetries: 0 (they would otherwise sleep a long Retry-After first). */
  sdkNoRetry?: boolean;
  pool: string;
  context: 'always' | 'maybe';
}

const NODE_FILES: Record<string, string> = {
  fetch: 'index.mjs',
  'axios throw': 'summarize.mjs',
  'axios message': 'worker.mjs',
  'anthropic throw': 'claude.mjs',
  'anthropic message': 'ask-claude.mjs',
  'openai throw': 'chat.mjs',
  'openai message': 'complete.mjs',
};
const PY_FILES: Record<string, string> = {
  requests: 'ask.py',
  httpx: 'client.py',
  urllib: 'probe.py',
};

let counter = 0;
/** Deterministic alternation (commands shown or not, trace head or tail). */
const nextTurn = () => counter++;

/** Claude Code (optional, installed by hand outside the repo): see claudeBin(). */
let claudePath = '';
const CLAUDE_PROMPTS = [
  'hi',
  '"summarize README.md"',
  '"what does this repo do?"',
  '"fix the failing test"',
];
function claudeStep(baseURL: string | undefined, turn: number, timeoutMs?: number): Step {
  const prompt = CLAUDE_PROMPTS[turn % CLAUDE_PROMPTS.length] ?? 'hi';
  const showEnv = baseURL && turn % 2 === 0 ? `ANTHROPIC_BASE_URL=${baseURL} ` : '';
  return step(`${showEnv}claude -p ${prompt}`, [claudePath, '-p', prompt.replace(/^"|"$/g, '')], {
    cwd: `${HOME}/web-app`,
    timeoutMs: 40_000,
    env: {
      ...(baseURL ? { ANTHROPIC_BASE_URL: baseURL } : {}),
      DISABLE_TELEMETRY: '1',
      DISABLE_AUTOUPDATER: '1',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      CLAUDE_CODE_MAX_RETRIES: '1',
      API_TIMEOUT_MS: String(timeoutMs ?? 5000),
    },
  });
}
const CLAUDE_NOTE =
  'Claude Code run with CLAUDE_CODE_MAX_RETRIES=1, API_TIMEOUT_MS=5000, telemetry and non-essential traffic off';

function httpJob(scenario: HttpScenario, client: ClientId): Job | undefined {
  const turn = nextTurn();
  const s = { ...scenario, req: varied(scenario.req, turn) };
  const showCommand = turn % 3 !== 2;
  const t = s.clientTimeout;
  const pyTimeout = t ? Math.round(t / 1000) : 10;
  const base = {
    key: `${s.name}/${client}`,
    world: s.world,
    group: s.name,
    label: s.label,
    tool: client,
    fake: s.fake,
    pool: s.pool,
    context: s.context,
  };
  const timeoutFlags = t
    ? s.name === 'expired'
      ? ['--connect-timeout', String(pyTimeout)]
      : ['-m', String(pyTimeout)]
    : [];
  switch (client) {
    case 'curl -sS':
      return {
        ...base,
        requires: ['curl'],
        trim: 'plain',
        steps: [curlStep(['-sS', ...timeoutFlags], s.req)],
      };
    case 'curl -i':
      return {
        ...base,
        requires: ['curl'],
        trim: 'plain',
        steps: [curlStep(['-i', ...timeoutFlags], s.req)],
      };
    case 'curl -v':
      return {
        ...base,
        requires: ['curl'],
        trim: 'plain',
        steps: [curlStep(['-v', ...timeoutFlags], s.req)],
      };
    case 'curl -f':
      return {
        ...base,
        requires: ['curl'],
        trim: 'plain',
        steps: [curlStep(['-fsS', ...timeoutFlags], s.req)],
      };
    case 'wget': {
      const flags = s.headers ? ['-S', '-O', '/dev/null'] : ['-O-'];
      if (s.bodyMatters) flags.push('--content-on-error');
      if (t) flags.push(`--timeout=${pyTimeout}`, '--tries=1');
      return { ...base, requires: ['wget'], trim: 'plain', steps: [wgetStep(s.req, flags)] };
    }
    case 'fetch':
      return {
        ...base,
        requires: [],
        trim: 'trace',
        steps: [
          nodeStep(
            NODE_FILES[client] ?? 'x.mjs',
            fetchCode(s.req, s.headers ? 'headers' : 'text', s.world === 'expired' ? undefined : t),
            showCommand,
          ),
        ],
      };
    case 'axios throw':
    case 'axios message': {
      const mode: ThrowMode = s.headers
        ? 'headers'
        : client === 'axios throw'
          ? 'throw'
          : 'message';
      return {
        ...base,
        requires: ['npm:axios'],
        trim: 'trace',
        steps: [
          nodeStep(NODE_FILES[client] ?? 'x.mjs', axiosCode(s.req, mode, t ?? 10_000), showCommand),
        ],
      };
    }
    case 'anthropic throw':
    case 'anthropic message':
    case 'openai throw':
    case 'openai message': {
      const isAnthropic = client.startsWith('anthropic');
      const sdk = [s.sdk, s.sdk2].find((x) => x && (x.call === 'messages') === isAnthropic);
      if (!sdk) return undefined;
      const opts =
        t || s.sdkNoRetry
          ? { ...sdk.opts, ...(t ? { timeoutMs: t } : {}), maxRetries: 0 }
          : sdk.opts;
      return {
        ...base,
        ...(s.sdkNoRetry
          ? {
              fake: `${s.fake}; client made with maxRetries: 0 (with its default retries the SDK first sleeps the whole Retry-After)`,
            }
          : {}),
        requires: [isAnthropic ? 'npm:@anthropic-ai/sdk' : 'npm:openai'],
        trim: 'trace',
        steps: [
          nodeStep(
            NODE_FILES[client] ?? 'x.mjs',
            sdkCode(sdk.call, client.endsWith('throw') ? 'throw' : 'message', opts),
            showCommand,
          ),
        ],
      };
    }
    case 'requests':
    case 'httpx': {
      const mode: PyMode = s.headers
        ? 'headers'
        : s.bodyMatters || turn % 2 === 1
          ? 'print'
          : 'raise';
      return {
        ...base,
        requires: ['python3', `py:${client}`],
        trim: 'trace',
        steps: [
          pythonStep(
            PY_FILES[client] ?? 'x.py',
            requestsCode(client, s.req, mode, pyTimeout),
            showCommand,
          ),
        ],
      };
    }
    case 'claude -p': {
      const sdk = [s.sdk, s.sdk2].find((x) => x?.call === 'messages');
      if (!sdk) return undefined;
      return {
        ...base,
        fake: `${s.fake}; ${CLAUDE_NOTE}`,
        requires: ['claude-code'],
        trim: 'plain',
        steps: [claudeStep(sdk.opts.baseURL, turn)],
      };
    }
    case 'urllib':
      return {
        ...base,
        requires: ['python3'],
        trim: 'trace',
        steps: [
          pythonStep(
            PY_FILES[client] ?? 'x.py',
            urllibCode(s.req, s.bodyMatters || turn % 2 === 1 ? 'print' : 'raise', pyTimeout),
            showCommand,
          ),
        ],
      };
  }
}

const APERTURE_NS =
  'fake Aperture on 100.101.7.42:80 inside an unshare -n -m namespace, `ai` resolved by a fake MagicDNS on 100.100.100.100 (search tail1234.ts.net); nothing rewritten';
const PROVIDER_NS = (host: string) => {
  const t = THIRD_PARTY.find((x) => x.host === host);
  return `fake ${host} (TLS with a throwaway CA${host === S3_HOST ? '' : ', HTTP/2'}) on ${t?.loopback ?? '?'}:443 inside an unshare -n -m namespace, resolved by a fake DNS server`;
};

const HTTP_SCENARIOS: HttpScenario[] = [
  {
    name: 'denied',
    world: 'tailnet',
    label: 'access-denied',
    fake: `Aperture 403 access denied: no role granted; ${APERTURE_NS}`,
    req: anthropicReq('http://ai'),
    sdk: { call: 'messages', opts: { baseURL: 'http://ai' } },
    aperture: goJson(403, APERTURE_DENIED),
    clients: [
      'curl -sS',
      'curl -i',
      'curl -v',
      'curl -f',
      'wget',
      'fetch',
      'axios message',
      'anthropic throw',
      'anthropic message',
      'requests',
      'httpx',
      'urllib',
    ],
    pool: 'denied',
    context: 'maybe',
  },
  {
    name: 'denied-ip',
    world: 'tailnet',
    label: 'access-denied',
    fake: `Aperture 403 access denied: no role granted, called by its 100.x address; ${APERTURE_NS}`,
    req: openaiChatReq(`http://${APERTURE_IP}/v1`),
    sdk: { call: 'chat', opts: { baseURL: `http://${APERTURE_IP}/v1` } },
    aperture: goJson(403, APERTURE_DENIED),
    clients: ['curl -sS', 'axios throw', 'openai throw', 'openai message', 'requests', 'httpx'],
    bodyMatters: true,
    pool: 'denied',
    context: 'maybe',
  },
  {
    name: 'quota-anthropic',
    world: 'tailnet',
    label: 'quota-429',
    fake: `Aperture quota 429 (Anthropic error shape, retry-after: 3600); ${APERTURE_NS}`,
    req: anthropicReq('http://ai'),
    sdk: { call: 'messages', opts: { baseURL: 'http://ai' } },
    aperture: goJson(429, APERTURE_QUOTA_ANTHROPIC, [['Retry-After', '3600']]),
    sdkNoRetry: true,
    clients: [
      'curl -sS',
      'curl -i',
      'curl -v',
      'wget',
      'fetch',
      'axios message',
      'anthropic throw',
      'anthropic message',
      'requests',
      'httpx',
      'urllib',
    ],
    pool: 'quota',
    context: 'maybe',
  },
  {
    name: 'quota-openai',
    world: 'tailnet',
    label: 'quota-429',
    fake: `Aperture quota 429 (OpenAI error shape, retry-after: 3600); ${APERTURE_NS}`,
    req: openaiChatReq('http://ai/v1'),
    sdk: { call: 'chat', opts: { baseURL: 'http://ai/v1' } },
    aperture: goJson(429, APERTURE_QUOTA_OPENAI, [['Retry-After', '3600']]),
    sdkNoRetry: true,
    clients: [
      'curl -i',
      'curl -f',
      'fetch',
      'axios throw',
      'openai throw',
      'openai message',
      'requests',
      'httpx',
    ],
    pool: 'quota',
    context: 'maybe',
  },
  {
    name: 'tls-to-plain-port',
    world: 'tailnet',
    label: 'https',
    fake: `TLS spoken to Aperture's plain-HTTP port 80 (it answers Go's 400 Bad Request); ${APERTURE_NS}`,
    req: anthropicReq('https://ai:80'),
    sdk: { call: 'messages', opts: { baseURL: 'https://ai:80' } },
    sdk2: { call: 'chat', opts: { baseURL: 'https://ai:80/v1' } },
    aperture: goJson(200, '{}'),
    clients: [
      'curl -sS',
      'curl -v',
      'wget',
      'fetch',
      'axios message',
      'anthropic throw',
      'openai message',
      'requests',
      'httpx',
      'urllib',
    ],
    pool: 'tls',
    context: 'maybe',
  },
  {
    name: 'refused-443',
    world: 'tailnet',
    label: 'https',
    fake: `https:// to Aperture, nothing listening on 100.101.7.42:443; ${APERTURE_NS}`,
    req: anthropicReq('https://ai'),
    sdk: { call: 'messages', opts: { baseURL: 'https://ai' } },
    sdk2: { call: 'chat', opts: { baseURL: 'https://ai/v1' } },
    aperture: goJson(200, '{}'),
    clients: [
      'curl -sS',
      'curl -v',
      'wget',
      'fetch',
      'axios throw',
      'anthropic message',
      'openai throw',
      'requests',
      'httpx',
      'urllib',
    ],
    pool: 'refused443',
    context: 'maybe',
  },
  {
    name: 'hang',
    world: 'tailnet',
    label: 'key-expiry',
    fake: `Aperture that accepts the connection and never answers, client timeout 5 s; ${APERTURE_NS}`,
    req: getReq('http://ai/v1/models'),
    sdk: { call: 'messages', opts: { baseURL: 'http://ai' } },
    sdk2: { call: 'chat', opts: { baseURL: 'http://ai/v1' } },
    aperture: 'hang',
    clients: [
      'curl -sS',
      'curl -v',
      'wget',
      'fetch',
      'axios message',
      'anthropic throw',
      'openai message',
      'requests',
      'httpx',
      'urllib',
    ],
    clientTimeout: 5000,
    pool: 'expired',
    context: 'always',
  },
  {
    name: 'expired',
    world: 'expired',
    label: 'key-expiry',
    fake: "Aperture offline: MagicDNS (fake, 100.100.100.100) still resolves ai to 100.101.7.42 but packets to it vanish into a tun device nobody reads, inside an unshare -n -m namespace; client timeout 5 s (fetch: undici's own 10 s); nothing rewritten",
    req: getReq('http://ai/v1/models'),
    sdk: { call: 'messages', opts: { baseURL: 'http://ai' } },
    sdk2: { call: 'chat', opts: { baseURL: 'http://ai/v1' } },
    clients: [
      'curl -sS',
      'curl -v',
      'wget',
      'fetch',
      'axios throw',
      'anthropic message',
      'openai throw',
      'requests',
      'httpx',
      'urllib',
    ],
    clientTimeout: 5000,
    pool: 'expired',
    context: 'always',
  },
  {
    name: 'double-v1',
    world: 'tailnet',
    label: 'double-v1',
    fake: `Aperture 405 for a /v1/v1/ path; ${APERTURE_NS}`,
    req: openaiChatReq('http://ai/v1/v1'),
    sdk: { call: 'messages', opts: { baseURL: 'http://ai/v1' } },
    sdk2: { call: 'chat', opts: { baseURL: 'http://ai/v1/v1' } },
    aperture: goText(405, 'Method Not Allowed\n', [['Allow', 'GET, HEAD']]),
    clients: [
      'curl -sS',
      'curl -i',
      'curl -f',
      'wget',
      'fetch',
      'anthropic throw',
      'anthropic message',
      'openai throw',
      'openai message',
      'requests',
      'httpx',
      'urllib',
    ],
    pool: 'doublev1',
    context: 'maybe',
  },
  {
    name: 'double-v1-messages',
    world: 'tailnet',
    label: 'double-v1',
    fake: `Aperture 405 for a /v1/v1/ path; ${APERTURE_NS}`,
    req: anthropicReq('http://ai/v1'),
    aperture: goText(405, 'Method Not Allowed\n', [['Allow', 'GET, HEAD']]),
    clients: ['curl -sS', 'curl -v', 'fetch', 'axios message', 'requests', 'httpx'],
    pool: 'doublev1',
    context: 'maybe',
  },
  {
    name: 'compat-responses',
    world: 'tailnet',
    label: 'compat-flag',
    fake: `Aperture 404 on /v1/responses (provider without openai_responses); ${APERTURE_NS}`,
    req: openaiResponsesReq('http://ai/v1'),
    sdk2: { call: 'responses', opts: { baseURL: 'http://ai/v1' } },
    aperture: goText(404, '404 page not found\n'),
    clients: [
      'curl -sS',
      'curl -i',
      'wget',
      'fetch',
      'axios message',
      'openai throw',
      'openai message',
      'requests',
      'httpx',
    ],
    pool: 'compat',
    context: 'maybe',
  },
  {
    name: 'compat-messages',
    world: 'tailnet',
    label: 'compat-flag',
    fake: `Aperture 404 on /v1/messages (provider without anthropic_messages); ${APERTURE_NS}`,
    req: anthropicReq('http://ai'),
    sdk: { call: 'messages', opts: { baseURL: 'http://ai' } },
    aperture: goText(404, '404 page not found\n'),
    clients: [
      'curl -sS',
      'curl -i',
      'curl -f',
      'wget',
      'fetch',
      'axios throw',
      'anthropic throw',
      'anthropic message',
      'requests',
      'httpx',
      'urllib',
    ],
    pool: 'compat',
    context: 'maybe',
  },
  {
    name: 'guardrail',
    world: 'tailnet',
    label: 'guardrail-block',
    fake: `Aperture 403 request blocked by guardrail; ${APERTURE_NS}`,
    req: anthropicReq('http://ai'),
    sdk: { call: 'messages', opts: { baseURL: 'http://ai' } },
    sdk2: { call: 'chat', opts: { baseURL: 'http://ai/v1' } },
    aperture: goJson(403, APERTURE_GUARDRAIL),
    clients: [
      'curl -sS',
      'curl -i',
      'curl -v',
      'wget',
      'fetch',
      'axios message',
      'anthropic throw',
      'anthropic message',
      'openai throw',
      'openai message',
      'requests',
      'httpx',
      'urllib',
    ],
    bodyMatters: true,
    pool: 'guardrail',
    context: 'maybe',
  },
  {
    name: 'hook-503',
    world: 'tailnet',
    label: 'hook-unavailable',
    fake: `Aperture 503 with a fail_closed hook message; ${APERTURE_NS}`,
    req: anthropicReq('http://ai'),
    sdk: { call: 'messages', opts: { baseURL: 'http://ai' } },
    sdk2: { call: 'chat', opts: { baseURL: 'http://ai/v1' } },
    aperture: goJson(503, APERTURE_HOOK),
    bodyMatters: true,
    clients: [
      'curl -sS',
      'curl -i',
      'curl -v',
      'wget',
      'fetch',
      'axios message',
      'anthropic throw',
      'anthropic message',
      'openai message',
      'requests',
      'httpx',
      'urllib',
    ],
    pool: 'hook',
    context: 'maybe',
  },
  {
    name: 'ok-content-length-429',
    world: 'tailnet',
    label: 'none',
    fake: `Aperture 200 success whose body is 429 bytes (Content-Length: 429); ${APERTURE_NS}`,
    req: anthropicReq('http://ai'),
    aperture: goJson(200, messageOf429Bytes(), [['Request-Id', 'req_011CWk5Hq2nB8vXc4Rt7yPmE']]),
    clients: ['curl -i', 'curl -v', 'wget', 'fetch', 'axios message', 'requests', 'httpx'],
    headers: true,
    pool: 'ok429',
    context: 'maybe',
  },
  {
    name: 'provider-429-anthropic',
    world: 'tailnet',
    label: 'none',
    fake: `the provider's own 429 (organisation rate limit) from ${PROVIDER_NS('api.anthropic.com')}`,
    req: anthropicReq('https://api.anthropic.com', true),
    sdk: { call: 'messages', opts: {} },
    providers: {
      'api.anthropic.com': {
        status: 429,
        headers: {
          'content-type': 'application/json',
          'retry-after': '2',
          'anthropic-ratelimit-input-tokens-limit': '50000',
          'anthropic-ratelimit-input-tokens-remaining': '0',
          'request-id': 'req_011CWk3fGq8xYv2N7pTn4aBd',
          'anthropic-organization-id': '3c9f2e71-5b0d-4c8a-9e16-7a2d4f80b5c3',
          'x-should-retry': 'true',
          via: '1.1 google',
          ...cloudflare('9a1b2c3d4e5f6a7b-FRA'),
        },
        body: PROVIDER_ANTHROPIC_429,
      },
    },
    clients: ['curl -sS', 'curl -i', 'fetch', 'anthropic throw', 'anthropic message', 'requests'],
    pool: 'provider',
    context: 'maybe',
  },
  {
    name: 'provider-429-openai',
    world: 'tailnet',
    label: 'none',
    fake: `the provider's own 429 (organisation tokens-per-minute limit) from ${PROVIDER_NS('api.openai.com')}`,
    req: openaiChatReq('https://api.openai.com/v1', true),
    sdk2: { call: 'chat', opts: {} },
    providers: {
      'api.openai.com': {
        status: 429,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'retry-after': '1',
          'x-ratelimit-limit-tokens': '200000',
          'x-ratelimit-remaining-tokens': '0',
          'x-ratelimit-reset-tokens': '747ms',
          'x-request-id': 'req_5c1e9f0a3b7d4e2c8f6a1b9d0e3c7f25',
          'openai-organization': 'acme-inc-qm3x8k',
          ...cloudflare('9a1b2c3d5f6e7a8b-AMS'),
        },
        body: PROVIDER_OPENAI_429,
      },
    },
    clients: ['curl -sS', 'curl -i', 'openai throw', 'openai message', 'axios message', 'httpx'],
    pool: 'provider',
    context: 'maybe',
  },
  {
    name: 'provider-403-anthropic',
    world: 'tailnet',
    label: 'none',
    fake: `Anthropic's own 403 permission_error from ${PROVIDER_NS('api.anthropic.com')}`,
    req: anthropicReq('https://api.anthropic.com', true),
    sdk: { call: 'messages', opts: {} },
    providers: {
      'api.anthropic.com': {
        status: 403,
        headers: {
          'content-type': 'application/json',
          'request-id': 'req_011CWk4Tz9bR1mQe6Yx3uNsV',
          'x-should-retry': 'false',
          via: '1.1 google',
          ...cloudflare('9a1b2c3e0f1a2b3c-LHR'),
        },
        body: PROVIDER_ANTHROPIC_403,
      },
    },
    clients: ['curl -sS', 'curl -i', 'anthropic throw', 'anthropic message', 'requests', 'urllib'],
    pool: 'provider',
    context: 'maybe',
  },
  {
    name: 'github-403',
    world: 'tailnet',
    label: 'none',
    fake: `GitHub REST API 403 from ${PROVIDER_NS('api.github.com')}`,
    req: getReq('https://api.github.com/repos/acme/infra/actions/runs', [
      { name: 'Authorization', env: 'GITHUB_TOKEN' },
      { name: 'Accept', value: 'application/vnd.github+json' },
    ]),
    providers: {
      'api.github.com': {
        status: 403,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'x-accepted-github-permissions': 'actions=read',
          'x-github-api-version-selected': '2022-11-28',
          'x-ratelimit-limit': '5000',
          'x-ratelimit-remaining': '4987',
          'x-ratelimit-used': '13',
          'x-github-request-id': 'C3D4:2F1A0B:9E8D7C:A1B2C3:6650F1A2',
          server: 'github.com',
        },
        body: GITHUB_403,
      },
    },
    clients: ['curl -sS', 'curl -i', 'fetch', 'requests', 'wget'],
    pool: 'github',
    context: 'maybe',
  },
  {
    name: 's3-403',
    world: 'tailnet',
    label: 'none',
    fake: `S3 403 AccessDenied XML from ${PROVIDER_NS(S3_HOST)}`,
    req: getReq(`https://${S3_HOST}/releases/app-1.4.2.tar.gz`),
    s3: {
      status: 403,
      headers: [
        ['x-amz-request-id', '8Q2M5V1K7X3C9B4N'],
        ['x-amz-id-2', 'pX7r0Q2mZb4kT9vN1yH6sWc3LdE8fJ5aG0uRiKo2MnBqYtCeVwS4zXhA7lDgUjFp9s1E='],
        ['Content-Type', 'application/xml'],
        ['Date', '{date}'],
        ['Server', 'AmazonS3'],
      ],
      body: S3_403,
      style: 'ordered',
    },
    clients: ['curl -sS', 'curl -i', 'wget', 'requests', 'urllib'],
    pool: 's3',
    context: 'maybe',
  },
];

/** Scenarios where Claude Code (pointed at the fake with ANTHROPIC_BASE_URL) is run as well. */
const CLAUDE_SCENARIOS = [
  'denied',
  'quota-anthropic',
  'tls-to-plain-port',
  'refused-443',
  'hang',
  'expired',
  'double-v1',
  'compat-messages',
  'guardrail',
  'hook-503',
  'provider-429-anthropic',
  'provider-403-anthropic',
];
for (const s of HTTP_SCENARIOS) if (CLAUDE_SCENARIOS.includes(s.name)) s.clients.push('claude -p');

// ---- Resolver captures --------------------------------------------------------------------------

type ResolverTool =
  | 'dig'
  | 'dig +short'
  | 'host'
  | 'nslookup'
  | 'getent hosts'
  | 'ping'
  | 'curl -sS'
  | 'wget'
  | 'fetch'
  | 'axios message'
  | 'anthropic throw'
  | 'anthropic message'
  | 'openai throw'
  | 'openai message'
  | 'requests'
  | 'httpx'
  | 'urllib'
  | 'psql'
  | 'npm install'
  | 'ssh'
  | 'node net'
  | 'claude -p';

interface ResolverSpec {
  tool: ResolverTool;
  name: string;
  /** The URL for HTTP clients (default http://NAME/v1/models). */
  url?: string;
  /** Extra curl flags (a timeout). */
  flags?: string[];
  note?: string;
}

function resolverStep(
  spec: ResolverSpec,
  showCommand: boolean,
): { step: Step; requires: string[]; trace: boolean } {
  const n = spec.name;
  const url = spec.url ?? `http://${n}/v1/models`;
  const req = getReq(url);
  switch (spec.tool) {
    case 'dig':
      return { step: step(`dig ${n}`, ['dig', n]), requires: ['dig'], trace: false };
    case 'dig +short':
      return {
        step: step(`dig +short ${n}`, ['dig', '+short', n]),
        requires: ['dig'],
        trace: false,
      };
    case 'host':
      return { step: step(`host ${n}`, ['host', n]), requires: ['host'], trace: false };
    case 'nslookup':
      return { step: step(`nslookup ${n}`, ['nslookup', n]), requires: ['nslookup'], trace: false };
    case 'getent hosts':
      return {
        step: step(`getent hosts ${n}`, ['getent', 'hosts', n], { showExit: true }),
        requires: ['getent'],
        trace: false,
      };
    case 'ping':
      return {
        step: step(`ping -c1 ${n}`, ['ping', '-c1', '-W2', n]),
        requires: ['ping'],
        trace: false,
      };
    case 'curl -sS':
      return {
        step: curlStep(['-sS', ...(spec.flags ?? [])], req),
        requires: ['curl'],
        trace: false,
      };
    case 'wget':
      return { step: wgetStep(req, ['-O-']), requires: ['wget'], trace: false };
    case 'fetch':
      return {
        step: nodeStep('index.mjs', fetchCode(req, 'text'), showCommand),
        requires: [],
        trace: true,
      };
    case 'axios message':
      return {
        step: nodeStep('worker.mjs', axiosCode(req, 'message'), showCommand),
        requires: ['npm:axios'],
        trace: true,
      };
    case 'anthropic throw':
    case 'anthropic message':
      return {
        step: nodeStep(
          spec.tool === 'anthropic throw' ? 'claude.mjs' : 'ask-claude.mjs',
          sdkCode('messages', spec.tool === 'anthropic throw' ? 'throw' : 'message', {
            baseURL: `http://${n}`,
            maxRetries: 0,
          }),
          showCommand,
        ),
        requires: ['npm:@anthropic-ai/sdk'],
        trace: true,
      };
    case 'openai throw':
    case 'openai message':
      return {
        step: nodeStep(
          spec.tool === 'openai throw' ? 'chat.mjs' : 'complete.mjs',
          sdkCode('chat', spec.tool === 'openai throw' ? 'throw' : 'message', {
            baseURL: `http://${n}/v1`,
            maxRetries: 0,
          }),
          showCommand,
        ),
        requires: ['npm:openai'],
        trace: true,
      };
    case 'requests':
    case 'httpx':
      return {
        step: pythonStep(
          spec.tool === 'requests' ? 'ask.py' : 'client.py',
          requestsCode(spec.tool, req, 'print', 5),
          showCommand,
        ),
        requires: ['python3', `py:${spec.tool}`],
        trace: true,
      };
    case 'urllib':
      return {
        step: pythonStep('probe.py', urllibCode(req, 'raise', 5), showCommand),
        requires: ['python3'],
        trace: true,
      };
    case 'psql':
      return {
        step: step(`psql -h ${n} -U app appdb`, ['psql', '-h', n, '-U', 'app', 'appdb', '-w']),
        requires: ['psql'],
        trace: false,
      };
    case 'npm install':
      return {
        step: step('npm install left-pad', ['npm', 'install', 'left-pad'], {
          cwd: WEB_APP,
          timeoutMs: 40_000,
        }),
        requires: ['npm'],
        trace: false,
      };
    case 'ssh':
      return {
        step: step(`ssh -T git@${n}`, [
          'ssh',
          '-o',
          'BatchMode=yes',
          '-o',
          'ConnectTimeout=5',
          '-T',
          `git@${n}`,
        ]),
        requires: ['ssh'],
        trace: false,
      };
    case 'claude -p':
      return {
        step: claudeStep(`http://${n}`, n.length),
        requires: ['claude-code'],
        trace: false,
      };
    case 'node net':
      return {
        step: nodeStep(
          'db-check.mjs',
          `import net from 'node:net';\n\nconst socket = net.connect({ host: '${n}', port: 5432 });\nsocket.on('connect', () => {\n  console.log('postgres port is open');\n  socket.end();\n});\n`,
          showCommand,
        ),
        requires: [],
        trace: true,
      };
  }
}

interface ResolverGroup {
  world: string;
  group: string;
  fake: string;
  pool: string;
  label: SymptomOrNone;
  specs: ResolverSpec[];
}

function resolverJobs(g: ResolverGroup): Job[] {
  return g.specs.map((spec) => {
    const turn = nextTurn();
    const built = resolverStep(spec, turn % 3 !== 2);
    return {
      key: `${g.group}/${spec.tool}/${spec.name}`,
      world: g.world,
      group: g.group,
      label: g.label,
      tool: spec.tool,
      requires: built.requires,
      fake: g.fake,
      steps: [built.step],
      pool: g.pool,
      context: spec.note ? 'always' : 'maybe',
      ...(spec.note ? { note: spec.note } : {}),
      trim: built.trace ? 'trace' : 'plain',
    };
  });
}

/** A paste of several commands (e.g. "the long name resolves, the short one does not"). */
function comboJob(
  world: string,
  group: string,
  label: SymptomOrNone,
  fake: string,
  key: string,
  parts: ResolverSpec[],
  note: string,
): Job {
  const built = parts.map((p) => resolverStep(p, true));
  return {
    key: `${group}/combo/${key}`,
    world,
    group,
    label,
    tool: parts.map((p) => p.tool).join(' + '),
    requires: [...new Set(built.flatMap((b) => b.requires))],
    fake,
    steps: built.map((b) => b.step),
    pool: 'none',
    context: 'always',
    note,
    trim: 'plain',
  };
}

const NS = 'inside an unshare -n -m namespace (loopback only)';
const DNS_FAKES = {
  stub: `fake systemd-resolved stub on 127.0.0.53 answering NXDOMAIN (MagicDNS off), bind-mounted /etc/resolv.conf and a laptop /etc/hosts, ${NS}`,
  container: `fake Docker embedded DNS on 127.0.0.11 that knows only ai.${TAILNET} (no search domain, ndots:0), bind-mounted Docker-style /etc/resolv.conf and /etc/hosts, ${NS}`,
  refused: `no DNS server at all: /etc/resolv.conf (bind-mounted) names 127.0.0.53 and nothing listens there, ${NS}`,
  timeout: `MagicDNS unreachable: /etc/resolv.conf (bind-mounted, as tailscale writes it, timeout:2 attempts:1) names 100.100.100.100 and packets to it vanish into a tun device, ${NS}`,
  tailnet: `fake MagicDNS on 100.100.100.100 (search ${TAILNET}) that knows ai but not the name asked for, ${NS}`,
  pinned: `bind-mounted /etc/hosts pinning \`100.101.7.42 ai\`, fake systemd-resolved stub on 127.0.0.53 answering NXDOMAIN, ${NS}`,
};

function resolverGroups(): { groups: ResolverGroup[]; combos: Job[] } {
  const m = (
    tool: ResolverTool,
    name: string,
    extra: Partial<ResolverSpec> = {},
  ): ResolverSpec => ({ tool, name, ...extra });
  const fq = `ai.${TAILNET}`;
  const groups: ResolverGroup[] = [
    {
      world: 'stub',
      group: 'dns-stub',
      fake: DNS_FAKES.stub,
      pool: 'dns-off',
      label: 'magicdns',
      specs: [
        m('dig', 'ai'),
        m('dig +short', fq, { note: 'dig +short prints nothing at all for it' }),
        m('host', 'aperture'),
        m('nslookup', 'ai'),
        m('getent hosts', 'your-aperture-host'),
        m('ping', 'ai'),
        m('curl -sS', 'ai'),
        m('wget', 'aperture'),
        m('fetch', 'your-aperture-host', { url: 'http://your-aperture-host/v1/messages' }),
        m('requests', 'ai'),
        m('urllib', fq),
        m('httpx', 'aperture'),
        m('anthropic throw', 'ai'),
        m('openai message', 'your-aperture-host'),
        m('axios message', 'ai'),
        m('claude -p', 'ai'),
      ],
    },
    {
      world: 'stub',
      group: 'dns-stub-unrelated',
      fake: DNS_FAKES.stub,
      pool: 'dns-unrelated',
      label: 'none',
      specs: [
        m('dig', 'db.internal.acme.com'),
        m('host', 'db.internal.acme.com'),
        m('nslookup', 'db.internal.acme.com'),
        m('psql', 'db.internal.acme.com'),
        m('node net', 'db.internal.acme.com'),
        m('requests', 'db.internal.acme.com', { url: 'http://db.internal.acme.com:8080/health' }),
      ],
    },
    {
      world: 'container',
      group: 'dns-container',
      fake: DNS_FAKES.container,
      pool: 'dns-container',
      label: 'magicdns',
      specs: [
        m('nslookup', 'ai'),
        m('getent hosts', 'ai'),
        m('curl -sS', 'ai', { url: 'http://ai/v1/messages' }),
        m('fetch', 'ai'),
        m('requests', 'aperture'),
        m('httpx', 'ai'),
        m('urllib', 'ai'),
        m('openai throw', 'ai'),
        m('anthropic message', 'ai'),
        m('ping', 'aperture'),
        m('wget', 'ai'),
        m('dig', 'ai'),
        m('claude -p', 'aperture'),
      ],
    },
    {
      world: 'container',
      group: 'dns-container-unrelated',
      fake: DNS_FAKES.container,
      pool: 'dns-unrelated',
      label: 'none',
      specs: [
        m('curl -sS', 'db.internal.acme.com', { url: 'http://db.internal.acme.com:8080/health' }),
        m('getent hosts', 'db.internal.acme.com'),
      ],
    },
    {
      world: 'refused',
      group: 'dns-refused',
      fake: DNS_FAKES.refused,
      pool: 'dns-dead',
      label: 'magicdns',
      specs: [
        m('dig', 'ai'),
        m('host', 'ai'),
        m('nslookup', 'aperture'),
        m('ping', 'ai'),
        m('curl -sS', 'ai'),
        m('wget', fq),
        m('fetch', 'ai'),
        m('requests', 'ai'),
        m('urllib', 'aperture'),
        m('httpx', fq),
        m('anthropic message', 'ai'),
        m('openai throw', 'ai'),
        m('getent hosts', 'ai'),
        m('claude -p', 'ai'),
      ],
    },
    {
      world: 'refused',
      group: 'dns-refused-unrelated',
      fake: DNS_FAKES.refused,
      pool: 'dns-unrelated',
      label: 'none',
      specs: [
        m('npm install', 'registry.npmjs.org'),
        m('ssh', 'github.com'),
        m('dig', 'github.com'),
        m('curl -sS', 'registry.npmjs.org', { url: 'https://registry.npmjs.org/left-pad' }),
        m('ping', 'github.com'),
        m('requests', 'api.github.com', { url: 'https://api.github.com/user' }),
        m('host', 'registry.npmjs.org'),
        m('fetch', 'registry.npmjs.org', { url: 'https://registry.npmjs.org/left-pad' }),
      ],
    },
    {
      world: 'timeout',
      group: 'dns-timeout',
      fake: DNS_FAKES.timeout,
      pool: 'dns-timeout',
      label: 'magicdns',
      specs: [
        m('dig', fq),
        m('nslookup', 'ai'),
        m('host', fq),
        m('curl -sS', 'ai'),
        m('fetch', 'ai'),
        m('urllib', 'ai'),
        m('requests', 'aperture'),
        m('ping', 'ai'),
        m('getent hosts', 'ai'),
        m('anthropic throw', 'ai'),
      ],
    },
    {
      world: 'timeout',
      group: 'dns-timeout-unrelated',
      fake: DNS_FAKES.timeout,
      pool: 'dns-unrelated',
      label: 'none',
      specs: [
        m('dig', 'registry.npmjs.org'),
        m('nslookup', 'github.com'),
        m('curl -sS', 'github.com', { url: 'https://github.com/acme/infra' }),
        m('host', 'github.com'),
      ],
    },
    {
      world: 'tailnet',
      group: 'dns-tailnet-wrong-name',
      fake: DNS_FAKES.tailnet,
      pool: 'dns-wrong-name',
      label: 'magicdns',
      specs: [
        m('nslookup', 'aperture'),
        m('curl -sS', 'your-aperture-host', { url: 'http://your-aperture-host/v1/messages' }),
        m('dig', `aperture.${TAILNET}`),
        m('fetch', 'aperture'),
        m('requests', 'your-aperture-host'),
        m('getent hosts', 'aperture'),
      ],
    },
  ];
  const combos = [
    comboJob(
      'container',
      'dns-container',
      'magicdns',
      DNS_FAKES.container,
      'fqdn-vs-short',
      [m('dig +short', fq), m('curl -sS', 'ai')],
      'inside the container the long name resolves but plain ai does not',
    ),
    comboJob(
      'container',
      'dns-container',
      'magicdns',
      DNS_FAKES.container,
      'getent-both',
      [m('getent hosts', fq), m('getent hosts', 'ai')],
      'our compose service uses http://ai as the base url',
    ),
    comboJob(
      'pinned',
      'dns-pinned',
      'magicdns',
      DNS_FAKES.pinned,
      'hosts-vs-dig',
      [m('getent hosts', 'ai'), m('dig +short', 'ai'), m('nslookup', 'ai')],
      'I had to put ai in /etc/hosts to get anything working, dig still says it does not exist',
    ),
    comboJob(
      'pinned',
      'dns-pinned',
      'magicdns',
      DNS_FAKES.pinned,
      'hosts-other-name',
      [m('ping', 'ai'), m('ping', 'aperture')],
      'ping ai works only because of my /etc/hosts hack, the aperture name from the docs does not',
    ),
    comboJob(
      'stub',
      'dns-stub',
      'magicdns',
      DNS_FAKES.stub,
      'short-and-long',
      [m('dig +short', 'ai'), m('dig +short', fq), m('getent hosts', 'ai')],
      'both names come back empty on my laptop',
    ),
  ];
  return { groups, combos };
}

/** Extra jobs of the offline world that are not plain HTTP clients. */
function expiredExtras(): Job[] {
  const fake =
    'Aperture offline: fake MagicDNS (100.100.100.100) still resolves ai, packets to 100.101.7.42 vanish into a tun device, inside an unshare -n -m namespace; nothing rewritten';
  const m = (
    tool: ResolverTool,
    name: string,
    extra: Partial<ResolverSpec> = {},
  ): ResolverSpec => ({ tool, name, ...extra });
  const ping3 = step('ping -c 3 ai', ['ping', '-c', '3', '-W', '2', 'ai']);
  const ping: Job = {
    key: 'expired/ping',
    world: 'expired',
    group: 'expired',
    label: 'key-expiry',
    tool: 'ping',
    requires: ['ping'],
    fake,
    steps: [ping3],
    pool: 'expired',
    context: 'always',
    trim: 'plain',
  };
  const combo = comboJob(
    'expired',
    'expired',
    'key-expiry',
    fake,
    'resolves-but-silent',
    [m('dig +short', `ai.${TAILNET}`), m('curl -sS', 'ai', { flags: ['--connect-timeout', '5'] })],
    '',
  );
  delete combo.note;
  combo.pool = 'expired';
  return [ping, combo];
}

/** A Postgres that is not running on localhost: ECONNREFUSED look-alikes. */
function postgresJobs(): Job[] {
  const fake = `nothing listening on localhost:5432 (Debian /etc/hosts: localhost is 127.0.0.1 and ::1), ${NS}`;
  const mk = (tool: string, st: Step, requires: string[], trace: boolean): Job => ({
    key: `pg-refused/${tool}`,
    world: 'tailnet',
    group: 'pg-refused',
    label: 'none',
    tool,
    requires,
    fake,
    steps: [st],
    pool: 'pg',
    context: 'maybe',
    trim: trace ? 'trace' : 'plain',
  });
  return [
    mk(
      'psql',
      step('psql -h localhost -U app appdb', [
        'psql',
        '-h',
        'localhost',
        '-U',
        'app',
        'appdb',
        '-w',
      ]),
      ['psql'],
      false,
    ),
    mk('node net', resolverStep({ tool: 'node net', name: 'localhost' }, true).step, [], true),
    mk(
      'python socket',
      pythonStep(
        'dbcheck.py',
        'import socket\n\nsock = socket.create_connection(("localhost", 5432), timeout=5)\nprint("connected", sock.getpeername())\n',
        true,
      ),
      ['python3'],
      true,
    ),
    mk(
      'curl -sS',
      step('curl -sS localhost:5432', ['curl', '-sS', 'localhost:5432']),
      ['curl'],
      false,
    ),
  ];
}

// ---------------------------------------------------------------------------------------------
// Human context lines, by pool
// ---------------------------------------------------------------------------------------------

const POOLS: Record<string, string[]> = {
  'dns-off': [
    'tailscale is connected on this laptop and the gateway shows up in the admin console',
    'trying to reach aperture from my mac, no luck',
    'the Agents page told me to use this hostname',
    'same on two different laptops',
    'is MagicDNS supposed to handle this?',
    'first time setting up the gateway, not sure what I am missing',
    'it is listed on the machines page as ai',
    'the 100.x address answers, only the name fails',
  ],
  'dns-container': [
    'this runs inside our docker compose stack; on the host the same thing works',
    'from inside the dev container',
    'k8s pod, the tailscale sidecar says it is up',
    'works on my laptop, fails in the CI container',
    'our agent runs in docker and cannot find the gateway',
  ],
  'dns-dead': [
    'tailscale is up but name lookups seem dead',
    'since this morning nothing resolves on this box',
    'the server rebooted overnight',
    'after I reinstalled tailscale',
    'getting this on the build agent',
  ],
  'dns-timeout': [
    'lookups just hang for a while and then give up',
    'tailscale status says connected though',
    'it takes ages and then fails',
    'right after tailscaled restarted',
  ],
  'dns-wrong-name': [
    'copied the URL straight from the setup page',
    'is the hostname aperture or ai? the docs say one thing and the console another',
    'a teammate says it is called something else on our tailnet',
    'placeholder from the docs, I assume that is right?',
  ],
  'dns-unrelated': [
    'wifi on the train is flaky',
    'the CI runner cannot install deps today',
    'VPN dropped again',
    'our corporate DNS is acting up',
    'nothing to do with the AI gateway, just everything else',
    'the office network is down',
  ],
  denied: [
    'just got added to the tailnet',
    'the admin says I have a grant',
    'we changed the grants this morning',
    'works for my teammate, not for me',
    'using the URL from the docs',
    'after the policy file edit',
    'I can see the gateway in the console, so why 403?',
  ],
  quota: [
    'hit this after a dozen requests',
    'retry-after is an hour??',
    'is this our budget or the provider limit?',
    'we set up a daily budget yesterday',
    'the whole team is getting this since lunch',
    'only the gateway does this, our own key is fine',
  ],
  tls: [
    'I used https because every other service here needs it',
    'switched the base url to https this morning',
    'security asked us to use TLS everywhere',
    'port 80 is what the docs say, so I kept it, with https',
  ],
  refused443: [
    'copied the base url with https from our old config',
    'should the URL be https?',
    'the http one worked yesterday, then I changed it',
    'tried https because the browser warned me',
  ],
  expired: [
    'worked fine last week',
    'it was fine until this morning',
    'nothing changed on our side, it just stopped answering',
    'this gateway has been running for months without trouble',
    'started after the long weekend',
    'it used to answer instantly',
    'all of us get this since monday',
    'the gateway VM was rebooted yesterday, since then this',
    'no deploys, no config changes, it just went quiet',
    'our CI was happy with it until two days ago',
    'it worked on friday',
    'the admin console shows something about the machine, not sure what',
  ],
  doublev1: [
    'set ANTHROPIC_BASE_URL=http://ai/v1',
    'the base url ends in /v1 like the docs said',
    'the other provider accepted the same base url',
    'I copied the base url from the OpenAI example',
  ],
  compat: [
    'chat completions work, this endpoint does not',
    'only the new endpoint fails',
    'the same request straight to the provider works',
    'we just switched our agent to this API',
  ],
  guardrail: [
    'only for some prompts',
    'the prompt had a customer email in it',
    'harmless question, no idea why',
    'started after the security team changed something',
    'other prompts go through',
  ],
  hook: [
    'since we enabled the fail_closed hook',
    'after adding the pii hook',
    'the hook service is being redeployed right now',
    'every request, since this morning',
    'the gateway itself is up, the console loads',
  ],
  ok429: [
    'works, just showing the headers',
    'why is the content-length 429, is that a rate limit?',
    'all good now, posting for reference',
    'this is the response I get, looks fine to me',
  ],
  provider: [
    'straight to the API, no gateway in between',
    'our batch job hitting the API directly',
    'is this something on our account?',
    'this is with our own key, not through the gateway',
    'production key, nightly job',
  ],
  github: [
    'from the CI workflow',
    'the token was created yesterday',
    'fine-grained PAT, maybe missing a scope?',
  ],
  s3: [
    'deploy script fetching the release tarball',
    'the bucket policy changed last week',
    'works from the build box, not from here',
  ],
  pg: ['local dev database', 'docker compose should have started postgres', 'after a reboot'],
  none: [],
};

// ---------------------------------------------------------------------------------------------
// Worlds
// ---------------------------------------------------------------------------------------------

const TAILSCALE_RESOLV = `# resolv.conf(5) file generated by tailscale
# For more info, see https://tailscale.com/s/resolvconf-overwrite
# DO NOT EDIT THIS FILE BY HAND -- CHANGES WILL BE OVERWRITTEN

nameserver ${MAGICDNS_IP}
search ${TAILNET}
`;
const STUB_RESOLV = `# This is /run/systemd/resolve/stub-resolv.conf managed by man:systemd-resolved(8).
# Do not edit.
nameserver 127.0.0.53
options edns0 trust-ad
search .
`;
const DEBIAN_HOSTS = `127.0.0.1\tlocalhost
127.0.1.1\tdev-laptop

# The following lines are desirable for IPv6 capable hosts
::1     localhost ip6-localhost ip6-loopback
ff02::1 ip6-allnodes
ff02::2 ip6-allrouters
`;
const DOCKER_HOSTS = `127.0.0.1\tlocalhost
::1\tlocalhost ip6-localhost ip6-loopback
fe00::0\tip6-localnet
ff00::0\tip6-mcastprefix
ff02::1\tip6-allnodes
ff02::2\tip6-allrouters
172.18.0.4\t7f3c2b1a9d0e
`;

interface WorldDef {
  name: string;
  loAddrs: string[];
  tun: boolean;
  resolvConf: string;
  hosts: string;
  dns: { address: string; mode: DnsMode }[];
  aperture: boolean;
  thirdParty: boolean;
}

const WORLDS: WorldDef[] = [
  {
    name: 'tailnet',
    loAddrs: [APERTURE_IP, MAGICDNS_IP],
    tun: true,
    resolvConf: TAILSCALE_RESOLV,
    hosts: DEBIAN_HOSTS,
    dns: [{ address: MAGICDNS_IP, mode: 'tailnet' }],
    aperture: true,
    thirdParty: true,
  },
  {
    name: 'expired',
    loAddrs: [MAGICDNS_IP],
    tun: true,
    resolvConf: TAILSCALE_RESOLV,
    hosts: DEBIAN_HOSTS,
    dns: [{ address: MAGICDNS_IP, mode: 'tailnet' }],
    aperture: false,
    thirdParty: false,
  },
  {
    name: 'stub',
    loAddrs: [],
    tun: false,
    resolvConf: STUB_RESOLV,
    hosts: DEBIAN_HOSTS,
    dns: [{ address: '127.0.0.53', mode: 'nxdomain' }],
    aperture: false,
    thirdParty: false,
  },
  {
    name: 'container',
    loAddrs: [],
    tun: false,
    resolvConf: 'nameserver 127.0.0.11\noptions ndots:0\n',
    hosts: DOCKER_HOSTS,
    dns: [{ address: '127.0.0.11', mode: 'fqdn-only' }],
    aperture: false,
    thirdParty: false,
  },
  {
    name: 'refused',
    loAddrs: [],
    tun: false,
    resolvConf: STUB_RESOLV,
    hosts: DEBIAN_HOSTS,
    dns: [],
    aperture: false,
    thirdParty: false,
  },
  {
    name: 'timeout',
    loAddrs: [],
    tun: true,
    resolvConf: TAILSCALE_RESOLV.replace(
      `search ${TAILNET}\n`,
      `search ${TAILNET}\noptions timeout:2 attempts:1\n`,
    ),
    hosts: DEBIAN_HOSTS,
    dns: [],
    aperture: false,
    thirdParty: false,
  },
  {
    name: 'pinned',
    loAddrs: [APERTURE_IP],
    tun: false,
    resolvConf: STUB_RESOLV,
    hosts: `${DEBIAN_HOSTS}\n# aperture, until MagicDNS works\n${APERTURE_IP}\tai\n`,
    dns: [{ address: '127.0.0.53', mode: 'nxdomain' }],
    aperture: false,
    thirdParty: false,
  },
];

// ---------------------------------------------------------------------------------------------
// Worker: runs inside the namespace
// ---------------------------------------------------------------------------------------------

function must(argv: string[]): void {
  const [command, ...args] = argv;
  if (!command) return;
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 10_000 });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr || r.error?.message}`);
}

async function worker(planFile: string, resultFile: string): Promise<void> {
  const plan = JSON.parse(readFileSync(planFile, 'utf8')) as WorldPlan;
  const children = new Set<ChildProcess>();
  const budget = setTimeout(() => {
    log(`[${plan.name}] world budget exceeded, stopping`);
    for (const c of children) c.kill('SIGKILL');
    process.exit(3);
  }, 150_000);

  // Network: loopback (and its extra addresses), a tun device nobody reads for 100.64.0.0/10.
  must(['ip', 'link', 'set', 'lo', 'up']);
  for (const a of plan.loAddrs) must(['ip', 'addr', 'add', `${a}/32`, 'dev', 'lo']);
  if (plan.tun) {
    must(['ip', 'tuntap', 'add', 'tailscale0', 'mode', 'tun']);
    must(['ip', 'link', 'set', 'tailscale0', 'up']);
    must(['ip', 'addr', 'add', `${SELF_TAILNET_IP}/32`, 'dev', 'tailscale0']);
    must(['ip', 'route', 'add', '100.64.0.0/10', 'dev', 'tailscale0']);
  }

  // Files: our resolv.conf, hosts and CA bundles; a home of our own with the project's node_modules.
  const t = plan.tmp;
  writeFileSync(join(t, `resolv-${plan.name}.conf`), plan.resolvConf);
  writeFileSync(join(t, `hosts-${plan.name}`), plan.hosts);
  must(['mount', '--bind', join(t, `resolv-${plan.name}.conf`), '/etc/resolv.conf']);
  must(['mount', '--bind', join(t, `hosts-${plan.name}`), '/etc/hosts']);
  must(['mount', '--bind', join(t, 'ca-bundle.crt'), '/etc/ssl/certs/ca-certificates.crt']);
  if (plan.env.CERTIFI_PATH)
    must(['mount', '--bind', join(t, 'certifi-bundle.pem'), plan.env.CERTIFI_PATH]);
  must(['mount', '-t', 'tmpfs', 'tmpfs', '/home']);
  for (const d of [NODE_APP, PY_APP, WEB_APP, `${NODE_APP}/node_modules`])
    mkdirSync(d, { recursive: true });
  must(['mount', '--bind', join(REPO, 'node_modules'), `${NODE_APP}/node_modules`]);
  spawnSync('mount', ['-o', 'remount,bind,ro', `${NODE_APP}/node_modules`], { timeout: 10_000 });
  writeFileSync(
    `${NODE_APP}/package.json`,
    '{\n  "name": "support-bot",\n  "private": true,\n  "type": "module"\n}\n',
  );
  writeFileSync(
    `${WEB_APP}/package.json`,
    '{\n  "name": "web-app",\n  "version": "1.0.0",\n  "private": true\n}\n',
  );

  // Servers.
  const udp: UdpSocket[] = [];
  for (const d of plan.dns) {
    const sock = createSocket('udp4');
    sock.on('message', (msg, rinfo) => {
      const reply = dnsReply(msg, d.mode);
      if (reply) sock.send(reply, rinfo.port, rinfo.address);
    });
    await new Promise<void>((resolve) => sock.bind({ address: d.address, port: 53 }, resolve));
    udp.push(sock);
  }
  let current: GroupPlan | undefined;
  const sockets = new Set<Socket>();
  const rawConnection = (socket: Socket, reply: () => RawReply | 'hang' | undefined) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (buffer[0] === 0x16) {
        socket.end(GO_BAD_REQUEST);
        return;
      }
      for (let i = 0; i < 16; i++) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buffer.subarray(0, end).toString('latin1').toLowerCase();
        const length = Number(/\r\ncontent-length:\s*(\d+)/.exec(head)?.[1] ?? 0);
        let consumed = end + 4 + length;
        if (/\r\ntransfer-encoding:\s*chunked/.test(head)) {
          const last = buffer.indexOf('\r\n0\r\n\r\n', end);
          if (last < 0) return;
          consumed = last + 7;
        }
        if (buffer.length < consumed) return;
        buffer = buffer.subarray(consumed);
        const r = reply();
        if (r === 'hang' || r === undefined) return;
        socket.write(formatRaw(r));
      }
    });
  };
  const tcpServers: TcpServer[] = [];
  const h2Servers: Http2Server[] = [];
  const listen = (server: TcpServer | Http2Server, host: string, port: number) =>
    new Promise<void>((resolve) => server.listen(port, host, resolve));
  if (plan.aperture) {
    const server = createTcpServer((s) => rawConnection(s, () => current?.aperture));
    await listen(server, APERTURE_IP, 80);
    tcpServers.push(server);
  }
  if (plan.thirdParty) {
    const key = readFileSync(join(t, 'leaf.key'));
    const cert = readFileSync(join(t, 'leaf.pem'));
    for (const tp of THIRD_PARTY) {
      if (tp.host === S3_HOST) {
        const server = createTlsServer({ key, cert }, (s) => rawConnection(s, () => current?.s3));
        await listen(server, tp.loopback, 443);
        tcpServers.push(server);
        continue;
      }
      const server = createSecureServer({ key, cert, allowHTTP1: true }, (req, res) => {
        req.resume();
        req.on('end', () => {
          const r = current?.providers?.[tp.host];
          if (!r) {
            res.writeHead(404, { 'content-type': 'application/json' });
            res.end('{"error":"not found"}');
            return;
          }
          res.writeHead(r.status, r.headers);
          res.end(r.body);
        });
      });
      server.on('sessionError', () => undefined);
      await listen(server, tp.loopback, 443);
      h2Servers.push(server);
    }
  }

  // Jobs, group by group (a group sets the fakes' state), clients of a group side by side.
  const results: WorldResult = {};
  for (const group of plan.groups) {
    current = group;
    const started = Date.now();
    await pool(group.jobs, 5, async (job) => {
      const outs: StepResult[] = [];
      for (const s of job.steps) {
        for (const f of s.files) writeFileSync(f.path, f.content);
        outs.push(await runCommand(s, plan.env, children));
      }
      results[job.key] = outs;
    });
    for (const s of sockets) s.destroy();
    log(
      `[${plan.name}] ${group.name}: ${group.jobs.length} runs in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }

  clearTimeout(budget);
  writeFileSync(resultFile, JSON.stringify(results));
  for (const s of sockets) s.destroy();
  for (const u of udp) u.close();
  for (const s of tcpServers) s.close();
  for (const s of h2Servers) s.close();
  for (const c of children) c.kill('SIGKILL');
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------
// Main: plan, run the worlds, turn outputs into cases
// ---------------------------------------------------------------------------------------------

function makeCertificates(t: string): void {
  const sans = THIRD_PARTY.map((x) => `DNS:${x.host}`).join(',');
  writeFileSync(
    join(t, 'leaf.ext'),
    `basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=${sans}\nauthorityKeyIdentifier=keyid,issuer\nsubjectKeyIdentifier=hash\n`,
  );
  const ssl = (args: string[]) => {
    const r = spawnSync('openssl', args, { cwd: t, encoding: 'utf8', timeout: 30_000 });
    if (r.status !== 0) throw new Error(`openssl ${args[0]} failed: ${r.stderr}`);
  };
  ssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '7',
    '-subj',
    '/CN=capture test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  ssl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'leaf.key',
    '-out',
    'leaf.csr',
    '-subj',
    '/CN=api.anthropic.com',
  ]);
  ssl([
    'x509',
    '-req',
    '-in',
    'leaf.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'leaf.pem',
    '-days',
    '7',
    '-extfile',
    'leaf.ext',
  ]);
  const ca = readFileSync(join(t, 'ca.pem'), 'utf8');
  const system = existsSync('/etc/ssl/certs/ca-certificates.crt')
    ? readFileSync('/etc/ssl/certs/ca-certificates.crt', 'utf8')
    : '';
  writeFileSync(join(t, 'ca-bundle.crt'), `${system}\n${ca}`);
}

/**
 * Claude Code is not a dependency of this repo: install it by hand outside it, e.g.
 * `npm install --prefix /tmp/claude-code @anthropic-ai/claude-code`, or point CLAUDE_BIN at a
 * `claude` binary. Without one its captures are skipped.
 */
function claudeBin(): string {
  const candidates = [
    process.env.CLAUDE_BIN ?? '',
    '/tmp/claude-code/node_modules/.bin/claude',
    installed('claude') ? firstLine('sh', ['-c', 'command -v claude']) : '',
  ];
  return candidates.find((c) => c && existsSync(c)) ?? '';
}

function versions(): Record<string, string> {
  const v: Record<string, string> = {};
  const curl = /^curl (\S+)/.exec(firstLine('curl', ['--version']))?.[1];
  if (curl) v.curl = `curl ${curl}`;
  const wget = /Wget (\S+)/.exec(firstLine('wget', ['--version']))?.[1];
  if (wget) v.wget = `GNU Wget ${wget}`;
  const dig = /DiG (\S+)/.exec(firstLine('dig', ['-v']))?.[1];
  if (dig) v.dig = `dig ${dig}`;
  const host = /host (\S+)/.exec(firstLine('host', ['-V']))?.[1];
  if (host) v.host = `host ${host}`;
  const ns = /nslookup (\S+)/.exec(firstLine('nslookup', ['-version']))?.[1];
  if (ns) v.nslookup = `nslookup ${ns}`;
  const getent = /\) (\S+)$/.exec(firstLine('getent', ['--version']))?.[1];
  if (getent) v.getent = `getent (glibc ${getent})`;
  const ping = /iputils (\S+)/.exec(firstLine('ping', ['-V']))?.[1];
  if (ping) v.ping = `ping (iputils ${ping})`;
  const psql = /psql \(PostgreSQL\) (\S+)/.exec(firstLine('psql', ['--version']))?.[1];
  if (psql) v.psql = `psql ${psql}`;
  const ssh = /^(OpenSSH_\S+?),/.exec(firstLine('ssh', ['-V']))?.[1];
  if (ssh) v.ssh = ssh;
  const npm = firstLine('npm', ['--version']);
  if (npm) v.npm = `npm ${npm}`;
  v.node = `Node ${process.version}`;
  for (const p of ['axios', '@anthropic-ai/sdk', 'openai']) {
    const ver = packageVersion(p);
    if (ver) v[`npm:${p}`] = `${p} ${ver}`;
  }
  const py = firstLine(pythonPath, ['--version']);
  if (py) v.python3 = py;
  for (const mod of ['requests', 'httpx']) {
    const ver = firstLine(pythonPath, ['-c', `import ${mod}; print(${mod}.__version__)`]);
    if (/^\d/.test(ver)) v[`py:${mod}`] = `${mod} ${ver}`;
  }
  return v;
}

function toolVersion(job: Job, v: Record<string, string>): string {
  const py = v.python3 ?? 'Python';
  const node = v.node ?? 'Node';
  const byTool: Record<string, string | undefined> = {
    fetch: `${node} fetch`,
    'node net': `${node} net.connect`,
    'axios throw': `${v['npm:axios']} on ${node} (uncaught)`,
    'axios message': `${v['npm:axios']} on ${node} (err.message)`,
    'anthropic throw': `${v['npm:@anthropic-ai/sdk']} on ${node} (uncaught)`,
    'anthropic message': `${v['npm:@anthropic-ai/sdk']} on ${node} (err.message)`,
    'openai throw': `openai ${v['npm:openai']?.replace('openai ', '')} on ${node} (uncaught)`,
    'openai message': `openai ${v['npm:openai']?.replace('openai ', '')} on ${node} (err.message)`,
    requests: `${v['py:requests']} on ${py}`,
    httpx: `${v['py:httpx']} on ${py}`,
    urllib: `urllib on ${py}`,
    'python socket': `socket on ${py}`,
    'npm install': v.npm,
    'claude -p': v['claude-code'],
  };
  const one = (tool: string): string => {
    if (byTool[tool]) return byTool[tool] ?? tool;
    const command = tool.split(' ')[0] ?? tool;
    const flags = tool.slice(command.length).trim();
    const version = v[command] ?? command;
    return flags ? `${version} (${flags})` : version;
  };
  return [...new Set(job.tool.split(' + ').map(one))].join(' + ');
}

function rewriteLoopback(text: string): { text: string; rewrites: string[] } {
  let out = text;
  const rewrites: string[] = [];
  for (const t of THIRD_PARTY) {
    const re = new RegExp(`(?<![\\d.])${t.loopback.replace(/\./g, '\\.')}(?![\\d])`, 'g');
    if (re.test(out)) {
      out = out.replace(re, t.shownAs);
      rewrites.push(`${t.loopback} rewritten to ${t.shownAs}`);
    }
  }
  return { text: out, rewrites };
}

function tidy(output: string): string {
  return (
    output
      .replace(/\r\n/g, '\n')
      // eslint-disable-next-line no-control-regex
      .replace(/\x1b\[[0-9;]*m/g, '')
      .split('\n')
      .map((l) => l.replace(/\s+$/, ''))
      .join('\n')
      .replace(/^\n+|\n+$/g, '')
  );
}

let traceTurn = 0;
/** Where a pasted tail of a Python traceback may start: a frame, a chained-exception line, the header. */
const PY_FRAME =
  /^(Traceback \(most recent call last\):|  File "|During handling of the above exception|The above exception was the direct cause)/;
function trimPaste(text: string, kind: Job['trim']): string {
  const lines = text.split('\n');
  if (kind === 'trace' && lines.length > 28) {
    if (lines.some((l) => l.startsWith('Traceback (most recent call last):'))) {
      // Python: the useful line is the last one, so people paste the end, from a frame on.
      let start = lines.length - 16;
      while (start < lines.length - 4 && !PY_FRAME.test(lines[start] ?? '')) start++;
      return lines.slice(start).join('\n');
    }
    const head = traceTurn++ % 2 === 0;
    return (head ? lines.slice(0, 22) : lines.slice(-16)).join('\n').replace(/^\n+|\n+$/g, '');
  }
  if (lines.length > 40) return lines.slice(0, 40).join('\n');
  return text;
}

function render(job: Job, outs: StepResult[]): string {
  const parts: string[] = [];
  job.steps.forEach((s, i) => {
    const out = tidy(outs[i]?.output ?? '');
    if (s.show) parts.push(`$ ${s.show}`);
    if (out) parts.push(out);
    if (s.showExit) parts.push('$ echo $?', String(outs[i]?.code ?? ''));
  });
  return parts.join('\n');
}

/** The rule of `npm run corpus:check` (scripts/check-training-corpus.ts): Jaccard of word sets. */
const NEAR_DUPLICATE = 0.7;
const MIN_WORDS = 6;
const words = (text: string) => new Set(text.toLowerCase().match(/[a-z0-9_]+/g) ?? []);
function nearDuplicateOf(
  w: Set<string>,
  others: { id: string; words: Set<string> }[],
): string | undefined {
  if (w.size < MIN_WORDS) return undefined;
  for (const o of others) {
    if (o.words.size < MIN_WORDS) continue;
    const [lo, hi] = w.size < o.words.size ? [w.size, o.words.size] : [o.words.size, w.size];
    if (lo / hi < NEAR_DUPLICATE) continue;
    if (jaccard(w, o.words) >= NEAR_DUPLICATE) return o.id;
  }
  return undefined;
}
/**
 * The rest of the training corpus (other files of training/corpus/), so that no capture repeats
 * one of them, and the shared dev corpus: the same tool run against the same fake can print what
 * a test case holds, and training on it would make that test set a test of memory.
 */
function otherCorpusCases(): { id: string; words: Set<string> }[] {
  const dir = dirname(OUTPUT);
  if (!existsSync(dir)) return [];
  const found: { id: string; words: Set<string> }[] = [];
  const files = readdirSync(dir)
    .filter((n) => n.endsWith('.jsonl') && join(dir, n) !== OUTPUT)
    .sort()
    .map((n) => join(dir, n));
  if (existsSync(DEV_CORPUS)) files.push(DEV_CORPUS);
  for (const file of files) {
    const name = basename(file);
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const c = JSON.parse(line) as { id?: string; text?: string };
        if (c.id && c.text) found.push({ id: c.id, words: words(c.text) });
      } catch {
        log(`${name}: a line that is not JSON, ignored`);
      }
    }
  }
  return found;
}
function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared || 1);
}

interface Case {
  id: string;
  label: SymptomOrNone;
  voice: 'log' | 'paste+context';
  shape: 'paste';
  source: string;
  text: string;
}

async function main(): Promise<void> {
  const started = Date.now();
  if (process.getuid?.() !== 0) {
    log('needs root (unshare -n -m, mount, ip): run it as root');
    process.exit(1);
  }
  for (const tool of ['unshare', 'ip', 'mount', 'openssl']) {
    if (!installed(tool)) {
      log(`${tool} is not installed: cannot build the namespaces, nothing recorded`);
      process.exit(1);
    }
  }
  if (spawnSync('unshare', ['-n', '-m', 'true'], { timeout: 10_000 }).status !== 0) {
    log('unshare -n -m does not work here: nothing recorded');
    process.exit(1);
  }
  if (installed('python3'))
    pythonPath = firstLine('python3', ['-c', 'import sys; print(sys.executable)']) || 'python3';
  const v = versions();

  claudePath = claudeBin();
  if (claudePath) {
    const ver = /^(\S+) \(Claude Code\)/.exec(firstLine(claudePath, ['--version']))?.[1];
    if (ver) v['claude-code'] = `Claude Code ${ver}`;
    else claudePath = '';
  }
  const available = (req: string): boolean => {
    if (req === 'claude-code') return claudePath !== '';
    if (req.startsWith('npm:')) return packageVersion(req.slice(4)) !== undefined;
    if (req.startsWith('py:'))
      return (
        installed('python3') &&
        spawnSync(pythonPath, ['-c', `import ${req.slice(3)}`], { timeout: 10_000 }).status === 0
      );
    return installed(req);
  };

  // Every job, in a fixed order.
  const jobs: Job[] = [];
  for (const s of HTTP_SCENARIOS)
    for (const c of s.clients) {
      const j = httpJob(s, c);
      if (j) jobs.push(j);
    }
  jobs.push(...postgresJobs(), ...expiredExtras());
  const { groups, combos } = resolverGroups();
  for (const g of groups) jobs.push(...resolverJobs(g));
  jobs.push(...combos);

  const skipped = new Map<string, number>();
  const runnable = jobs.filter((j) => {
    const missing = j.requires.filter((r) => !available(r));
    for (const m of missing) skipped.set(m, (skipped.get(m) ?? 0) + 1);
    return missing.length === 0;
  });
  for (const [m, n] of skipped) log(`skip: ${m} is not installed (${n} captures)`);

  const tmp = mkdtempSync(join(tmpdir(), 'aperture-capture-'));
  const workers = new Set<ChildProcess>();
  const stop = () => {
    for (const w of workers) w.kill('SIGKILL');
    rmSync(tmp, { recursive: true, force: true });
  };
  process.on('SIGINT', () => {
    stop();
    process.exit(130);
  });
  try {
    makeCertificates(tmp);
    const certifi = available('py:certifi')
      ? firstLine(pythonPath, ['-c', 'import certifi; print(certifi.where())'])
      : '';
    if (certifi && existsSync(certifi)) {
      writeFileSync(
        join(tmp, 'certifi-bundle.pem'),
        `${readFileSync(certifi, 'utf8')}\n${readFileSync(join(tmp, 'ca.pem'), 'utf8')}`,
      );
    }
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
      HOME,
      LANG: 'C.UTF-8',
      NODE_EXTRA_CA_CERTS: join(tmp, 'ca.pem'),
      ...FAKE_KEYS,
      npm_config_cache: `${HOME}/.npm`,
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      npm_config_fetch_retries: '0',
      npm_config_fetch_timeout: '8000',
      npm_config_registry: 'https://registry.npmjs.org/',
      PGCONNECT_TIMEOUT: '5',
      ...(certifi && existsSync(certifi) ? { CERTIFI_PATH: certifi } : {}),
    };

    const runWorld = (def: WorldDef): Promise<WorldResult> => {
      const worldJobs = runnable.filter((j) => j.world === def.name);
      if (!worldJobs.length) return Promise.resolve({});
      const groupNames = [...new Set(worldJobs.map((j) => j.group))];
      const plan: WorldPlan = {
        ...def,
        tmp,
        env,
        groups: groupNames.map((name) => {
          const s = HTTP_SCENARIOS.find((x) => x.name === name);
          return {
            name,
            ...(s?.aperture ? { aperture: s.aperture } : {}),
            ...(s?.providers ? { providers: s.providers } : {}),
            ...(s?.s3 ? { s3: s.s3 } : {}),
            jobs: worldJobs
              .filter((j) => j.group === name)
              .map((j) => ({
                key: j.key,
                steps: j.steps.map((st) => ({
                  argv: st.argv,
                  cwd: st.cwd,
                  files: st.files,
                  timeoutMs: st.timeoutMs,
                  ...(st.env ? { env: st.env } : {}),
                })),
              })),
          };
        }),
      };
      const planFile = join(tmp, `plan-${def.name}.json`);
      const resultFile = join(tmp, `result-${def.name}.json`);
      writeFileSync(planFile, JSON.stringify(plan));
      return new Promise((resolve) => {
        const child = spawn(
          'unshare',
          [
            '-n',
            '-m',
            '--propagation',
            'private',
            '--',
            process.execPath,
            ...process.execArgv,
            SELF,
            '--worker',
            planFile,
            resultFile,
          ],
          { stdio: ['ignore', 'inherit', 'inherit'] },
        );
        workers.add(child);
        const timer = setTimeout(() => child.kill('SIGKILL'), 170_000);
        child.on('close', (code) => {
          clearTimeout(timer);
          workers.delete(child);
          if (code !== 0) log(`[${def.name}] worker exited with ${code}`);
          resolve(
            existsSync(resultFile)
              ? (JSON.parse(readFileSync(resultFile, 'utf8')) as WorldResult)
              : {},
          );
        });
      });
    };

    // Two worlds at a time: the tailnet world is the long one.
    const results: WorldResult = {};
    // CAPTURE_WORLDS=tailnet,stub runs only those worlds (while working on the script).
    const only = process.env.CAPTURE_WORLDS?.split(',').filter(Boolean);
    const order = WORLDS.filter((w) => !only?.length || only.includes(w.name));
    await pool(order, 2, async (def) => {
      Object.assign(results, await runWorld(def));
    });

    // Cases.
    const cases: Case[] = [];
    const caseTools: string[] = [];
    const kept: { label: SymptomOrNone; words: Set<string>; id: string }[] = [];
    const others = otherCorpusCases();
    log(`checking near-duplicates against ${others.length} cases of the other training files`);
    const poolTurns = new Map<string, number>();
    const labelTurns = new Map<string, number>();
    const numbers = new Map<string, number>();
    let dropped = 0;
    let missing = 0;
    for (const job of runnable) {
      const outs = results[job.key];
      if (!outs) {
        missing++;
        continue;
      }
      if (outs.some((o) => o.output.includes('[spawn failed'))) {
        log(`${job.key}: spawn failed, not kept`);
        continue;
      }
      if (outs.some((o) => o.code === null)) {
        log(
          `${job.key}: killed after its timeout, not kept (${outs.map((o) => `${o.ms} ms: ${o.output.trim().slice(0, 80)}`).join(' / ')})`,
        );
        continue;
      }
      const rewritten = rewriteLoopback(trimPaste(render(job, outs), job.trim));
      const paste = rewritten.text;
      const turn = labelTurns.get(job.label) ?? 0;
      labelTurns.set(job.label, turn + 1);
      // The planned context (none, every other case, always, or the job's own note); when the
      // text would be a near-duplicate of a case already kept, the next lines of the pool are tried.
      const lines = POOLS[job.pool] ?? [];
      const at = poolTurns.get(job.pool) ?? 0;
      const fromPool = (k: number) => (lines.length ? lines[(at + k) % lines.length] : undefined);
      const wants =
        job.note !== undefined ||
        job.context === 'always' ||
        (job.context === 'maybe' && turn % 2 === 0);
      const candidates: { context?: string; used: number }[] = job.note
        ? [{ context: job.note, used: 0 }]
        : wants
          ? [0, 1, 2, 3]
              .slice(0, Math.max(1, Math.min(4, lines.length)))
              .map((k) => ({ context: fromPool(k), used: k + 1 }))
          : [
              { used: 0 },
              ...[0, 1, 2]
                .slice(0, Math.min(3, lines.length))
                .map((k) => ({ context: fromPool(k), used: k + 1 })),
            ];
      let chosen: { text: string; words: Set<string>; context?: string } | undefined;
      let twin: string | undefined;
      for (const c of candidates) {
        const text = c.context
          ? turn % 3 === 0
            ? `${c.context}\n${paste}`
            : `${paste}\n${c.context}`
          : paste;
        const w = words(text);
        twin = nearDuplicateOf(w, [...kept, ...others]);
        if (!twin) {
          chosen = { text, words: w, ...(c.context ? { context: c.context } : {}) };
          if (c.used) poolTurns.set(job.pool, at + c.used);
          break;
        }
      }
      if (!chosen) {
        dropped++;
        log(`near-duplicate of ${twin}, not kept: ${job.key}`);
        if (process.env.CAPTURE_DEBUG) log(`--- dropped text:\n${paste}\n---`);
        continue;
      }
      const { text, context } = chosen;
      const w = chosen.words;
      const n = (numbers.get(job.label) ?? 0) + 1;
      numbers.set(job.label, n);
      const id = `cap-${job.label}-${String(n).padStart(3, '0')}`;
      const source = [
        `${toolVersion(job, v)} vs ${job.fake}`,
        ...rewritten.rewrites,
        ...(job.steps.some((s) => s.cwd !== HOME)
          ? ['scripts ran from a tmpfs /home/dev in the namespace']
          : []),
        ...(context ? ['human context line added'] : []),
      ].join('; ');
      cases.push({
        id,
        label: job.label,
        voice: context ? 'paste+context' : 'log',
        shape: 'paste',
        source,
        text,
      });
      kept.push({ label: job.label, words: w, id });
      caseTools.push(job.tool);
    }

    mkdirSync(dirname(OUTPUT), { recursive: true });
    writeFileSync(OUTPUT, `${cases.map((c) => JSON.stringify(c)).join('\n')}\n`);

    const byLabel = new Map<string, number>();
    const byTool = new Map<string, number>();
    for (const c of cases) byLabel.set(c.label, (byLabel.get(c.label) ?? 0) + 1);
    for (const tool of caseTools) byTool.set(tool, (byTool.get(tool) ?? 0) + 1);
    process.stdout.write(
      `recorded ${cases.length} cases in ${OUTPUT} (${dropped} near-duplicates dropped, ${missing} runs without a result) in ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
    );
    process.stdout.write(`by label: ${[...byLabel].map(([k, n]) => `${k} ${n}`).join(', ')}\n`);
    process.stdout.write(
      `by tool: ${[...byTool]
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}\n`,
    );
  } finally {
    stop();
  }
}

if (process.argv[2] === '--worker') {
  const [planFile, resultFile] = process.argv.slice(3);
  if (!planFile || !resultFile) throw new Error('--worker PLAN RESULT');
  await worker(planFile, resultFile);
} else {
  await main();
}
