import { createHash } from 'node:crypto';
import type { FeedbackExample } from '../core/feedback/feedback-example.js';

/** A line of training/corpus/*.jsonl (training/corpus/README.md, "Format"). */
export interface TrainingLine {
  id: string;
  label: FeedbackExample['label'];
  text: string;
  source: string;
}

/**
 * The examples as training cases. A dismissed offer is left out: waving off a private "Diagnose
 * this?" may mean "not now" as much as "wrong", so it is no label. The same person giving the same
 * label to the same text twice is one case. Ids are stable (a hash of time, user and text), so two
 * exports of overlapping windows can be merged.
 */
export function trainingLinesOf(examples: readonly FeedbackExample[]): TrainingLine[] {
  const seen = new Set<string>();
  const lines: TrainingLine[] = [];
  for (const example of examples) {
    if (example.verdict === 'offer-dismissed') continue;
    const key = JSON.stringify([example.user, example.label, example.text]);
    if (seen.has(key)) continue;
    seen.add(key);
    const digest = createHash('sha256')
      .update(`${example.at}\n${example.user}\n${example.text}`)
      .digest('hex')
      .slice(0, 12);
    lines.push({
      id: `feedback-${example.label}-${digest}`,
      label: example.label,
      text: example.text,
      source: `feedback: ${example.verdict} on ${example.platform}, ${new Date(example.at).toISOString().slice(0, 10)}; predicted ${example.predicted} (${example.confidence.toFixed(2)})`,
    });
  }
  return lines;
}
