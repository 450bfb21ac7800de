import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROKEN_CONFIG, HEALTHY_CONFIG, startFakeAperture } from '../fakes/fake-aperture.js';
import type { FakeHttpServer } from '../fakes/fake-http-server.js';
import { API_KEY, startFakeTailscaleApi } from '../fakes/fake-tailscale-api.js';
import { runCli } from '../../helpers/run-cli.js';

let aperture: FakeHttpServer;
let denied: FakeHttpServer;
let tailscale: FakeHttpServer;
beforeAll(async () => {
  [aperture, denied, tailscale] = await Promise.all([
    startFakeAperture(),
    startFakeAperture({ models: 'denied' }),
    startFakeTailscaleApi({ magicDNS: false }),
  ]);
});
afterAll(async () => {
  await Promise.all([aperture.close(), denied.close(), tailscale.close()]);
});

describe('aperture-doctor check', () => {
  it('exits 0 and prints JSON for a passing check', async () => {
    const run = await runCli(['check', 'models', '--json'], {
      env: { APERTURE_URL: aperture.url },
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ checkId: 'models', status: 'pass' });
  });

  it('exits 1 for a failing check', async () => {
    const run = await runCli(['check', 'models'], { env: { APERTURE_URL: denied.url } });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/\[FAIL\]/);
  });

  it('exits 1 when MagicDNS is off, read through the Tailscale API', async () => {
    const run = await runCli(['check', 'magicdns-setting'], {
      env: { TAILSCALE_API_URL: tailscale.url, TAILSCALE_API_KEY: API_KEY },
    });
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).not.toContain(API_KEY);
  });

  it('exits 2 and names the variables when a check lacks credentials', async () => {
    const run = await runCli(['check', 'device-key']);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('TAILSCALE_API_KEY');
  });

  it('exits 2 and lists the checks for an unknown id', async () => {
    const run = await runCli(['check', 'nope']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('magicdns-setting');
  });
});

describe('aperture-doctor lint-config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lint-'));
  const brokenFile = join(dir, 'broken.json');
  const healthyFile = join(dir, 'healthy.hujson');
  writeFileSync(brokenFile, JSON.stringify(BROKEN_CONFIG, null, 2));
  writeFileSync(
    healthyFile,
    `// our config\n${JSON.stringify(HEALTHY_CONFIG, null, 2).replace(/}\n]/, '},\n]')}`,
  );

  it('exits 1 and prints findings with their JSON paths for a broken config', async () => {
    const run = await runCli(['lint-config', brokenFile]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('grants[0].src[0] [src-tagged-devices-label]');
  });

  it('exits 0 for a healthy HuJSON config read from stdin', async () => {
    const { readFileSync } = await import('node:fs');
    const run = await runCli(['lint-config', '-'], { stdin: readFileSync(healthyFile, 'utf8') });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('0 error(s), 0 warning(s)');
  });

  it.each([
    ['UTF-8 with a byte-order mark', Buffer.from([0xef, 0xbb, 0xbf]), 'utf8'],
    ['UTF-16LE', Buffer.from([0xff, 0xfe]), 'utf16le'],
    ['UTF-16BE', Buffer.from([0xfe, 0xff]), 'utf16be'],
  ] as const)('exits 0 for a healthy config saved as %s', async (name, mark, encoding) => {
    const text = JSON.stringify(HEALTHY_CONFIG, null, 2);
    const body =
      encoding === 'utf16be' ? Buffer.from(text, 'utf16le').swap16() : Buffer.from(text, encoding);
    const file = join(dir, `${name}.json`);
    writeFileSync(file, Buffer.concat([mark, body]));
    const run = await runCli(['lint-config', file]);
    expect(run.stdout).toContain('0 error(s), 0 warning(s)');
    expect(run.code).toBe(0);
  });

  it('exits 0 for a healthy config piped in as UTF-16LE', async () => {
    const text = JSON.stringify(HEALTHY_CONFIG);
    const stdin = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const run = await runCli(['lint-config', '-'], { stdin });
    expect(run.code).toBe(0);
  });

  it('checks tag strings against the tailnet when credentials are set', async () => {
    const run = await runCli(['lint-config', '--json', brokenFile], {
      env: { TAILSCALE_API_URL: tailscale.url, TAILSCALE_API_KEY: API_KEY },
    });
    const report = JSON.parse(run.stdout) as { findings: Array<{ rule: string }> };
    expect(report.findings.map((f) => f.rule)).toContain('src-tags-match-no-device');
  });

  it('exits 2 with a JSON report when the document is nested too deeply to lint', async () => {
    const deep = join(dir, 'deep.json');
    writeFileSync(deep, `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    const run = await runCli(['lint-config', deep, '--json']);
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as { findings: Array<{ rule: string }> };
    expect(report.findings.map((f) => f.rule)).toEqual(['too-deep']);
  });

  it('exits 2 and says so in a sentence when the file does not exist', async () => {
    const missing = join(dir, 'missing.json');
    const run = await runCli(['lint-config', missing]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`no such file: ${missing}`);
  });

  it('exits 2 and says so in a sentence when the file is a directory', async () => {
    const run = await runCli(['lint-config', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${dir} is a directory`);
  });

  it('exits 2 for a document that is not an Aperture config', async () => {
    const array = join(dir, 'array.json');
    writeFileSync(array, '[]');
    const run = await runCli(['lint-config', array]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('Not an Aperture config: the root must be an object');
  });

  it('exits 2 for a syntax error: the config could not be linted', async () => {
    const broken = join(dir, 'syntax.hujson');
    writeFileSync(broken, '{"grants": [}');
    expect((await runCli(['lint-config', broken])).code).toBe(2);
  });

  it('lints every file given and exits with the worst outcome', async () => {
    const both = await runCli(['lint-config', healthyFile, brokenFile]);
    expect(both.code).toBe(1);
    expect(both.stdout).toContain(`${brokenFile}: `);
    expect(both.stdout).toContain('grants[0].src[0] [src-tagged-devices-label]');
    const withMissing = await runCli([
      'lint-config',
      brokenFile,
      join(dir, 'gone.json'),
      healthyFile,
    ]);
    expect(withMissing.code).toBe(2);
    expect(withMissing.stdout).toContain('grants[0].src[0] [src-tagged-devices-label]');
    expect(withMissing.stderr).toContain('no such file:');
  });

  it('prints one JSON report a line, each naming its file, for several files', async () => {
    const run = await runCli(['lint-config', '--json', healthyFile, brokenFile]);
    const reports = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { file: string; errors: number; linted: boolean });
    expect(reports.map((r) => [r.file, r.errors > 0, r.linted])).toEqual([
      [healthyFile, false, true],
      [brokenFile, true, true],
    ]);
  });

  it('counts info findings in the totals line', async () => {
    const extra = join(dir, 'extra.json');
    writeFileSync(extra, JSON.stringify({ ...HEALTHY_CONFIG, colour: 'red' }));
    const run = await runCli(['lint-config', extra]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('0 error(s), 0 warning(s), 1 info');
  });
});

