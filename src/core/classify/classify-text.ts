import { findSymptomById } from '../knowledge/index.js';
import { classifyPaste } from './classify-paste.js';
import { classifyTopic } from './classify-topic.js';
import type { Diagnosis } from './diagnosis.js';

export { NAME_SYMPTOM_AT } from './classify-paste.js';

const SLASH_COMMAND = /^\s*\/aperture\b[ \t]*/i;
const WHY = /^why\b[ \t:]*/i;
const OTHER_COMMANDS = /^(?:help|list|check|mute|unmute|stats|doctor|whoami)\b/i;

/**
 * The classifier's entry point: a paste, or a `/aperture …` line as somebody typed it.
 * `/aperture why X` answers X's symptom; `/aperture <text>` diagnoses the text; other commands
 * are not problems. Pure and synchronous; never throws.
 */
export function classifyText(input: string): Diagnosis {
  const text = typeof input === 'string' ? input : '';
  const command = SLASH_COMMAND.exec(text);
  if (!command) return classifyPaste(text);
  const rest = text.slice(command[0].length);
  if (WHY.test(rest)) {
    const answer = classifyTopic(rest.replace(WHY, ''));
    const pasted = classifyPaste(rest);
    if (!answer) return pasted;
    const entry = findSymptomById(answer.symptom);
    return {
      ...pasted,
      symptom: answer.symptom,
      confidence: answer.confidence,
      evidence:
        pasted.symptom === answer.symptom
          ? pasted.evidence
          : [
              {
                signal: 'topic',
                excerpt: `why ${rest.replace(WHY, '').slice(0, 100)}: ${entry.title}`,
              },
            ],
      alternatives: pasted.alternatives.filter((a) => a.symptom !== answer.symptom),
    };
  }
  const pasted = classifyPaste(rest);
  if (!OTHER_COMMANDS.test(rest)) return pasted;
  return { ...pasted, symptom: 'none', confidence: 1, evidence: [], alternatives: [] };
}
