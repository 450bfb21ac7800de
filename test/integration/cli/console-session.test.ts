import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';

/** The console reads like a chat session (errbot's testbot): lines in, the bot's answers out. */
describe('aperture-doctor console', () => {
  it('GIVEN a pasted 403 THEN answers with steps and numbered choices, and exits 0 at end of input', async () => {
    const run = await runCli(['console'], {
      stdin: '403 Forbidden {"error":"access denied: no role granted"}\n',
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Aperture denies access: no role granted');
    expect(run.stdout).toMatch(/Choices: \[1\] Check the bot's model access/);
  });

  it('GIVEN a number after a reply THEN runs that choice (a check, against the configured target)', async () => {
    const run = await runCli(['console'], {
      stdin: 'curl: (35) error:0A00010B:SSL routines::wrong version number https://ai\n1\n',
    });
    expect(run.stdout).toContain('Check HTTP reachability');
    expect(run.stdout).toMatch(/No HTTP answer from http:\/\/127\.0\.0\.1:39/);
  });

  it('GIVEN a triple-quoted block THEN diagnoses it as one paste', async () => {
    const stdin = [
      '"""',
      '$ curl -sS http://ai/v1/models',
      'curl: (6) Could not resolve host: ai',
      '"""',
      '',
    ].join('\n');
    const run = await runCli(['console'], { stdin });
    expect(run.stdout).toContain('The Aperture hostname does not resolve');
  });

  it('GIVEN chatter THEN says it stays quiet', async () => {
    const run = await runCli(['console'], { stdin: 'lunch? thinking tacos\n' });
    expect(run.stdout).toMatch(/no reply/);
  });

  it('GIVEN /aperture why 429 and /aperture help THEN answers both', async () => {
    const run = await runCli(['console'], { stdin: '/aperture why 429\n/aperture help\n' });
    expect(run.stdout).toContain('Aperture answers 429');
    expect(run.stdout).toContain('/aperture mute 2h');
  });

  it('GIVEN no tokens THEN the default command is the console', async () => {
    const run = await runCli([], { stdin: '/aperture list\n' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Symptoms I can diagnose');
  });

  it('GIVEN a number out of range THEN says which choices there are, and does not diagnose it', async () => {
    const run = await runCli(['console'], {
      stdin: '403 Forbidden {"error":"access denied: no role granted"}\n9\n',
    });
    expect(run.stdout).toContain('(no choice 9: pick 1–6)');
    expect(run.stdout).not.toMatch(/no reply/);
  });

  it('GIVEN a number before anything numbered was shown THEN says there is nothing to pick from', async () => {
    const run = await runCli(['console'], { stdin: '2\n' });
    expect(run.stdout).toMatch(/no choice 2: there is no numbered list to pick from yet/);
  });

  it('GIVEN /aperture list and then a number THEN opens that symptom', async () => {
    const run = await runCli(['console'], { stdin: '/aperture list\n2\n' });
    expect(run.stdout).toContain('A number opens that symptom.');
    expect(run.stdout).toContain('Aperture denies access: no role granted');
    expect(run.stdout).toMatch(/Choices: \[1\] Check the bot's model access/);
  });

  it('GIVEN the same symptom again within the cooldown THEN says how to get the answer anyway', async () => {
    const paste = 'curl: (6) Could not resolve host: ai\n';
    const run = await runCli(['console'], { stdin: `${paste}${paste.replace('ai', 'ai ')}` });
    expect(run.stdout).toMatch(
      /no reply: I answered the same symptom here a moment ago; `\/aperture <text>` asks me anyway/,
    );
  });
  it('GIVEN a pipe THEN no escape codes are written, and FORCE_COLOR turns colour on', async () => {
    const paste = 'curl: (6) Could not resolve host: ai\n';
    const plain = await runCli(['console'], { stdin: paste, env: { TERM: 'xterm-256color' } });
    expect(plain.stdout).toContain('The Aperture hostname does not resolve');
    expect(plain.stdout).not.toContain('\u001b');
    const forced = await runCli(['console'], { stdin: paste, env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\u001b[1mThe Aperture hostname does not resolve');
  });
});
