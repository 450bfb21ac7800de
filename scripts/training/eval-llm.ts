/**
 * `npm run eval -- --llm [--llm-limit N]`: scores the second opinion (issue 17) on the held-out
 * sets, where the conversation would use it: the cases the classifier answers `none` or below
 * its confident tier. Reads LLM_BASE_URL, LLM_MODEL, LLM_API_FORMAT and LLM_API_KEY from the
 * environment (or .env); the per-hour budget does not apply here, `--llm-limit` bounds the calls.
 */
import { config as loadDotenv } from 'dotenv';
import { classifyText } from '../../src/core/classify/classify-text.js';
import { normalizePaste } from '../../src/core/classify/normalize-paste.js';
import { redactAroundNormalization } from '../../src/core/classify/redact-secrets.js';
import { wantsSecondOpinion } from '../../src/core/conversation/second-opinion-hook.js';
import { formatConfigProblems, loadConfig } from '../../src/runtime/config.js';
import { secondOpinionFromConfig } from '../../src/runtime/second-opinion/second-opinion-from-config.js';
import { heldOutSets } from './held-out-sets.js';
import { perLabelTable, summarise, type Prediction } from './metrics.js';

const DEFAULT_LIMIT = 100;

/** Runs the evaluation and prints it; resolves with the exit code (2: no model to ask). */
export async function evalSecondOpinion(argv: readonly string[]): Promise<number> {
  loadDotenv({ quiet: true });
  const loaded = loadConfig({ ...process.env, LLM_MAX_PER_HOUR: '100000' });
  if (!loaded.ok) {
    process.stderr.write(formatConfigProblems(loaded.problems));
    return 2;
  }
  const opinion = secondOpinionFromConfig(loaded.config);
  if (!opinion) {
    process.stderr.write('eval --llm: set LLM_BASE_URL and LLM_MODEL to a reachable model\n');
    return 2;
  }
  const limitAt = argv.indexOf('--llm-limit');
  const limit = limitAt >= 0 ? Number(argv[limitAt + 1]) || DEFAULT_LIMIT : DEFAULT_LIMIT;
  const out: string[] = [`# The second opinion of \`${opinion.model}\``, ''];
  for (const set of heldOutSets()) {
    const consulted = set.cases
      .map((c) => ({ case: c, diagnosis: classifyText(c.text) }))
      .filter(({ diagnosis }) => wantsSecondOpinion(diagnosis))
      // Spread over the set (cases are grouped by label), the same ones on every run.
      .filter(
        (_c, i, all) =>
          all.length <= limit ||
          Math.floor((i * limit) / all.length) !== Math.floor(((i - 1) * limit) / all.length),
      );
    const alone: Prediction[] = [];
    const model: Prediction[] = [];
    const combined: Prediction[] = [];
    const failures = new Map<string, number>();
    for (const { case: c, diagnosis } of consulted) {
      const answer = await opinion.ask({
        redactedText: redactAroundNormalization(c.text, normalizePaste).text,
        exclude: [],
        budgetKey: 'eval:llm',
      });
      const base = { id: c.id, text: c.text, expected: c.expected };
      alone.push({ ...base, got: diagnosis.symptom, confidence: diagnosis.confidence });
      if (!answer.ok)
        failures.set(answer.failure.kind, (failures.get(answer.failure.kind) ?? 0) + 1);
      const got = answer.ok ? answer.symptom : 'none';
      model.push({ ...base, got, confidence: answer.ok ? answer.confidence : 0 });
      // As the conversation answers: the model's symptom when it names one, else the classifier's.
      combined.push({ ...base, got: got !== 'none' ? got : diagnosis.symptom, confidence: 1 });
    }
    if (consulted.length > 0 && failures.get('unreachable') === consulted.length) {
      process.stderr.write(
        `eval --llm: the gateway at ${loaded.config.LLM_BASE_URL} is not reachable\n`,
      );
      return 2;
    }
    const line = (name: string, p: Prediction[]) => {
      const s = summarise(p);
      return `- ${name}: top-1 ${(100 * s.symptomAccuracy).toFixed(1)} % of ${s.symptomCases} symptom cases, ${s.falseAlarms.length} false alarms on ${s.noneCases} \`none\` cases`;
    };
    out.push(
      `## ${set.name}: ${consulted.length} cases the classifier is unsure of (limit ${limit})`,
      '',
      line('the classifier alone', alone),
      line('the model alone', model),
      line('the reply (the model where it names a symptom, else the classifier)', combined),
      `- failed calls: ${failures.size === 0 ? 'none' : [...failures].map(([k, n]) => `${k} ${n}`).join(', ')}`,
      '',
      'the model on these cases:',
      '',
      perLabelTable(model),
      '',
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
