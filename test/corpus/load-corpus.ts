import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CorpusCase {
  id: string;
  text: string;
  expected: string;
  source?: string;
  file: string;
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The shared dev corpus sits beside the checkout (CI clones main with shared/ next to it). */
export const DEV_CORPUS = resolve(ROOT, '../shared/corpus/dev.jsonl');
const OWN_CASES = join(ROOT, 'test/corpus/cases');

function readCases(file: string): CorpusCase[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => ({ ...(JSON.parse(line) as Omit<CorpusCase, 'file'>), file }));
}

export function loadDevCorpus(): CorpusCase[] {
  if (!existsSync(DEV_CORPUS)) {
    throw new Error(
      `the shared dev corpus is missing at ${DEV_CORPUS}: check out shared/ beside the repo`,
    );
  }
  return readCases(DEV_CORPUS);
}

export function loadOwnCases(): CorpusCase[] {
  return readdirSync(OWN_CASES)
    .filter((name) => name.endsWith('.jsonl'))
    .flatMap((name) => readCases(join(OWN_CASES, name)));
}
