import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES } from '../../src/runtime/config.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

describe('.env.example', () => {
  it('lists every variable the config schema reads', () => {
    const listed = readFileSync(resolve(ROOT, '.env.example'), 'utf8');
    const missing = Object.keys(ENV_VARIABLES).filter(
      (name) => !new RegExp(`^${name}=`, 'm').test(listed),
    );
    expect(missing).toEqual([]);
  });
});
