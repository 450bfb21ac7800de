import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runDiagnoseCommand } from '../../../src/cli/diagnose-command.js';
import { CAVEATS } from '../../../src/core/knowledge/caveats.js';
import { PASTED_SECRETS, PASTES, leaked, pastesLeakedIn } from '../../helpers/pasted-secrets.js';
import { runCli } from '../../helpers/run-cli.js';

/**
 * Every pasted secret through the command line: each case in-process through `diagnose` and
 * `diagnose --json` (the code the built CLI runs), then the built CLI itself on all of them at
 * once (`diagnose`, `console`, `check exit-node`), with LOG_LEVEL=debug.
 */
const ROTATE = CAVEATS['secret-pasted'].title;
const CHAT_PASTES = PASTES.filter((paste) => !paste.long);
const DEBUG = { env: { LOG_LEVEL: 'debug' }, timeoutMs: 30_000 };

async function diagnose(args: string[], stdin: string) {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) =>
    new Writable({ write: (chunk: Buffer, _encoding, done) => (append(chunk.toString()), done()) });
  const code = await runDiagnoseCommand(args, {
    stdin: Readable.from([stdin]),
    stdout: sink((text) => (stdout += text)),
    stderr: sink((text) => (stderr += text)),
    env: {},
  });
  return { code, output: stdout + stderr, stdout };
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe('aperture-doctor and pasted secrets', () => {
  it.each(PASTES.map((paste) => [paste.name, paste] as const))(
    'GIVEN a %s THEN `diagnose` and `diagnose --json` show none of it and ask to rotate it',
    async (_name, paste) => {
      const text = await diagnose([], paste.text);
      const json = await diagnose(['--json'], paste.text);
      expect(leaked(paste, text.output + json.output)).toEqual([]);
      expect(text.stdout).toContain(ROTATE);
      expect(JSON.parse(json.stdout)).toMatchObject({ caveats: ['secret-pasted'] });
    },
  );

  it('GIVEN every paste to the built `diagnose` and `diagnose --json` THEN neither shows any of them', async () => {
    const all = CHAT_PASTES.map((paste) => paste.text).join('\n\n');
    const [text, json] = await Promise.all([
      runCli(['diagnose'], { ...DEBUG, stdin: all }),
      runCli(['diagnose', '--json'], { ...DEBUG, stdin: all }),
    ]);
    expect(pastesLeakedIn(text.stdout + text.stderr + json.stdout + json.stderr)).toEqual([]);
    expect(text.stdout).toContain(ROTATE);
    expect(JSON.parse(json.stdout)).toMatchObject({ caveats: ['secret-pasted'] });
  });

  it('GIVEN every paste, long ones too, to the built console THEN it shows none of them and asks to rotate each', async () => {
    const stdin = PASTES.map((paste) => `"""\n/aperture ${paste.text}\n"""\n`).join('');
    const run = await runCli(['console'], { ...DEBUG, stdin });
    expect(run.code).toBe(0);
    expect(pastesLeakedIn(run.stdout + run.stderr)).toEqual([]);
    expect(count(run.stdout, ROTATE)).toBe(PASTES.length);
  });

  it('GIVEN a pasted tailscale status holding every secret to the built `check exit-node` THEN the result shows none of them and asks to rotate them', async () => {
    const status = [
      '100.80.14.77  us-nyc-wg-301.mullvad.ts.net  mullvad@  linux  active; exit node',
      ...PASTED_SECRETS.map((secret) => secret.secret),
    ].join('\n');
    const [text, json] = await Promise.all([
      runCli(['check', 'exit-node'], { ...DEBUG, stdin: status }),
      runCli(['check', 'exit-node', '--json'], { ...DEBUG, stdin: status }),
    ]);
    expect(pastesLeakedIn(text.stdout + text.stderr + json.stdout + json.stderr)).toEqual([]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(ROTATE);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'fail' });
  });
});
