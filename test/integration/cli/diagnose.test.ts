import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';

describe('aperture-doctor diagnose', () => {
  it('prints the symptom, evidence, steps and checks as JSON', async () => {
    const run = await runCli([
      'diagnose',
      '--json',
      'curl: (22) The requested URL returned error: 429 on http://ai/v1/messages',
    ]);
    const answer = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(run.code).toBe(0);
    expect(answer).toMatchObject({
      symptom: 'quota-429',
      checks: ['quota-status', 'aperture-config'],
    });
    expect(answer.evidence).toEqual(
      expect.arrayContaining([expect.objectContaining({ signal: expect.any(String) })]),
    );
    expect((answer.steps as unknown[]).length).toBeGreaterThan(0);
  });

  it('reads the paste from standard input when no text is given', async () => {
    const run = await runCli(['diagnose'], { stdin: '{"error":"access denied: no role granted"}' });
    expect(run.stdout).toContain('Aperture denies access');
  });

  it('never echoes a pasted API key and says to rotate it', async () => {
    const secret = 'sk-ant-api03-ZyX987wVu654TsR321qPo0';
    const run = await runCli([
      'diagnose',
      `x-api-key: ${secret} then 403 {"error":"access denied: no role granted"}`,
    ]);
    expect(run.stdout + run.stderr).not.toContain(secret);
    expect(run.stdout).toMatch(/rotate/i);
  });

  it('survives a 40 KB paste of binary junk', async () => {
    const junk = Buffer.from(Array.from({ length: 40_000 }, (_, i) => (i * 131) % 256)).toString(
      'latin1',
    );
    const run = await runCli(['diagnose', '--json'], { stdin: junk });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveProperty('symptom');
  });
});

describe('aperture-doctor start-up', () => {
  it('names a malformed variable and exits non-zero', async () => {
    const run = await runCli(['console'], { env: { PORT: 'eighty' } });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('PORT');
  });

  it('lists the commands on help', async () => {
    const run = await runCli(['help']);
    expect(run.stdout).toMatch(/classify --jsonl/);
  });

  it('rejects an unknown command with usage and exit 2', async () => {
    const run = await runCli(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown command/);
  });
});

describe('aperture-doctor start-up with a malformed variable', () => {
  it('prints the variable, its value and the expectation, and exits 2', async () => {
    const run = await runCli(['console'], { env: { PORT: 'abc' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "PORT must be an integer 1–65535 (or 0: any free port), got 'abc'",
    );
  });
});
