/**
 * Reads training/corpus/*.jsonl and presents each case the way people send it: bare, as Slack's
 * Events API delivers it (escapes, `<url|label>` links, code fences glued to the text) and as
 * Discord delivers it (fences on their own lines, a language tag, `>>>` quotes).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { SYMPTOM_IDS } from '../../src/core/knowledge/symptom-ids.js';

export const LABELS = ['none', ...SYMPTOM_IDS] as const;
export type Label = (typeof LABELS)[number];

const caseSchema = z.object({
  id: z.string().min(1),
  label: z.enum(LABELS),
  text: z.string().min(1),
  voice: z.string().optional(),
  shape: z.enum(['paste', 'prose']).optional(),
  source: z.string().optional(),
});

export type TrainingCase = z.infer<typeof caseSchema> & { file: string };

/** The corpus directory's cases, then those of each `extra` file (`npm run train -- --extra`). */
export function readTrainingCases(dir: string, extra: readonly string[] = []): TrainingCase[] {
  const cases: TrainingCase[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.jsonl'))
    .sort()) {
    cases.push(...readTrainingFile(join(dir, name)));
  }
  for (const file of extra) cases.push(...readTrainingFile(file));
  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(c.id)) throw new Error(`training case id ${c.id} appears twice`);
    seen.add(c.id);
  }
  return cases;
}

/** One JSONL file of cases; `file` is its name. */
export function readTrainingFile(path: string): TrainingCase[] {
  const name = basename(path);
  const cases: TrainingCase[] = [];
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const parsed = caseSchema.safeParse(JSON.parse(line));
    if (!parsed.success)
      throw new Error(`${name}:${index + 1}: not a training case: ${parsed.error.message}`);
    cases.push({ ...parsed.data, file: name });
  });
  return cases;
}

export type Shape = 'bare' | 'slack' | 'discord';
export const SHAPES: readonly Shape[] = ['bare', 'slack', 'discord'];

/** The text as the platform delivers it; `variant` picks among the ways people wrap a paste. */
export function inShape(
  c: Pick<TrainingCase, 'text' | 'shape'>,
  shape: Shape,
  variant: number,
): string {
  if (shape === 'bare') return c.text;
  const { context, body } = splitContext(c.text);
  const isPaste = c.shape !== 'prose';
  if (shape === 'slack') {
    const escaped = (s: string) =>
      slackLinks(s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'), variant);
    if (!isPaste) return escaped(c.text);
    // Slack users glue the fence to the error: "context\n```error```".
    return context
      ? `${escaped(context)}\n\`\`\`${escaped(body)}\`\`\``
      : `\`\`\`${escaped(body)}\`\`\``;
  }
  if (!isPaste) return variant % 2 === 0 ? `>>> ${c.text}` : c.text;
  const tag = ['', 'bash', 'text', 'console'][variant % 4] ?? '';
  const fenced = `\`\`\`${tag}\n${body}\n\`\`\``;
  return context ? `${context}\n${fenced}` : fenced;
}

/** A first line of prose before a paste ("since this morning:") stays outside the fence. */
function splitContext(text: string): { context: string; body: string } {
  const newline = text.indexOf('\n');
  if (newline === -1) return { context: '', body: text };
  const first = text.slice(0, newline);
  const looksLikeProse =
    /^[A-Za-z][^{}<>$=]*[:?.!]?$/.test(first) &&
    /\s/.test(first) &&
    !/^\w+Error\b|^curl:|^HTTP\//.test(first);
  return looksLikeProse
    ? { context: first, body: text.slice(newline + 1) }
    : { context: '', body: text };
}

function slackLinks(text: string, variant: number): string {
  return text.replace(/\bhttps?:\/\/[^\s"'`&)]+/g, (url) =>
    variant % 2 === 0 ? `<${url}>` : `<${url}|${url.replace(/^https?:\/\//, '')}>`,
  );
}
