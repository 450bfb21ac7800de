/**
 * Pastes that make regular expressions backtrack, at any length: the linear-time contract test
 * (test/contracts/linear-time.test.ts) times everything that reads a paste on them, and the
 * classifier benchmark reports the slowest.
 */
export interface Shape {
  name: string;
  make(chars: number): string;
}

/** `run` repeated between `head` and `tail` to `chars` characters in all. */
export function shape(name: string, run: string, head = 'x', tail = '403'): Shape {
  return {
    name,
    make: (chars) => {
      const body = chars - head.length - tail.length;
      return head + run.repeat(Math.ceil(body / run.length)).slice(0, body) + tail;
    },
  };
}

/** Runs of what makes a pattern backtrack: `^\s*` under `m`, `[^>]*` from every `<`, `\.+$`. */
export const SHAPES: readonly Shape[] = [
  shape('a run of newlines', '\n'),
  shape('a run of "\\n " lines', '\n '),
  shape('a run of CRLF line ends', '\r\n'),
  shape('a run of "<http:"', '<http:'),
  shape('a long run of digits', '1'),
  shape('a long run of dots', '.'),
  shape('a run of "100." address starts', '100.'),
  shape('a run of backticks', '`'),
  shape('a run of spaces', ' '),
  shape('a run of "a"', 'a'),
  shape('a run of " _a" italic starts', ' _a'),
  shape('a run of underscores', '_'),
];

function keywordThenSpaces(keyword: string): Shape {
  return shape(`"${keyword}" then a run of spaces`, ' ', keyword, 'x');
}

/** A keyword a pattern anchors on, then a run of spaces: catches `\s*x?\s*` after it. */
export const KEYWORD_SHAPES: readonly Shape[] = [
  'Authorization:',
  'x-api-key:',
  'Bearer',
  'hostname:',
  'Tags:',
  '100.64.0.1',
  'retry-after',
].map(keywordThenSpaces);
