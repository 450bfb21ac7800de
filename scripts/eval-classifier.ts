/**
 * `npm run eval`: how well the classifier names symptoms. Prints, for 10-fold cross-validation of
 * the training corpus (each held-out case in its bare, Slack and Discord shapes) and for the
 * shipped model on the shared dev corpus and our own held-out cases: per-symptom precision and
 * recall, the confusion matrix, false alarms on `none`, a reliability table and the worst misses.
 * `--readme` rewrites the accuracy section of README.md from the same run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { naiveClassify } from '../bench/naive-classifier.mjs';
import { analysePaste } from '../src/core/classify/analyse-paste.js';
import { classifyText } from '../src/core/classify/classify-text.js';
import { confidenceOf } from '../src/core/classify/score-symptoms.js';
import { NEWER_SYMPTOM_IDS } from '../src/core/knowledge/symptom-ids.js';
import { ENCODED_MODEL } from '../src/core/classify/learned/model-weights.generated.js';
import { analyseCases, heldOutFrom, runFoldsInWorkers } from './training/cross-validate.js';
import {
  confusionTable,
  decide,
  perLabelTable,
  reliabilityTable,
  summarise,
  worst,
  type Prediction,
} from './training/metrics.js';
import { ROOT, TRAINING_CORPUS } from './training/paths.js';
import { DEFAULT_SETTINGS } from './training/softmax-regression.js';
import { parseTrainingArgs } from './training/training-args.js';
import { readTrainingCases, readTrainingFile } from './training/training-corpus.js';
import { heldOutSets } from './training/held-out-sets.js';
import { evalSecondOpinion } from './training/eval-llm.js';

// `--llm`: only the second opinion's scores (scripts/training/eval-llm.ts), against a real model.
if (process.argv.includes('--llm')) process.exit(await evalSecondOpinion(process.argv));
// `--extra FILE` (a team's own examples, `aperture-doctor feedback export`) is cross-validated
// with the corpus and reported as its own slice; `--corpus DIR` evaluates another corpus.
const args = parseTrainingArgs(process.argv.slice(2));
const writeReadme = args.rest.includes('--readme');
const unknown = args.rest.find((arg) => arg !== '--readme');
if (unknown !== undefined) throw new Error(`unknown argument ${unknown}`);
if (writeReadme && (args.corpus !== TRAINING_CORPUS || args.extra.length > 0))
  throw new Error('--readme reports the committed corpus only: leave out --corpus and --extra');
const corpusCases = readTrainingCases(args.corpus);
const extraCases = args.extra.flatMap((file) => readTrainingFile(file));
const allCases = readTrainingCases(args.corpus, args.extra);
const folds = runFoldsInWorkers(allCases, DEFAULT_SETTINGS);
const allHeldOut = heldOutFrom(analyseCases(allCases), await folds);
// Ids are unique across the corpus and the extra files (readTrainingCases checks).
const extraIds = new Set(extraCases.map((c) => c.id));
const extraFiles = new Set(extraCases.map((c) => c.file));
const isExtra = (c: { id: string }) => extraIds.has(c.id);
const cases = corpusCases;
const heldOut = allHeldOut.filter((h) => !isExtra(h.case.case));
const cv: Prediction[] = heldOut.map((h) => ({
  id: h.case.case.id,
  text: h.case.case.text,
  expected: h.case.case.label,
  shape: h.shape,
  ...decide(h.logits, ENCODED_MODEL, h.case.shapes[h.shape]),
}));

/** What the classifier replaced, on the same corpus: the rule scores alone, and a keyword table. */
const baselines = {
  rules: summarise(
    cases.map((c) => {
      const [best, second] = analysePaste(c.text).scores;
      const confidence = best ? confidenceOf(best.score, second?.score ?? 0) : 0;
      const got = best && best.score > 0 && confidence >= 0.5 ? best.symptom : 'none';
      return { id: c.id, text: c.text, expected: c.label, got, confidence };
    }),
  ),
  naive: summarise(
    cases.map((c) => ({
      id: c.id,
      text: c.text,
      expected: c.label,
      got: naiveClassify(c.text),
      confidence: 1,
    })),
  ),
};
const figures = (s: ReturnType<typeof summarise>) =>
  `top-1 ${(100 * s.symptomAccuracy).toFixed(1)} %, false alarms ${(100 * s.falseAlarmRate).toFixed(1)} %`;

