import { createInterface } from 'node:readline';
import { z } from 'zod';
import { classifyText } from '../core/classify/classify-text.js';
import type { CliIo, ExitCode } from './cli-io.js';

/** A line longer than this is refused rather than classified: 1 MiB of JSON is not a paste. */
const MAX_LINE_CHARS = 1_048_576;

const inputSchema = z.object({ id: z.string(), text: z.string() });

/**
 * `classify --jsonl` (DESIGN §2): one JSON line in, one line out, in order, streaming. A bad line
 * gets `{"id": null, "error": …}` and the run goes on; the exit code is always 0.
 */
export async function runClassifyJsonl(args: string[], io: CliIo): Promise<ExitCode> {
  if (!args.includes('--jsonl')) {
    io.stderr.write('usage: aperture-doctor classify --jsonl < cases.jsonl\n');
    return 2;
  }
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity, terminal: false });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    io.stdout.write(`${JSON.stringify(classifyLine(line))}\n`);
  }
  return 0;
}

function classifyLine(line: string): Record<string, unknown> {
  if (line.length > MAX_LINE_CHARS)
    return { id: null, error: `line longer than ${MAX_LINE_CHARS} characters` };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { id: null, error: 'not valid JSON' };
  }
  const parsed = inputSchema.safeParse(value);
  if (!parsed.success) return { id: null, error: 'expected {"id": string, "text": string}' };
  const diagnosis = classifyText(parsed.data.text);
  return { id: parsed.data.id, symptom: diagnosis.symptom, confidence: diagnosis.confidence };
}
