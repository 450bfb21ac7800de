import { afterEach, describe, expect, it } from 'vitest';
import { DOCTOR_CHECKS, runDoctor } from '../../../src/core/checks/doctor-report.js';
import { BROKEN_CONFIG, FAKE_CONFIG_HASH, startFakeAperture } from '../fakes/fake-aperture.js';
import type { FakeHttpServer } from '../fakes/fake-http-server.js';
import { devices, startFakeTailscaleApi } from '../fakes/fake-tailscale-api.js';
import { runner, targets } from './check-harness.js';

const servers: FakeHttpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function started<T extends FakeHttpServer>(server: Promise<T>): Promise<T> {
  const s = await server;
  servers.push(s);
  return s;
}

describe('runDoctor against the fakes', () => {
  it('runs every check against a healthy setup, reaching Aperture by name and by its tailnet address', async () => {
    const aperture = await started(startFakeAperture());
    // The Aperture device's tailnet address is loopback here, so nothing leaves the machine.
    const tailscale = await started(
      startFakeTailscaleApi({
        devices: devices(Date.now(), { addresses: ['127.0.0.1'], tags: ['tag:aperture'] }),
      }),
    );
    const checks = runner();
    const report = await runDoctor((id) => checks.run(id, targets(aperture.url, tailscale.url)));
    expect(report.lines.map((l) => l.key).sort()).toEqual([...DOCTOR_CHECKS].sort());
    expect(report.lines.filter((l) => l.state !== 'pass' && l.state !== 'warn')).toEqual([]);
    expect(report.exitCode).toBe(0);
    expect(report.lines.find((l) => l.key === 'http-tailnet-ip')?.summary).toMatch(
      /127\.0\.0\.1.*answered HTTP 302/,
    );
  });

  it('skips the tailnet checks when no Tailscale credentials are set, naming the variable', async () => {
    const aperture = await started(startFakeAperture());
    const checks = runner();
    const report = await runDoctor((id) =>
      checks.run(id, targets(aperture.url, 'http://127.0.0.1:1', null)),
    );
    const skipped = report.lines.filter((l) => l.state === 'skip').map((l) => l.key);
    expect(skipped.sort()).toEqual(
      ['device-key', 'http-tailnet-ip', 'magicdns-setting', 'tailnet-grant'].sort(),
    );
    expect(report.lines.find((l) => l.state === 'skip')?.enabledBy).toMatch(/TAILSCALE_API_KEY/);
    expect(report.exitCode).toBe(0);
  });

  it('puts a broken config first, never writes, and quotes at most 8 characters of the hash', async () => {
    const aperture = await started(startFakeAperture({ config: BROKEN_CONFIG }));
    const checks = runner();
    const report = await runDoctor((id) =>
      checks.run(id, targets(aperture.url, 'http://127.0.0.1:1', null)),
    );
    expect(report.lines[0]).toMatchObject({ key: 'aperture-config', state: 'fail' });
    expect(report.exitCode).toBe(1);
    expect(aperture.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(JSON.stringify(report)).not.toContain(FAKE_CONFIG_HASH.slice(0, 9));
  });

  it('answers within one deadline when Aperture hangs, since the checks run in parallel', async () => {
    const aperture = await started(startFakeAperture({ hang: true }));
    const checks = runner({ deadlineMs: 300 });
    const started_ = Date.now();
    const report = await runDoctor((id) =>
      checks.run(id, targets(aperture.url, 'http://127.0.0.1:1', null)),
    );
    expect(Date.now() - started_).toBeLessThan(1500);
    expect(report.lines.find((l) => l.key === 'models')).toMatchObject({
      state: 'fail',
      summary: `No answer from ${aperture.url} in 0.3 s.`,
    });
  });
});
