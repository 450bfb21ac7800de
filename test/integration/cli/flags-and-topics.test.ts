import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

const COMMANDS = [
  'console',
  'why',
  'list',
  'diagnose',
  'check',
  'lint-config',
  'classify',
  'feedback',
];

describe('every command line flag a person tries first', () => {
  it.each(COMMANDS)(
    '%s --help and -h print its usage and exit 0 without running it',
    async (command) => {
      for (const flag of ['--help', '-h']) {
        const run = await runCli([command, flag], {
          stdin: '403 access denied: no role granted\n',
        });
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(new RegExp(`^usage: aperture-doctor ${command}\\b`));
        expect(run.stderr).toBe('');
      }
    },
  );

  it('diagnose --help never diagnoses the words --help, wherever the flag stands', async () => {
    for (const args of [
      ['diagnose', '--help'],
      ['diagnose', '403 forbidden', '--help'],
    ]) {
      const run = await runCli(args);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^usage: aperture-doctor diagnose/);
      expect(run.stdout).not.toMatch(/No known Aperture problem|What I matched/);
    }
  });

  it('the bare command takes --help, -h and help, and help COMMAND prints that command’s usage', async () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const run = await runCli(args);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^usage: aperture-doctor \[COMMAND\]/);
      expect(run.stdout).toContain('why TOPIC');
    }
    const run = await runCli(['help', 'lint-config']);
    expect(run.stdout).toMatch(/^usage: aperture-doctor lint-config/);
  });

  it('--version prints the package version alone, on the bare command and on any command', async () => {
    for (const args of [['--version'], ['diagnose', '--version'], ['check', '--version']]) {
      const run = await runCli(args);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`${VERSION}\n`);
    }
  });

  it('an unknown option exits 2 naming it and suggesting the near one, and is never diagnosed', async () => {
    const run = await runCli(['diagnose', '--jsn', '403 access denied: no role granted']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown option --jsn (did you mean --json?)');
    expect(run.stdout).toBe('');
  });

  it.each([
    [['check', 'dns', '--jsno']],
    [['lint-config', '--strict', '-']],
    [['classify', '--json']],
    [['console', '--verbose']],
    [['why', '403', '--all']],
    [['list', '-x']],
    [['feedback', 'stats', '--all']],
    [['--debug']],
  ])('%j exits 2 and names the unknown option', async (args) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `unknown option ${args.find((a) => a.startsWith('-') && a !== '-')}`,
    );
    expect(run.stdout).toBe('');
  });

  it('text after -- is diagnosed even when it looks like an option, and a pasted -bash line is text', async () => {
    const dashed = await runCli(['diagnose', '--json', '--', '--help']);
    expect(dashed.code).toBe(0);
    expect(JSON.parse(dashed.stdout)).toHaveProperty('symptom', 'none');
    const bash = await runCli([
      'diagnose',
      '--json',
      '-bash: curl http://ai: Could not resolve host: ai',
    ]);
    expect(bash.code).toBe(0);
    expect(JSON.parse(bash.stdout)).toHaveProperty('symptom', 'magicdns');
  });
});

describe('aperture-doctor why and list', () => {
  it('why 429 gives the topic answer /aperture why 429 gives, with its checks as commands', async () => {
    const run = await runCli(['why', '429']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Aperture answers 429');
    expect(run.stdout).toMatch(/Follow-up checks: aperture-doctor check \S+/);
    expect(run.stdout).not.toContain('Choices:');
  });

  it('why takes a question of several words, as the slash command does', async () => {
    const run = await runCli(['why', 'do', 'I', 'get', '403?']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Aperture denies access');
  });

  it('why with an unknown topic says so and points at aperture-doctor list, not the slash command', async () => {
    const run = await runCli(['why', 'zzqx']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("I don't know the topic");
    expect(run.stdout).toContain('aperture-doctor list');
    expect(run.stdout).not.toMatch(/\/aperture\s/);
  });

  it('why without a topic exits 2 with its usage', async () => {
    const run = await runCli(['why']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/usage: aperture-doctor why TOPIC/);
  });

  it('list prints every symptom, as /aperture list does', async () => {
    const run = await runCli(['list']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Symptoms I can diagnose');
    expect(run.stdout).toMatch(/`magicdns`/);
    expect(run.stdout).toMatch(/`hook-unavailable`/);
  });

  it('a diagnosis that matches nothing suggests aperture-doctor commands, not /aperture ones', async () => {
    const run = await runCli(['diagnose', 'lunch? thinking tacos']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('aperture-doctor list');
    expect(run.stdout).not.toMatch(/\/aperture\s/);
  });
});

describe('console --user and --admin', () => {
  it('console --user plays that login, not an admin, until --admin is given too', async () => {
    const member = await runCli(['console', '--user', 'Alice@example.com'], {
      stdin: '/aperture whoami\n/aperture doctor\n',
    });
    expect(member.code).toBe(0);
    expect(member.stdout).toContain('You are the console user alice@example.com');
    expect(member.stdout).toContain('only admins can run it');
    const admin = await runCli(['console', '--user=alice@example.com', '--admin'], {
      stdin: '/aperture whoami\n',
    });
    expect(admin.stdout).toContain('You play an admin');
  });

  it('console --user without a login exits 2 saying what it needs', async () => {
    const run = await runCli(['console', '--user'], { stdin: '' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--user needs a login such as alice@example.com');
  });
});
