import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Every platform folder uses the same file roles (Hono's adapters, STYLE.md principle 5), so a
 * reviewer can compare Slack and Discord side by side.
 */
const PLATFORMS = join(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), 'src/platforms');
const ROLES = (name: string) => [`start-${name}.ts`, `${name}-listeners.ts`, `${name}-to-core.ts`];

const folders = readdirSync(PLATFORMS).filter((entry) =>
  statSync(join(PLATFORMS, entry)).isDirectory(),
);

describe('platform folders', () => {
  it('include the console, the default local platform', () => {
    expect(folders).toContain('console');
  });

  it.each(folders)('give %s a start, listeners, translator and renderer file', (name) => {
    const missing = ROLES(name).filter((file) => !existsSync(join(PLATFORMS, name, file)));
    const hasRenderer = readdirSync(join(PLATFORMS, name)).some((file) =>
      file.startsWith(`render-${name}-`),
    );
    expect({ missing, hasRenderer }).toEqual({ missing: [], hasRenderer: true });
  });
});
