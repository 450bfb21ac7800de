import { describe, expect, it } from 'vitest';
import type { CheckId } from '../../../../src/core/checks/check-ids.js';
import {
  DOCTOR_CHECKS,
  doctorReport,
  doctorText,
} from '../../../../src/core/checks/doctor-report.js';
import type { CheckResult } from '../../../../src/core/checks/follow-up-check.js';

function result(
  checkId: CheckId,
  status: CheckResult['status'],
  summary = 'ok',
  details: string[] = [],
): CheckResult {
  return { checkId, status, summary, details, durationMs: 1 };
}
const NOT_CONFIGURED =
  'Not configured: set TAILSCALE_API_KEY, or TAILSCALE_OAUTH_CLIENT_ID and TAILSCALE_OAUTH_CLIENT_SECRET.';

describe('the doctor report', () => {
  it('exits 0 when every check that ran passed, skips and warnings included', () => {
    const report = doctorReport([
      result('http', 'pass'),
      result('quota-status', 'warn', 'low'),
      result('device-key', 'could-not-run', NOT_CONFIGURED),
    ]);
    expect(report.exitCode).toBe(0);
    expect(report.counts).toMatchObject({ pass: 1, warn: 1, skip: 1 });
  });

  it('exits 1 when one check failed, and 1 when a configured one could not run', () => {
    expect(doctorReport([result('http', 'pass'), result('models', 'fail')]).exitCode).toBe(1);
    expect(
      doctorReport([
        result('http', 'pass'),
        result('aperture-config', 'could-not-run', 'refused (403)'),
      ]).exitCode,
    ).toBe(1);
  });

  it('exits 2 when none could run', () => {
    const report = doctorReport(
      DOCTOR_CHECKS.map((id) => result(id, 'could-not-run', NOT_CONFIGURED)),
    );
    expect(report.exitCode).toBe(2);
  });

  it('puts failures first with their fix, and names the variables that enable a skipped check', () => {
    const text = doctorText(
      doctorReport([
        result('dns', 'pass', '`ai` resolves.'),
        result('device-key', 'could-not-run', NOT_CONFIGURED),
        result('models', 'fail', 'The model list is empty.', [
          'Add `{"models": "**"}` to the grant.',
        ]),
      ]),
    );
    expect(text[0]).toBe("FAIL Check the bot's model access: The model list is empty.");
    expect(text[1]).toMatch(/^\s+Add `\{"models": "\*\*"\}`/);
    expect(text[2]).toMatch(/^PASS Check DNS/);
    expect(text[3]).toBe(
      'SKIP Check the device key: not configured: set TAILSCALE_API_KEY, or TAILSCALE_OAUTH_CLIENT_ID and TAILSCALE_OAUTH_CLIENT_SECRET to run it.',
    );
    expect(text.at(-1)).toBe('1 passed, 1 failed, 1 skipped. Read-only: nothing was changed.');
  });
});
