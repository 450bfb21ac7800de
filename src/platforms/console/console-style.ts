/**
 * How the console marks up its text: plain for pipes, files and NO_COLOR; ANSI SGR colours in a
 * terminal. Each role wraps one span; the text inside is never changed, so both read the same.
 */
export interface ConsoleStyle {
  /** The reply's headline. */
  title(text: string): string;
  /** "What to do:", "Choices:" and other headings. */
  heading(text: string): string;
  /** Commands to run and `code` spans. */
  code(text: string): string;
  /** A pasted secret to rotate, and a failed check. */
  alarm(text: string): string;
  caution(text: string): string;
  good(text: string): string;
  /** What is not the answer: "(no reply: …)", "running Check DNS…", links. */
  quiet(text: string): string;
}

const same = (text: string) => text;

export const PLAIN_STYLE: ConsoleStyle = {
  title: same,
  heading: same,
  code: same,
  alarm: same,
  caution: same,
  good: same,
  quiet: same,
};

/** Select Graphic Rendition on, then off again (`ESC[…m`): every span closes what it opened. */
const sgr = (on: string, off: string) => (text: string) =>
  text === '' ? text : `\u001b[${on}m${text}\u001b[${off}m`;

export const ANSI_STYLE: ConsoleStyle = {
  title: sgr('1', '22'),
  heading: sgr('1', '22'),
  code: sgr('36', '39'),
  alarm: sgr('1;31', '22;39'),
  caution: sgr('33', '39'),
  good: sgr('32', '39'),
  quiet: sgr('2', '22'),
};

/** `code` spans (backticks kept, so a copied command reads the same) in the code colour. */
export function styleCodeSpans(text: string, style: ConsoleStyle): string {
  if (style === PLAIN_STYLE) return text;
  return text.replace(/`[^`\n]+`/g, (span) => style.code(span));
}
