import type { SymptomOrNone } from '../knowledge/symptom-ids.js';
import type { FeedbackExample } from './feedback-example.js';

/** How one predicted symptom fared with the people who answered it. */
export interface SymptomAccuracy {
  symptom: SymptomOrNone;
  /** People said it was right ("Solved" on it, or its offer accepted). */
  confirmed: number;
  /** People said it was another symptom. */
  corrected: number;
  /** People said it was no known symptom ("Something else", or the offer dismissed). */
  falseAlarms: number;
}

export interface FieldAccuracy {
  rows: SymptomAccuracy[];
  total: number;
  /** confirmed / total: the share of answered diagnoses people agreed with; undefined at 0. */
  precision: number | undefined;
}

/** Per predicted symptom: confirmed, corrected, false alarms (what `feedback stats` prints). */
export function fieldAccuracy(examples: readonly FeedbackExample[]): FieldAccuracy {
  const rows = new Map<SymptomOrNone, SymptomAccuracy>();
  for (const example of examples) {
    const row = rows.get(example.predicted) ?? {
      symptom: example.predicted,
      confirmed: 0,
      corrected: 0,
      falseAlarms: 0,
    };
    if (example.label === example.predicted) row.confirmed++;
    else if (example.label === 'none') row.falseAlarms++;
    else row.corrected++;
    rows.set(example.predicted, row);
  }
  const sorted = [...rows.values()].sort((a, b) => a.symptom.localeCompare(b.symptom));
  const confirmed = sorted.reduce((sum, row) => sum + row.confirmed, 0);
  const total = examples.length;
  return { rows: sorted, total, precision: total > 0 ? confirmed / total : undefined };
}

/** The table as aligned text lines (the CLI and `/aperture stats` print the same one). */
export function fieldAccuracyLines(accuracy: FieldAccuracy): string[] {
  const header = ['symptom', 'confirmed', 'corrected', 'false alarms'];
  const cells = accuracy.rows.map((row) => [
    row.symptom,
    String(row.confirmed),
    String(row.corrected),
    String(row.falseAlarms),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((line) => (line[column] ?? '').length)),
  );
  const format = (line: string[]) =>
    line
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  const precision =
    accuracy.precision === undefined
      ? 'no verdicts yet'
      : `field precision ${(100 * accuracy.precision).toFixed(1)} % of ${accuracy.total} verdicts`;
  return [format(header), ...cells.map(format), precision];
}