describe('aperture-doctor check, as a command-line user meets it', () => {
  it('asks for `tailscale status` to be piped in when exit-node gets an empty stdin', async () => {
    const run = await runCli(['check', 'exit-node'], { stdin: '' });
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/tailscale status \| aperture-doctor check exit-node/);
    expect(run.stdout).not.toMatch(/thread|button/i);
  });

  it('checks the grant of the login given with --login', async () => {
    const run = await runCli(
      ['check', 'requester-grant', '--login', 'lena@example.com', '--json'],
      {
        env: { APERTURE_URL: aperture.url },
      },
    );
    expect(JSON.parse(run.stdout)).toMatchObject({
      status: 'pass',
      summary: 'lena@example.com is granted the role user.',
    });
    expect(run.code).toBe(0);
  });

  it('accepts --login=LOGIN and fails for a login no grant names', async () => {
    const run = await runCli(['check', 'requester-grant', '--login=zed@example.com'], {
      env: { APERTURE_URL: aperture.url },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('No grant names zed@example.com');
  });

  it('says to pass --login when requester-grant has no login to check', async () => {
    const run = await runCli(['check', 'requester-grant'], { env: { APERTURE_URL: aperture.url } });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('--login');
    expect(run.stdout).not.toMatch(/users:read\.email/);
  });

  it('exits 2 naming an option it does not know, and when --login has no value', async () => {
    const unknown = await runCli(['check', 'models', '--jsn']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--jsn');
    const empty = await runCli(['check', 'requester-grant', '--login']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('--login');
  });
});

describe('aperture-doctor doctor', () => {
  it('reports every check, skipping the tailnet ones without credentials, and exits 0', async () => {
    const run = await runCli(['doctor'], { env: { APERTURE_URL: aperture.url } });
    expect(run.stdout).toMatch(/^PASS Check HTTP reachability/m);
    expect(run.stdout).toMatch(
      /^SKIP Check the device key: not configured: set TAILSCALE_API_KEY/m,
    );
    expect(run.stdout.trim().split('\n').at(-1)).toMatch(/5 passed, 0 failed, 4 skipped/);
    expect(run.code).toBe(0);
  });

  it('exits 1 with the failures first when some targets are configured and fail', async () => {
    const run = await runCli(['doctor'], {
      env: {
        APERTURE_URL: denied.url,
        TAILSCALE_API_URL: tailscale.url,
        TAILSCALE_API_KEY: API_KEY,
      },
    });
    expect(run.code).toBe(1);
    const first = run.stdout.split('\n')[0] ?? '';
    expect(first).toMatch(/^FAIL /);
    expect(run.stdout).toMatch(/^FAIL Check the MagicDNS setting/m);
    expect(run.stdout + run.stderr).not.toContain(API_KEY);
  });

  it('prints one JSON document with a state per check for scripts', async () => {
    const run = await runCli(['doctor', '--json'], { env: { APERTURE_URL: aperture.url } });
    const report = JSON.parse(run.stdout) as {
      exitCode: number;
      checks: Array<{ key: string; state: string; enabledBy?: string }>;
    };
    expect(report.exitCode).toBe(run.code);
    expect(report.checks).toContainEqual(
      expect.objectContaining({ key: 'magicdns-setting', state: 'skip' }),
    );
    expect(report.checks).toHaveLength(9);
  });

  it('exits 2 naming an argument it does not know', async () => {
    const run = await runCli(['doctor', '--fix']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--fix');
  });
});
