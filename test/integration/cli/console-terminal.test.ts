import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { describeWithTmux, openTerminal, type Terminal } from '../../helpers/tmux-terminal.js';

/**
 * The console as a person meets it: in a real terminal (tmux), typing and pasting. Every wait is
 * bounded; the pane's shell prints the exit code when the CLI ends.
 */
describeWithTmux('aperture-doctor console in a terminal', () => {
  let terminal: Terminal | undefined;
  afterEach(() => terminal?.close());

  const SLACK_STYLE_PASTE = [
    'Help, this fails since this morning:',
    '```',
    '$ curl -sS http://ai/v1/models',
    'curl: (6) Could not resolve host: ai',
    '```',
    '',
  ].join('\n');

  it('shows a prompt, and a multi-line paste is one message answered once', async () => {
    terminal = openTerminal(['console']);
    await terminal.waitFor(/aperture> $/m);
    terminal.paste(SLACK_STYLE_PASTE);
    terminal.keys(['Enter']);
    const screen = await terminal.waitFor(/Choices: \[1\] Check DNS[\s\S]*aperture> $/m);
    expect(screen).toContain('The Aperture hostname does not resolve');
    expect(screen).not.toContain('no reply');
    expect(screen.match(/The Aperture hostname does not resolve/g)).toHaveLength(1);
  });

  it('a number runs that choice, saying so while the check runs, and one out of range says which exist', async () => {
    terminal = openTerminal(['console']);
    await terminal.waitFor(/aperture> $/m);
    terminal.keys(['curl: (6) Could not resolve host: ai'], { literal: true });
    terminal.keys(['Enter']);
    await terminal.waitFor(/Choices: \[1\] Check DNS.*\[5\] Not it/);
    terminal.keys(['9', 'Enter']);
    await terminal.waitFor(/no choice 9: pick 1–5/);
    terminal.keys(['3', 'Enter']);
    const screen = await terminal.waitFor(/Check HTTP reachability: [\s\S]*aperture> $/m);
    expect(screen).toContain('running Check HTTP reachability…');
  });

  it('after /aperture list a number opens that symptom', async () => {
    terminal = openTerminal(['console']);
    await terminal.waitFor(/aperture> $/m);
    terminal.keys(['/aperture list'], { literal: true });
    terminal.keys(['Enter']);
    await terminal.waitFor(/A number opens that symptom/);
    terminal.keys(['7', 'Enter']);
    await terminal.waitFor(
      /`https:\/\/` to Aperture fails[\s\S]*Choices: \[1\] Check HTTP reachability/,
    );
  });

  it('Ctrl-D quits with exit 0', async () => {
    terminal = openTerminal(['console']);
    await terminal.waitFor(/aperture> $/m);
    terminal.keys(['C-d']);
    await terminal.waitFor(/\[exit \d+\]/);
    expect(terminal.exitCode()).toBe(0);
  });

  it('keeps what was typed for the next session, with a pasted secret masked in the history file', async () => {
    const key = 'sk-ant-api03-ZyX987wVu654TsR321qPo0abcdefGHIJ';
    const first = openTerminal(['console']);
    try {
      await first.waitFor(/aperture> $/m);
      first.paste(`x-api-key: ${key}\n403 {"error":"access denied: no role granted"}\n`);
      first.keys(['Enter']);
      await first.waitFor(/Choices: [\s\S]*aperture> $/m);
      first.keys(['C-d']);
      await first.waitFor(/\[exit 0\]/);
    } finally {
      first.close({ keepHome: true });
    }
    const history = readFileSync(join(first.home, '.aperture-doctor_history'), 'utf8');
    expect(history).toContain('access denied: no role granted');
    expect(history).not.toContain(key);
    terminal = openTerminal(['console'], { home: first.home });
    try {
      await terminal.waitFor(/aperture> $/m);
      terminal.keys(['Up']);
      await terminal.waitFor(/aperture> x-api-key: .*no role granted/);
    } finally {
      rmSync(first.home, { recursive: true, force: true });
    }
  });
  it('colours its answers in a terminal, and not at all with NO_COLOR set', async () => {
    const titleLine = (styled: string) =>
      styled.split('\n').find((line) => line.includes('The Aperture hostname does not resolve')) ??
      '';
    for (const [env, coloured] of [
      [{}, true],
      [{ NO_COLOR: '1' }, false],
    ] as const) {
      const pane = openTerminal(['console'], { env });
      try {
        await pane.waitFor(/aperture> $/m);
        pane.keys(['curl: (6) Could not resolve host: ai'], { literal: true });
        pane.keys(['Enter']);
        await pane.waitFor(/Choices: [\s\S]*aperture> $/m);
        expect(titleLine(pane.styledScreen()).includes('\u001b[')).toBe(coloured);
      } finally {
        pane.close();
      }
    }
  });
});
