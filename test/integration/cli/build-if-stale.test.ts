import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SCRIPT = join(REPO, 'scripts/build-if-stale.mjs');

/**
 * A stand-in for typescript/bin/tsc, so these tests time nothing heavy: it reads `-p FILE`'s
 * directory, "compiles" src/cli.ts to dist/cli.js (tsc emits even on errors) and exits 2, as tsc
 * does, when the source holds a type error (here: the word TYPE_ERROR).
 */
const FAKE_TSC = `const { mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const root = dirname(process.argv[process.argv.indexOf('-p') + 1]);
const source = readFileSync(join(root, 'src/cli.ts'), 'utf8');
mkdirSync(join(root, 'dist'), { recursive: true });
writeFileSync(join(root, 'dist/cli.js'), source.replace(': number', ''));
if (source.includes('TYPE_ERROR')) { console.log('src/cli.ts(1,1): error TS2322'); process.exit(2); }
`;

/** A project shaped like this one (src/cli.ts → dist/cli.js), with the real or a stand-in tsc. */
function makeProject(tsc: 'real' | 'stand-in'): string {
  const root = mkdtempSync(join(tmpdir(), 'build-if-stale-'));
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'package.json'), '{"type":"module"}\n');
  writeFileSync(
    join(root, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', strict: true, types: [] },
    }),
  );
  writeFileSync(
    join(root, 'tsconfig.build.json'),
    JSON.stringify({
      extends: './tsconfig.json',
      compilerOptions: { rootDir: 'src', outDir: 'dist' },
      include: ['src'],
    }),
  );
  writeFileSync(join(root, 'src/cli.ts'), 'export const answer: number = 1;\n');
  if (tsc === 'real') {
    symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'));
  } else {
    const bin = join(root, 'node_modules/typescript/bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(root, 'node_modules/typescript/package.json'), '{"name":"typescript"}\n');
    writeFileSync(join(bin, 'tsc'), FAKE_TSC);
  }
  return root;
}

function buildIfStale(root: string): { code: number | null; stderr: string } {
  const run = spawnSync(process.execPath, [SCRIPT, root], { encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, stderr: run.stderr };
}

/** Saves a source as an editor would, dated a little later than anything built so far. */
function edit(root: string, text: string): void {
  const file = join(root, 'src/cli.ts');
  writeFileSync(file, text);
  const later = new Date(Date.now() + 5_000);
  utimesSync(file, later, later);
}

describe('build-if-stale (npm start builds only when it must)', () => {
  let root = '';
  beforeEach(() => {
    root = makeProject('stand-in');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('builds a clone that was never built with the real tsc, saying so in one line', () => {
    const clone = makeProject('real');
    try {
      const run = buildIfStale(clone);
      expect(run).toEqual({ code: 0, stderr: 'building aperture-doctor (first run)…\n' });
      expect(readFileSync(join(clone, 'dist/cli.js'), 'utf8')).toContain('answer = 1');
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  }, 60_000);

  it('does nothing, silently, when nothing changed since the last build', () => {
    buildIfStale(root);
    const builtAt = statSync(join(root, 'dist/cli.js')).mtimeMs;
    expect(buildIfStale(root)).toEqual({ code: 0, stderr: '' });
    expect(statSync(join(root, 'dist/cli.js')).mtimeMs).toBe(builtAt);
  }, 60_000);

  it('rebuilds when a source is newer than the last build', () => {
    buildIfStale(root);
    edit(root, 'export const answer: number = 2;\n');
    expect(buildIfStale(root)).toEqual({
      code: 0,
      stderr: 'building aperture-doctor (sources changed)…\n',
    });
    expect(readFileSync(join(root, 'dist/cli.js'), 'utf8')).toContain('answer = 2');
  }, 60_000);

  it('fails on a type error, and tries again next time though tsc emitted dist/ anyway', () => {
    buildIfStale(root);
    edit(root, 'export const answer: number = TYPE_ERROR;\n');
    const failed = buildIfStale(root);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toContain('aperture-doctor: the build failed');
    const again = buildIfStale(root);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/^building aperture-doctor \(sources changed\)…\n/);
  }, 60_000);

  it('takes a dist/ built by npm run build (no stamp) as up to date when it is newer than the sources', () => {
    edit(root, 'export const answer: number = 1;\n');
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], {
      timeout: 60_000,
    });
    const later = new Date(Date.now() + 10_000);
    utimesSync(join(root, 'dist/cli.js'), later, later);
    expect(buildIfStale(root)).toEqual({ code: 0, stderr: '' });
  });
});
