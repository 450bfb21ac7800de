import { describe, expect, it } from 'vitest';
import { SYMPTOM_IDS } from '../../../src/core/knowledge/symptom-ids.js';
import { loadDevCorpus } from '../../corpus/load-corpus.js';
import { runCli } from '../../helpers/run-cli.js';

function jsonLines(stdout: string): Array<Record<string, unknown>> {
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('aperture-doctor classify --jsonl', () => {
  it('answers one line per input line, in order, with a known id and a confidence', async () => {
    const cases = loadDevCorpus().slice(0, 30);
    const stdin = cases.map((c) => JSON.stringify({ id: c.id, text: c.text })).join('\n');
    const run = await runCli(['classify', '--jsonl'], { stdin });
    const answers = jsonLines(run.stdout);
    expect(run.code).toBe(0);
    expect(answers.map((a) => a.id)).toEqual(cases.map((c) => c.id));
    for (const answer of answers) {
      expect([...SYMPTOM_IDS, 'none']).toContain(answer.symptom);
      expect(answer.confidence).toBeGreaterThanOrEqual(0);
      expect(answer.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('answers a malformed line with an error object and goes on', async () => {
    const stdin = [
      '{"id":"a","text":"lunch?"}',
      '{not json',
      '{"id":7,"text":"x"}',
      '{"id":"b","text":"curl: (6) Could not resolve host: ai"}',
    ].join('\n');
    const run = await runCli(['classify', '--jsonl'], { stdin });
    const answers = jsonLines(run.stdout);
    expect(run.code).toBe(0);
    expect(answers).toHaveLength(4);
    expect(answers[1]).toEqual({ id: null, error: expect.any(String) });
    expect(answers[2]).toEqual({ id: null, error: expect.any(String) });
    expect(answers[3]).toMatchObject({ id: 'b', symptom: 'magicdns' });
  });

  it('skips blank lines and exits 0 on empty input', async () => {
    const run = await runCli(['classify', '--jsonl'], { stdin: '\n\n' });
    expect(run).toMatchObject({ code: 0, stdout: '' });
  });
});
