import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';

/**
 * `npm install -g aperture-doctor` (or of its tarball) gets exactly the files `npm pack` lists and
 * the `dependencies` of package.json, nothing else from the clone. Installing for real needs the
 * registry, so this checks what an install is made of: the packed files and the dependencies
 * carry everything `dist/cli.js` imports, and the packed files alone run the bin.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  dependencies: Record<string, string>;
};
const BIN = PACKAGE.bin['aperture-doctor'] ?? '';

/** The files `npm pack` would put in the tarball (no build: `npm test` built dist already). */
function packedFiles(): Set<string> {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const [pack] = JSON.parse(output) as Array<{ files: Array<{ path: string }> }>;
  return new Set((pack?.files ?? []).map((file) => file.path));
}

/** Static and literal dynamic import specifiers of a built file. */
function importsOf(text: string): string[] {
  const found = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"\n;]*?from\s*['"]([^'"]+)['"]/g),
    ...text.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g),
    ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ];
  return found.map((match) => match[1] ?? '');
}

/** `@slack/bolt/x` → `@slack/bolt`, `zod/v4` → `zod`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
}

/** Every file the bin reaches through imports (within the package), and the packages it names. */
function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  for (let guard = 0; pending.length > 0 && guard < 5000; guard++) {
    const file = pending.pop() ?? '';
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of importsOf(readFileSync(join(ROOT, file), 'utf8'))) {
      if (specifier.startsWith('.')) {
        const target = relative(ROOT, resolve(ROOT, dirname(file), specifier));
        pending.push(target.split(sep).join('/'));
      } else if (!specifier.startsWith('node:') && !builtinModules.includes(specifier)) {
        packages.add(packageName(specifier));
      }
    }
  }
  return { files, packages };
}

describe('the package as npm install -g gets it', () => {
  let packed: Set<string>;
  let installed: string;
  beforeAll(() => {
    packed = packedFiles();
    // The packed files, as npm would unpack them, beside dependencies it would have installed.
    installed = mkdtempSync(join(tmpdir(), 'apdoc-installed-'));
    for (const file of packed) cpSync(join(ROOT, file), join(installed, file));
    symlinkSync(join(ROOT, 'node_modules'), join(installed, 'node_modules'), 'dir');
  });
  afterAll(() => {
    if (installed) rmSync(installed, { recursive: true, force: true });
  });

  it('packs the bin and every file it imports', () => {
    expect(packed.has(BIN)).toBe(true);
    const missing = [...importGraph(BIN).files].filter((file) => !packed.has(file));
    expect(missing).toEqual([]);
  });

  it('imports only packages that are dependencies, never a devDependency an install leaves out', () => {
    const undeclared = [...importGraph(BIN).packages].filter(
      (name) => !Object.hasOwn(PACKAGE.dependencies, name),
    );
    expect(undeclared).toEqual([]);
  });

  it('runs from the packed files alone: --version, and the console answers a paste', async () => {
    const bin = join(installed, BIN);
    const version = await runCli(['--version'], { bin });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const console = await runCli(['console'], {
      bin,
      stdin: 'curl: (6) Could not resolve host: ai\n',
    });
    expect(console.code).toBe(0);
    expect(console.stdout).toContain('The Aperture hostname does not resolve');
  });
});
