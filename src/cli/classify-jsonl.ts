import { once } from 'node:events';
import { classifyText } from '../core/classify/classify-text.js';
import type { CliIo, ExitCode } from './cli-io.js';
import { parseCommandArgs, type CommandSpec } from './command-args.js';

export const CLASSIFY_SPEC: CommandSpec = {
  usage: `usage: aperture-doctor classify --jsonl < cases.jsonl

  Reads JSON lines {"id": string, "text": string} on standard input and writes one line per
  input, in order: {"id","symptom","confidence"}. Empty or space/tab-only lines are skipped;
  a malformed line gets {"id": <its id, or null>, "error": …}. Exit 0.

  --jsonl     (required) the input and output are JSON lines
  -h, --help  this text
`,
  flags: ['--jsonl'],
};

/** A line longer than this is refused rather than classified: 1 MiB of JSON is not a paste. */
const MAX_LINE_CHARS = 1_048_576;
/** Of a refused line, this much is kept: enough to read the id it starts with. */
const KEPT_OF_LONG_LINE = 4096;

/** `{"id": "…"` at the start of a line, read even when the rest is not valid JSON. */
const LEADING_ID = /^[ \t\r]*\{[ \t\r]*"id"[ \t\r]*:[ \t\r]*("(?:[^"\\]|\\.){0,1000}")/;

/** Only these lines are skipped: empty, or ASCII spaces and tabs. Anything else gets an answer. */
const BLANK = /^[ \t]*$/;

/**
 * `classify --jsonl` (DESIGN §2): one JSON line in, one line out, in order, streaming. Lines end
 * at `\n` only (a trailing `\r` is dropped); a bad line gets `{"id": <its id, or null>, "error": …}`
 * and the run goes on; the exit code is always 0.
 */
export async function runClassifyJsonl(args: string[], io: CliIo): Promise<ExitCode> {
  const parsed = parseCommandArgs(args, CLASSIFY_SPEC, io);
  if (typeof parsed === 'number') return parsed;
  if (!parsed.flags.has('--jsonl') || parsed.positionals.length > 0) {
    const problem = parsed.flags.has('--jsonl')
      ? `classify reads standard input, not arguments (got "${parsed.positionals[0]?.slice(0, 40)}")`
      : 'classify needs --jsonl';
    io.stderr.write(`aperture-doctor: ${problem}\n${CLASSIFY_SPEC.usage}`);
    return 2;
  }
  // One write per chunk read, not per line: the answers still stream as input arrives.
  for await (const lines of inputLines(io.stdin)) {
    let out = '';
    for (const line of lines) if (!line.blank) out += `${JSON.stringify(answer(line))}\n`;
    if (out !== '' && !io.stdout.write(out)) await once(io.stdout, 'drain');
  }
  return 0;
}

interface InputLine {
  /** The line without its `\n` and trailing `\r`; for a refused line, only its start. */
  text: string;
  tooLong: boolean;
  /** Empty, or only ASCII spaces and tabs: the one kind of line that gets no answer. */
  blank: boolean;
}

/**
 * The lines of a UTF-8 stream, split on `\n` alone, as the lines each chunk completed: readline
 * also ends a line at a lone `\r`, which would give one input line two answers. A line over
 * MAX_LINE_CHARS keeps only its start, so memory stays bounded whatever arrives.
 */
async function* inputLines(stream: NodeJS.ReadableStream): AsyncGenerator<InputLine[]> {
  const decoder = new TextDecoder('utf-8');
  let current = '';
  let tooLong = false;
  /** Of a refused line, whether all of it so far was blank (its text is only the start). */
  let blankSoFar = true;
  const append = (part: string) => {
    if (tooLong) {
      blankSoFar &&= BLANK.test(part);
      return;
    }
    current += part;
    // One character more than the limit may be the `\r` of a CRLF line end.
    if (current.length > MAX_LINE_CHARS + 1) {
      tooLong = true;
      blankSoFar = BLANK.test(current);
      current = current.slice(0, KEPT_OF_LONG_LINE);
    }
  };
  const take = (): InputLine => {
    const text = current.endsWith('\r') && !tooLong ? current.slice(0, -1) : current;
    const line: InputLine = tooLong
      ? { text, tooLong, blank: blankSoFar }
      : { text, tooLong: text.length > MAX_LINE_CHARS, blank: BLANK.test(text) };
    current = '';
    tooLong = false;
    blankSoFar = true;
    return line;
  };
  for await (const chunk of stream) {
    const text =
      typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
    const lines: InputLine[] = [];
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      append(text.slice(start, end));
      lines.push(take());
      start = end + 1;
    }
    append(text.slice(start));
    if (lines.length > 0) yield lines;
  }
  append(decoder.decode());
  if (current !== '' || tooLong) yield [take()];
}

function answer(line: InputLine): Record<string, unknown> {
  if (line.tooLong)
    return { id: leadingId(line.text), error: `line longer than ${MAX_LINE_CHARS} characters` };
  let value: unknown;
  try {
    value = JSON.parse(line.text);
  } catch {
    return { id: leadingId(line.text), error: 'not valid JSON' };
  }
  if (!isInput(value)) return { id: idOf(value), error: 'expected {"id": string, "text": string}' };
  const diagnosis = classifyText(value.text);
  return { id: value.id, symptom: diagnosis.symptom, confidence: diagnosis.confidence };
}

/** `{"id": string, "text": string}`, other fields ignored (checked by hand: zod costs start-up). */
function isInput(value: unknown): value is { id: string; text: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { id, text } = value as { id?: unknown; text?: unknown };
  return typeof id === 'string' && typeof text === 'string';
}

/** The string id of a parsed line, when it is an object with one. */
function idOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' ? id : null;
}

/** The id a line that is not valid JSON (or is refused) starts with, if it starts with one. */
function leadingId(text: string): string | null {
  const literal = LEADING_ID.exec(text)?.[1];
  if (literal === undefined) return null;
  try {
    return JSON.parse(literal) as string;
  } catch {
    return null;
  }
}
