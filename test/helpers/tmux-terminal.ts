import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/cli.js');
const INSTALLED = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;

/** True when tmux is installed; in CI its absence is an error, not a skip. */
export function tmuxAvailable(): boolean {
  if (!INSTALLED && process.env.CI === 'true')
    throw new Error('tmux is not installed: .ci/run must install it (apt-get install tmux)');
  return INSTALLED;
}

/** `describe` for suites that drive a real terminal: skipped locally without tmux, failing in CI. */
export const describeWithTmux = (name: string, suite: () => void) =>
  describe.runIf(tmuxAvailable())(name, suite);

/** The built CLI in a real terminal (a detached tmux pane on a private server), for tests. */
export interface Terminal {
  /** The temporary HOME the CLI runs with (its history file lives there). */
  home: string;
  /** Keys as tmux names them (`Enter`, `C-d`) or literal text with `{ literal: true }`. */
  keys(keys: string[], options?: { literal?: boolean }): void;
  /** A bracketed paste of `text`, as a terminal sends one when the program asked for them. */
  paste(text: string): void;
  /** The whole pane with its scrollback, lines unwrapped. */
  screen(): string;
  /** The same with the colours and attributes shown as escape codes (`capture-pane -e`). */
  styledScreen(): string;
  /** Waits until the screen matches, else throws with the screen (bounded by `timeoutMs`). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** The exit code once the CLI has ended (printed by the pane's shell), else undefined. */
  exitCode(): number | undefined;
  /** Ends tmux and removes HOME (unless kept for a next session). */
  close(options?: { keepHome?: boolean }): void;
}

/**
 * Starts `node dist/cli.js ARGS` in a 120×50 tmux pane with no platform tokens and checks
 * pointed at a closed loopback port, on its own tmux server (`-L`), in a temporary HOME.
 */
export function openTerminal(
  args: string[],
  options: { home?: string; env?: Record<string, string> } = {},
): Terminal {
  const home = options.home ?? mkdtempSync(join(tmpdir(), 'apdoc-tty-'));
  const socket = `apdoc-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const tmux = (...tmuxArgs: string[]) =>
    execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...tmuxArgs], {
      encoding: 'utf8',
      timeout: 5000,
    });
  const env = [
    `PATH=${process.env.PATH ?? ''}`,
    `HOME=${home}`,
    'TERM=xterm-256color',
    'APERTURE_URL=http://127.0.0.1:39',
    'LOG_LEVEL=silent',
    ...Object.entries(options.env ?? {}).map(([name, value]) => `${name}=${value}`),
  ];
  const command = [
    'env -i',
    ...env.map(quote),
    quote(process.execPath),
    quote(CLI),
    ...args.map(quote),
    '; echo "[exit $?]"; sleep 60',
  ].join(' ');
  tmux('new-session', '-d', '-s', 'cli', '-x', '120', '-y', '50', command);
  const screen = () => tmux('capture-pane', '-p', '-J', '-t', 'cli', '-S', '-2000');
  return {
    home,
    keys(keys, options = {}) {
      tmux('send-keys', '-t', 'cli', ...(options.literal ? ['-l'] : []), ...keys);
    },
    paste(text) {
      const file = join(home, 'paste.txt');
      writeFileSync(file, text);
      tmux('load-buffer', '-b', 'paste', file);
      tmux('paste-buffer', '-p', '-d', '-b', 'paste', '-t', 'cli');
    },
    screen,
    styledScreen: () => tmux('capture-pane', '-p', '-e', '-J', '-t', 'cli', '-S', '-2000'),
    async waitFor(pattern, timeoutMs = 8000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const text = screen();
        if (pattern.test(text)) return text;
        if (Date.now() > deadline)
          throw new Error(`the terminal never showed ${pattern}; it shows:\n${text}`);
        await new Promise((wake) => setTimeout(wake, 100));
      }
    },
    exitCode() {
      const match = /\[exit (\d+)\]/.exec(screen());
      return match ? Number(match[1]) : undefined;
    },
    close(options: { keepHome?: boolean } = {}) {
      spawnSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore', timeout: 5000 });
      if (!options.keepHome) rmSync(home, { recursive: true, force: true });
    },
  };
}

function quote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
