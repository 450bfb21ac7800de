/**
 * `npm run train`: trains the classifier's learned layer on training/corpus/*.jsonl, fits its
 * temperature on 10-fold cross-validation, and writes src/core/classify/learned/
 * model-weights.generated.ts and its tables, model-weights.generated.bin. Deterministic: the
 * same corpus and settings give the same bytes (test/training/model-weights.test.ts checks that
 * they are not stale).
 */
import { writeFileSync } from 'node:fs';
import { FEATURES_VERSION } from '../src/core/classify/learned/features.js';
import { encodeModel } from '../src/core/classify/learned/linear-model.js';
import {
  ALL_FOLDS,
  analyseCases,
  foldLogits,
  heldOutFrom,
  runFoldsInWorkers,
  trainOn,
} from './training/cross-validate.js';
import { calibrate, DEFAULT_SETTINGS } from './training/softmax-regression.js';
import { corpusDigest, tablesFileOf, WEIGHTS_FILE, weightsSource } from './training/paths.js';
import { parseTrainingArgs } from './training/training-args.js';
import { LABELS, readTrainingCases } from './training/training-corpus.js';

const started = Date.now();
// `--extra FILE` folds a team's own examples in; `--corpus DIR` / `--out FILE` train elsewhere.
const args = parseTrainingArgs(process.argv.slice(2));
if (args.rest.length > 0) throw new Error(`unknown argument ${args.rest[0]}`);
const cases = readTrainingCases(args.corpus, args.extra);
// Most folds train in two worker threads while this thread trains the model it ships and the
// last two folds: that thread otherwise sat idle for half the run.
const ourFolds = ALL_FOLDS.slice(-2);
const folds = runFoldsInWorkers(
  cases,
  DEFAULT_SETTINGS,
  ALL_FOLDS.filter((fold) => !ourFolds.includes(fold)),
);
const analysed = analyseCases(cases);
const trained = trainOn(analysed, DEFAULT_SETTINGS);
const ours = foldLogits(analysed, ourFolds, DEFAULT_SETTINGS);
const heldOut = heldOutFrom(analysed, [...(await folds), ...ours]);
const { temperature, noneMargin } = calibrate(
  heldOut.map((h) => ({ logits: h.logits, label: h.case.label })),
  LABELS.indexOf('none'),
  DEFAULT_SETTINGS.maxFalseAlarmRate,
);
const model = { ...trained, temperature };
const encoded = encodeModel(model, {
  featuresVersion: FEATURES_VERSION,
  trainedOn: corpusDigest(DEFAULT_SETTINGS, args.corpus, args.extra),
  noneMargin,
});
writeFileSync(tablesFileOf(args.out), encoded.tables);
writeFileSync(args.out, weightsSource(encoded, args.out));
if (args.extra.length > 0 && args.out === WEIGHTS_FILE)
  process.stderr.write(
    'note: these weights include the --extra examples; to ship them, move the examples into training/corpus/ and run `npm run train` (the weights test checks that it reproduces them)\n',
  );
process.stdout.write(
  `trained on ${cases.length} cases (${analysed.length * 3} shaped examples), ${model.rows.size} features, temperature ${temperature}, none margin ${noneMargin}, in ${((Date.now() - started) / 1000).toFixed(1)} s${args.extra.length > 0 ? ` (${args.extra.length} extra file${args.extra.length > 1 ? 's' : ''})` : ''}\nwrote ${args.out} and ${tablesFileOf(args.out)}\n`,
);
