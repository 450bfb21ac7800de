import { SYMPTOMS } from '../knowledge/index.js';
import type { SymptomId } from '../knowledge/symptom-ids.js';

/** A paste longer than this is cut (head kept): the symptom table matters more than a long log. */
export const MAX_PROMPT_PASTE_CHARS = 6000;
const EXAMPLE_CHARS = 140;

/** The two parts of a chat request: the fixed instruction, and the user's (redacted) message. */
export interface SecondOpinionPrompt {
  system: string;
  user: string;
}

/**
 * The instruction and the symptom table (ids, one-line causes, telling signs) from the knowledge
 * base, so a new symptom file reaches the model with no other change. Strict JSON is asked for
 * and validated on return (parse-second-opinion.ts).
 */
export function buildSecondOpinionPrompt(
  redactedText: string,
  exclude: readonly SymptomId[] = [],
): SecondOpinionPrompt {
  const table = SYMPTOMS.map((entry) => {
    const sign = entry.examples[0]?.replace(/\s+/g, ' ').slice(0, EXAMPLE_CHARS) ?? '';
    return `- ${entry.id}: ${entry.summary} Cause: ${entry.cause} Telling sign: "${sign}"`;
  }).join('\n');
  const refused =
    exclude.length > 0
      ? `\nThe person already said it is not: ${exclude.join(', ')}. Do not answer those ids.`
      : '';
  const system = [
    'You are the second opinion of Aperture Doctor, a bot that diagnoses problems with Aperture by Tailscale, an AI gateway on a tailnet (default URL http://ai).',
    'Rules did not recognise the message below. Decide which known symptom, if any, it describes.',
    'Known symptoms (id: summary, cause, telling sign):',
    table,
    'If none fits, or the message is not about Aperture, answer none.',
    'Answer with one JSON object and nothing else: {"symptom": "<one id above, or none>", "confidence": <number 0 to 1>, "why": "<one short sentence>"}.',
    `Never write remediation steps or commands.${refused}`,
  ].join('\n');
  const paste =
    redactedText.length > MAX_PROMPT_PASTE_CHARS
      ? `${redactedText.slice(0, MAX_PROMPT_PASTE_CHARS)}\n[cut]`
      : redactedText;
  return { system, user: `Message (secrets masked as [redacted]):\n${paste}` };
}
