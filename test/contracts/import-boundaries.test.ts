import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The dependency rule of STYLE.md, as a test: platforms → core, runtime → core + platforms,
 * cli → runtime + core. Core imports nothing outside itself but zod and jsonc-parser (and node:fs,
 * for the weights module to read its tables); no platform imports another.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"\n]*?from\s+['"]([^'"]+)['"]/g),
  ];
  const dynamic = [...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)];
  return [...specifiers, ...dynamic].map((match) => match[1] ?? '');
}

/** "core/…", "platforms/slack/…" for a relative import; the package name otherwise. */
function target(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) return `package:${specifier}`;
  return relative(SRC, resolve(dirname(file), specifier))
    .split(sep)
    .join('/');
}

const files = sourceFiles(SRC).map((file) => ({
  area: relative(SRC, file).split(sep).join('/'),
  targets: importsOf(file).map((specifier) => target(file, specifier)),
}));

describe('import boundaries', () => {
  // jsonc-parser is a pure HuJSON parser (no I/O), needed by the config linter.
  const CORE_PACKAGES = new Set(['package:zod', 'package:jsonc-parser']);
  // The one file the core reads: the classifier's weight tables, stored beside this module.
  const CORE_EXCEPTIONS = new Set([
    'core/classify/learned/model-weights.generated.ts → package:node:fs',
    'core/classify/learned/model-weights.generated.ts → package:node:url',
  ]);

  it('keep the core free of platforms, the runtime and every package but zod and jsonc-parser', () => {
    const offending = files
      .filter((f) => f.area.startsWith('core/'))
      .flatMap((f) =>
        f.targets
          .filter((t) =>
            t.startsWith('package:') ? !CORE_PACKAGES.has(t) : !t.startsWith('core/'),
          )
          .map((t) => `${f.area} → ${t}`)
          .filter((edge) => !CORE_EXCEPTIONS.has(edge)),
      );
    expect(offending).toEqual([]);
  });

  it('keep platforms off the runtime, off each other and off Redis and pino', () => {
    const offending = files
      .filter((f) => f.area.startsWith('platforms/'))
      .flatMap((f) => {
        const own = f.area.split('/')[1] ?? '';
        return f.targets
          .filter(
            (t) =>
              t.startsWith('runtime/') ||
              t.startsWith('cli') ||
              t === 'package:ioredis' ||
              t === 'package:pino' ||
              (t.startsWith('platforms/') && t.split('/').length > 2 && t.split('/')[1] !== own),
          )
          .map((t) => `${f.area} → ${t}`);
      });
    expect(offending).toEqual([]);
  });

  it('keep the runtime from reaching into the command line', () => {
    const offending = files
      .filter((f) => f.area.startsWith('runtime/'))
      .flatMap((f) => f.targets.filter((t) => t.startsWith('cli')).map((t) => `${f.area} → ${t}`));
    expect(offending).toEqual([]);
  });

  it('finds the source files it guards', () => {
    expect(files.filter((f) => f.area.startsWith('core/')).length).toBeGreaterThan(10);
  });
});