const out: string[] = [];
const section = (title: string, predictions: Prediction[]) => {
  const s = summarise(predictions);
  out.push(
    `## ${title}`,
    `symptom cases: ${s.symptomCases}, top-1 ${(100 * s.symptomAccuracy).toFixed(1)} %; none cases: ${s.noneCases}, false alarms ${s.falseAlarms.length} (${(100 * s.falseAlarmRate).toFixed(1)} %)`,
    '',
    perLabelTable(predictions),
    '',
    confusionTable(predictions),
    '',
    reliabilityTable(predictions),
    '',
    'worst misses:',
    worst(predictions, 12) || '  (none)',
    '',
  );
  return s;
};

section(`10-fold cross-validation of the training corpus (${cases.length} cases × 3 shapes)`, cv);
for (const shape of ['bare', 'slack', 'discord']) {
  const s = summarise(cv.filter((p) => p.shape === shape));
  out.push(
    `  ${shape.padEnd(8)} top-1 ${(100 * s.symptomAccuracy).toFixed(1)} %, false alarms ${(100 * s.falseAlarmRate).toFixed(1)} %`,
  );
}
out.push(
  '',
  `the same corpus without training: the rule scores alone ${figures(baselines.rules)}; a naive keyword table ${figures(baselines.naive)}`,
  '',
);
if (extraCases.length > 0) {
  const names = [...extraFiles].join(', ');
  // Held out: each example scored by a model trained on the corpus and the other examples.
  section(
    `extra examples (${names}): ${extraCases.length} cases × 3 shapes, held out in 10-fold cross-validation with the corpus`,
    allHeldOut
      .filter((h) => isExtra(h.case.case))
      .map((h) => ({
        id: h.case.case.id,
        text: h.case.case.text,
        expected: h.case.case.label,
        shape: h.shape,
        ...decide(h.logits, ENCODED_MODEL, h.case.shapes[h.shape]),
      })),
  );
  // The shipped weights on the same examples: what the team sees in its channel today.
  section(
    `extra examples (${names}): the shipped weights`,
    extraCases.map((c) => shippedPrediction(c.id, c.text, c.label)),
  );
}
const heldOutPredictions = new Map<string, Prediction[]>();
for (const set of heldOutSets()) {
  const predictions = set.cases.map((c) => shippedPrediction(c.id, c.text, c.expected));
  heldOutPredictions.set(set.name, predictions);
  section(set.name, predictions);
}
process.stdout.write(`${out.join('\n')}\n`);

if (writeReadme) {
  const readmePath = join(ROOT, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const begin = '<!-- accuracy:begin -->';
  const end = '<!-- accuracy:end -->';
  const s = summarise(cv);
  const table = [
    begin,
    `Generated by \`npm run eval -- --readme\`: 10-fold cross-validation of the training corpus (${cases.length} cases, each held out in its bare, Slack and Discord shapes): top-1 ${(100 * s.symptomAccuracy).toFixed(1)} % on symptom cases, ${(100 * s.falseAlarmRate).toFixed(1)} % false alarms on \`none\`.`,
    '',
    perLabelTable(cv),
    '',
    '(`cases` counts held-out answers: each case once in each of the three shapes.) Without training, on the same corpus: the rule scores alone ' +
      `${figures(baselines.rules)}; a naive one-keyword-per-symptom table ${figures(baselines.naive)}.`,
    '',
    ...[...heldOutPredictions.entries()].map(([name, p]) => {
      const h = summarise(p);
      const newer = h.falseAlarms.filter((f) =>
        (NEWER_SYMPTOM_IDS as readonly string[]).includes(f.got),
      ).length;
      const newerNote =
        newer > 0
          ? ` (${newer} of them a newer id — 405, guardrail — on a case labelled before those ids existed)`
          : '';
      return `- ${name}: top-1 ${(100 * h.symptomAccuracy).toFixed(1)} % of ${h.symptomCases} symptom cases, ${h.falseAlarms.length} false alarms on ${h.noneCases} \`none\` cases${newerNote}.`;
    }),
    end,
  ].join('\n');
  const from = readme.indexOf(begin);
  const to = readme.indexOf(end);
  if (from === -1 || to === -1) throw new Error(`README.md has no ${begin} … ${end} section`);
  writeFileSync(readmePath, readme.slice(0, from) + table + readme.slice(to + end.length));
  process.stdout.write('README.md accuracy section rewritten\n');
}

/** What the shipped classifier (weights, hard facts, tiers) answers for one case. */
function shippedPrediction(id: string, text: string, expected: string): Prediction {
  const d = classifyText(text);
  return { id, text, expected, got: d.symptom, confidence: d.confidence };
}
