import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_MASK } from '../../../src/core/classify/redact-secrets.js';
import { ConsoleSession } from '../../../src/platforms/console/console-listeners.js';
import { FileFeedbackStore } from '../../../src/runtime/feedback/file-feedback-store.js';
import { buildConversationDeps } from '../../helpers/build-conversation-deps.js';
import { PASTED_SECRETS, leakedValue } from '../../helpers/pasted-secrets.js';
import { runCli } from '../../helpers/run-cli.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const SECRET = PASTED_SECRETS.find((s) => s.format === 'Anthropic API key')!;
const DENIED = `$ curl -sS http://ai/v1/models\n{"error":"access denied: no role granted"}\nANTHROPIC_API_KEY=${SECRET.secret}`;
const UNRESOLVED = 'curl: (6) Could not resolve host: ai';

/** The number of the choice labelled `label` in the last printed "Choices:" line. */
function choice(printed: string, label: RegExp): string {
  const line = printed.split('\n').find((l) => l.startsWith('Choices:')) ?? '';
  const found = [...line.matchAll(/\[(\d+)\] ([^[]+)/g)].find(([, , text]) =>
    label.test(text ?? ''),
  );
  return found?.[1] ?? '';
}

/** "Not it" until the picker shows (at most three alternatives come first), then `pick`. */
async function correct(session: ConsoleSession, paste: string, pick: RegExp): Promise<string> {
  let printed = await session.answer(paste);
  for (let i = 0; i < 5 && !/What was it\?/.test(printed); i++)
    printed = await session.answer(choice(printed, /^Not it/));
  return session.answer(choice(printed, pick));
}

let dir: string;
let feedbackFile: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'console-retrain-'));
  feedbackFile = join(dir, 'aperture-doctor-feedback.jsonl');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function session() {
  const { deps } = buildConversationDeps();
  const store = new FileFeedbackStore(feedbackFile, { ttlSeconds: 90 * 86_400 });
  return { session: new ConsoleSession({ ...deps, feedback: store }), store };
}

describe('console: verdicts become training data, and a retrain uses them', () => {
  it('GIVEN a paste with a key corrected in the console THEN one redacted example is stored', async () => {
    // given
    const { session: console, store } = session();
    // when
    const answer = await correct(console, DENIED, /Mullvad/);
    // then
    expect(answer).toMatch(/Mullvad/);
    const examples = await store.list();
    expect(examples).toEqual([
      expect.objectContaining({
        predicted: 'access-denied',
        label: 'mullvad',
        verdict: 'corrected',
        platform: 'console',
      }),
    ]);
    expect(examples[0]?.text).toContain(SECRET_MASK);
    expect(leakedValue(SECRET, readFileSync(feedbackFile, 'utf8'))).toEqual([]);
  });

  it('GIVEN recorded verdicts THEN feedback export → npm run train --extra → npm run eval --extra runs end to end', async () => {
    // given: two more verdicts, "Something else" and "Solved"
    const { session: first } = session();
    expect(await correct(first, UNRESOLVED, /^Something else/)).toMatch(/not a problem I know/);
    // (a later console session: the same symptom is not answered twice in a row in one channel)
    const { session: later } = session();
    const printed = await later.answer('curl: (6) Could not resolve host: ai.tail1234.ts.net');
    expect(await later.answer(choice(printed, /^Solved/))).toMatch(/marked as solved/);
    // when: exported through the CLI
    const exported = await runCli(['feedback', 'export'], {
      env: { FEEDBACK_FILE: feedbackFile },
    });
    expect(exported.code).toBe(0);
    const lines = exported.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.label).sort()).toEqual(['magicdns', 'mullvad', 'none']);
    expect(exported.stdout).not.toContain(SECRET.value);
    const extra = join(dir, 'feedback.jsonl');
    writeFileSync(extra, exported.stdout);
    // and a retrain on a small corpus (four cases per label) with the examples folded in
    const corpus = tinyCorpus(join(dir, 'corpus'));
    const weights = join(dir, 'weights.generated.ts');
    const train = spawnSync(
      TSX,
      ['scripts/train-classifier.ts', '--corpus', corpus, '--extra', extra, '--out', weights],
      { cwd: ROOT, encoding: 'utf8', timeout: 90_000 },
    );
    expect(train.stderr).not.toMatch(/Error/);
    expect(train.status).toBe(0);
    expect(train.stdout).toMatch(/trained on \d+ cases .*\(1 extra file\)/);
    expect(readFileSync(weights, 'utf8')).toContain('export const ENCODED_MODEL');
    // then: eval reports the examples as their own slice
    const evaluated = spawnSync(
      TSX,
      ['scripts/eval-classifier.ts', '--corpus', corpus, '--extra', extra],
      { cwd: ROOT, encoding: 'utf8', timeout: 90_000 },
    );
    expect(evaluated.status).toBe(0);
    expect(evaluated.stdout).toContain(
      '## extra examples (feedback.jsonl): 3 cases × 3 shapes, held out',
    );
    expect(evaluated.stdout).toContain('## extra examples (feedback.jsonl): the shipped weights');
  }, 180_000);
});

/** The first four cases of each label in training/corpus, as a corpus directory of its own. */
function tinyCorpus(into: string): string {
  mkdirSync(into, { recursive: true });
  const source = join(ROOT, 'training/corpus');
  const perLabel = new Map<string, string[]>();
  for (const name of readdirSync(source)
    .filter((n) => n.endsWith('.jsonl'))
    .sort())
    for (const line of readFileSync(join(source, name), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const label = (JSON.parse(line) as { label: string }).label;
      const kept = perLabel.get(label) ?? [];
      if (kept.length < 4) kept.push(line);
      perLabel.set(label, kept);
    }
  writeFileSync(join(into, 'tiny.jsonl'), `${[...perLabel.values()].flat().join('\n')}\n`);
  return into;
}
