#!/usr/bin/env node
// The files under src/ that tsc does not emit but dist/ needs beside its modules: the
// classifier's binary weight tables. Run after tsc by `npm run build` and build-if-stale.mjs.
// Usage: node scripts/copy-build-assets.mjs [ROOT]
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BUILD_ASSETS = ['core/classify/learned/model-weights.generated.bin'];

export function copyBuildAssets(root) {
  for (const asset of BUILD_ASSETS) {
    // A project without the asset (build-if-stale's own test) has nothing to copy; in this one
    // the module that reads it names the missing file at import.
    if (!existsSync(join(root, 'src', asset))) continue;
    const to = join(root, 'dist', asset);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(join(root, 'src', asset), to);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  copyBuildAssets(resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..')));
