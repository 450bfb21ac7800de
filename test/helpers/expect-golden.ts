import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const GOLDEN = resolve(dirname(fileURLToPath(import.meta.url)), '../golden');

/** Compares with `test/golden/<name>`; `UPDATE_GOLDEN=1 npm test` rewrites the files (review the diff). */
export function expectGolden(name: string, actual: string): void {
  const file = resolve(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    if (process.env.CI === 'true' && !existsSync(file))
      throw new Error(`golden file ${name} is missing: run UPDATE_GOLDEN=1 npm test`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  expect(actual, `${name} is stale: run UPDATE_GOLDEN=1 npm test and review the diff`).toBe(
    readFileSync(file, 'utf8'),
  );
}
