import { classifyText } from '../../src/core/classify/classify-text.js';
import { NEWER_SYMPTOM_IDS } from '../../src/core/knowledge/symptom-ids.js';
import type { CorpusCase } from './load-corpus.js';

export interface Score {
  accuracy: number;
  falseAlarms: string[];
  misses: string[];
  newerOnNone: string[];
  table: string;
}

/**
 * The dev corpus predates the newer troubleshooting rows and labels the 405 and guardrail pastes
 * `none`; answering a newer id there is a correct reply, not a false alarm of the seven, and is
 * reported on its own line. Answering a seed symptom on a `none` case is a false alarm.
 */
export function score(cases: readonly CorpusCase[]): Score {
  const rows = new Map<string, { total: number; right: number }>();
  const falseAlarms: string[] = [];
  const misses: string[] = [];
  const newerOnNone: string[] = [];
  let symptomCases = 0;
  let right = 0;
  for (const testCase of cases) {
    const got = classifyText(testCase.text).symptom;
    const row = rows.get(testCase.expected) ?? { total: 0, right: 0 };
    row.total++;
    const line = `${testCase.id}: expected ${testCase.expected}, got ${got} — ${testCase.text.slice(0, 80).replace(/\n/g, ' ')}`;
    if (testCase.expected === 'none') {
      if (got === 'none') row.right++;
      else if ((NEWER_SYMPTOM_IDS as readonly string[]).includes(got)) newerOnNone.push(line);
      else falseAlarms.push(line);
    } else {
      symptomCases++;
      if (got === testCase.expected) {
        right++;
        row.right++;
      } else misses.push(line);
    }
    rows.set(testCase.expected, row);
  }
  const table = [...rows.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([symptom, r]) => `${symptom.padEnd(18)} ${String(r.right).padStart(3)}/${r.total}`)
    .join('\n');
  return {
    accuracy: symptomCases === 0 ? 1 : right / symptomCases,
    falseAlarms,
    misses,
    newerOnNone,
    table,
  };
}

export function report(result: Score): string {
  return [
    result.table,
    `misses:\n${result.misses.join('\n')}`,
    `false alarms:\n${result.falseAlarms.join('\n')}`,
    `newer ids on none cases:\n${result.newerOnNone.join('\n')}`,
  ].join('\n\n');
}
