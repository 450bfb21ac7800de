/**
 * The options `npm run train` and `npm run eval` share, for a team's own examples:
 * `--extra FILE` (repeatable) adds a JSONL file in the corpus format (`aperture-doctor feedback
 * export` writes one); `--corpus DIR` trains on another corpus directory (a small one makes a
 * fast end-to-end test); `--out FILE` (train) writes the weights elsewhere.
 */
import { resolve } from 'node:path';
import { TRAINING_CORPUS, WEIGHTS_FILE } from './paths.js';

export interface TrainingArgs {
  corpus: string;
  extra: string[];
  out: string;
  /** Everything else, for the script's own flags (`--readme`). */
  rest: string[];
}

export function parseTrainingArgs(argv: readonly string[]): TrainingArgs {
  const args: TrainingArgs = { corpus: TRAINING_CORPUS, extra: [], out: WEIGHTS_FILE, rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [name, inline] = arg.startsWith('--') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const takesValue = ['--extra', '--corpus', '--out'].includes(name ?? '');
    if (!takesValue) {
      args.rest.push(arg);
      continue;
    }
    const value = inline ?? argv[++i];
    if (!value || value.startsWith('--')) throw new Error(`${name} needs a path`);
    const path = resolve(value);
    if (name === '--extra') args.extra.push(path);
    else if (name === '--corpus') args.corpus = path;
    else args.out = path;
  }
  return args;
}
