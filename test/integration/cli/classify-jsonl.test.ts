import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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

  it('answers each line as it arrives, before the input ends', async () => {
    const cli = resolve(dirname(fileURLToPath(import.meta.url)), '../../../dist/cli.js');
    const child = spawn(process.execPath, [cli, 'classify', '--jsonl'], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', FEEDBACK: 'off' },
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    try {
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      // Resolves when the answer for `id` is out; the killer above bounds the wait.
      const answered = (id: string) =>
        new Promise<void>((resolvePromise, reject) => {
          const check = () => {
            if (!stdout.includes(`"id":"${id}"`)) return;
            child.stdout.off('data', check);
            resolvePromise();
          };
          child.stdout.on('data', check);
          child.once('close', () => reject(new Error(`exited before answering ${id}`)));
          check();
        });
      for (const id of ['first', 'second']) {
        child.stdin.write(
          `${JSON.stringify({ id, text: 'curl: (6) Could not resolve host: ai' })}\n`,
        );
        await answered(id);
      }
      child.stdin.end();
      const [code] = (await once(child, 'close')) as [number];
      expect(code).toBe(0);
      expect(jsonLines(stdout).map((a) => a.symptom)).toEqual(['magicdns', 'magicdns']);
    } finally {
      clearTimeout(killer);
      child.kill();
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

  it('GIVEN a lone CR inside a line THEN answers that line once, with its id', async () => {
    const stdin = [
      '{"id":"a",\r"text":"curl: (6) Could not resolve host: ai"}',
      '{"id":"b","text":"403\rForbidden"}',
      '{"id":"c","text":"lunch?"}',
    ].join('\n');
    const answers = jsonLines((await runCli(['classify', '--jsonl'], { stdin })).stdout);
    expect(answers).toHaveLength(3);
    expect(answers[0]).toMatchObject({ id: 'a', symptom: 'magicdns' });
    // A raw CR inside a JSON string is malformed JSON, but the id before it is still readable.
    expect(answers[1]).toEqual({ id: 'b', error: expect.any(String) });
    expect(answers[2]).toMatchObject({ id: 'c', symptom: 'none' });
  });

  it('GIVEN CRLF line ends THEN drops the CR and answers each line', async () => {
    const stdin = '{"id":"a","text":"lunch?"}\r\n\r\n{"id":"b","text":"lunch?"}\r\n';
    const answers = jsonLines((await runCli(['classify', '--jsonl'], { stdin })).stdout);
    expect(answers).toEqual([
      expect.objectContaining({ id: 'a', symptom: 'none' }),
      expect.objectContaining({ id: 'b', symptom: 'none' }),
    ]);
  });

  it('GIVEN lines of only no-break spaces or a byte-order mark THEN answers each with an error', async () => {
    const stdin = [
      '{"id":"a","text":"lunch?"}',
      '\u00a0\u00a0',
      '\ufeff',
      '{"id":"b","text":"lunch?"}',
    ].join('\n');
    const answers = jsonLines((await runCli(['classify', '--jsonl'], { stdin })).stdout);
    expect(answers).toHaveLength(4);
    expect(answers[1]).toEqual({ id: null, error: expect.any(String) });
    expect(answers[2]).toEqual({ id: null, error: expect.any(String) });
    expect(answers.map((a) => a.id)).toEqual(['a', null, null, 'b']);
  });

  it('GIVEN lines of only ASCII spaces and tabs THEN skips them', async () => {
    const stdin = ' \t \n{"id":"a","text":"lunch?"}\n\t\n   ';
    const answers = jsonLines((await runCli(['classify', '--jsonl'], { stdin })).stdout);
    expect(answers.map((a) => a.id)).toEqual(['a']);
  });

  it('GIVEN a line with an id but no usable text THEN answers the error with that id', async () => {
    const stdin = ['{"id":"c"}', '{"id":"d","text":5}', '["id","e"]', '"f"'].join('\n');
    const answers = jsonLines((await runCli(['classify', '--jsonl'], { stdin })).stdout);
    expect(answers).toEqual([
      { id: 'c', error: expect.any(String) },
      { id: 'd', error: expect.any(String) },
      { id: null, error: expect.any(String) },
      { id: null, error: expect.any(String) },
    ]);
  });

  it('GIVEN a line over the length limit THEN refuses it with the id it starts with and goes on', async () => {
    const huge = JSON.stringify({ id: 'big', text: 'x'.repeat(1_100_000) });
    const stdin = `${huge}\n{"id":"after","text":"lunch?"}\n`;
    const answers = jsonLines((await runCli(['classify', '--jsonl'], { stdin })).stdout);
    expect(answers).toEqual([
      { id: 'big', error: expect.stringContaining('longer than') },
      expect.objectContaining({ id: 'after', symptom: 'none' }),
    ]);
  });
});
