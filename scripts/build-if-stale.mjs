#!/usr/bin/env node
// `npm start` (and `npm test`, the benchmarks) run this first: it compiles src/ to dist/ with tsc
// only when dist/ was never built, or a source or tsconfig changed since the last build that
// succeeded, and says so in one line on stderr while it builds. Plain Node, so it costs a few
// milliseconds when there is nothing to do. Usage: node scripts/build-if-stale.mjs [ROOT]
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyBuildAssets } from './copy-build-assets.mjs';

const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
const cli = join(root, 'dist', 'cli.js');
/**
 * Written by each build this script runs, dated when that build started, or at 1970 when it
 * failed (tsc emits even then, so dist/cli.js alone would look up to date).
 */
const stamp = join(root, 'dist', '.build-stamp');
const INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json'];

/** The newest modification time under `path` (a file or a directory), in ms; 0 when missing. */
function newestMtime(path) {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs; // a deleted or renamed file changes its directory
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

function mtimeOf(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

// Without a stamp, a dist/ from `npm run build` (or `npm pack`) counts from its cli.js.
const hasCli = mtimeOf(cli) !== undefined;
const built = hasCli ? (mtimeOf(stamp) ?? mtimeOf(cli)) : undefined;
const sourcesAt = Math.max(...INPUTS.map((input) => newestMtime(join(root, input))));
if (built !== undefined && built >= sourcesAt) process.exit(0);

process.stderr.write(`building aperture-doctor (${hasCli ? 'sources changed' : 'first run'})…\n`);
let tsc;
try {
  tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
} catch {
  process.stderr.write(
    'aperture-doctor: cannot build: typescript is not installed (run npm install)\n',
  );
  process.exit(1);
}
const startedAt = new Date();
const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], {
  cwd: root,
  stdio: 'inherit',
});
if (result.status === 0) copyBuildAssets(root);
const ok = result.status === 0;
// Dated when the build started, so a source saved while tsc ran is newer and the next start
// rebuilds; after a failure, dated 1970, so the next start tries again.
mkdirSync(dirname(stamp), { recursive: true });
closeSync(openSync(stamp, 'w'));
utimesSync(stamp, ok ? startedAt : new Date(0), ok ? startedAt : new Date(0));
if (!ok) {
  process.stderr.write('aperture-doctor: the build failed (see above)\n');
  process.exit(result.status ?? 1);
}
