import { StringDecoder } from 'node:string_decoder';
import { Transform, type TransformCallback } from 'node:stream';

/** Asks the terminal to wrap what is pasted in PASTE_START … PASTE_END (xterm's mode 2004). */
export const ENABLE_BRACKETED_PASTE = '\u001b[?2004h';
export const DISABLE_BRACKETED_PASTE = '\u001b[?2004l';
const PASTE_START = '\u001b[200~';
const PASTE_END = '\u001b[201~';

/**
 * Stands for a line break inside a pasted message while it sits on readline's one-line edit
 * buffer (shown as ␤); `fromEditLine` turns it back into `\n` when the line is submitted.
 */
export const PASTED_NEWLINE = '\u2424';

/** The submitted edit line as the message it stands for: pasted line breaks restored. */
export function fromEditLine(line: string): string {
  return line.split(PASTED_NEWLINE).join('\n');
}

/**
 * A pasted block as edit-line text: its line breaks become PASTED_NEWLINE, so readline keeps the
 * whole paste on the line being edited (Enter sends it as one message), and control characters
 * other than tabs are dropped, so a stray escape in the paste cannot act as a key.
 */
export function toEditLine(pasted: string): string {
  const lines = pasted.replace(/\r\n?/g, '\n');
  let end = lines.length;
  while (end > 0 && lines[end - 1] === '\n') end--;
  return lines
    .slice(0, end)
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .split('\n')
    .join(PASTED_NEWLINE);
}

/**
 * Sits between a terminal and readline: passes keystrokes through, and turns each bracketed
 * paste into one edit line (see `toEditLine`). Markers split across reads are reassembled.
 * It is what readline sees as its input, so it forwards raw mode to the terminal.
 */
export class BracketedPasteInput extends Transform {
  readonly isTTY = true;
  #decoder = new StringDecoder('utf8');
  /** Text not yet passed on: the start of a marker, or the paste being collected. */
  #buffer = '';
  #pasting = false;
  /** Inside a paste, where to look for its end marker (all before it was searched). */
  #searchFrom = 0;

  constructor(private readonly terminal: { setRawMode?(mode: boolean): unknown }) {
    super({ decodeStrings: false, encoding: 'utf8' });
  }

  setRawMode(mode: boolean): this {
    this.terminal.setRawMode?.(mode);
    return this;
  }

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, done: TransformCallback) {
    this.#take(typeof chunk === 'string' ? chunk : this.#decoder.write(chunk));
    done();
  }

  override _flush(done: TransformCallback) {
    this.#take(this.#decoder.end());
    // An unterminated paste at end of input is still text.
    if (this.#buffer !== '') this.push(this.#pasting ? toEditLine(this.#buffer) : this.#buffer);
    this.#buffer = '';
    done();
  }

  #take(text: string): void {
    this.#buffer += text;
    for (;;) {
      if (this.#pasting) {
        const at = this.#buffer.indexOf(PASTE_END, this.#searchFrom);
        if (at === -1) {
          // Inside a paste everything is kept; the next read searches only its new end.
          this.#searchFrom = Math.max(0, this.#buffer.length - PASTE_END.length + 1);
          return;
        }
        const pasted = toEditLine(this.#buffer.slice(0, at));
        if (pasted !== '') this.push(pasted);
        this.#buffer = this.#buffer.slice(at + PASTE_END.length);
        this.#pasting = false;
      } else {
        const at = this.#buffer.indexOf(PASTE_START);
        if (at === -1) {
          // Keystrokes pass on at once, but a possible marker start (`ESC[20`) waits a read.
          const keep = partialMarkerAt(this.#buffer);
          if (keep > 0) this.push(this.#buffer.slice(0, keep));
          this.#buffer = this.#buffer.slice(keep);
          return;
        }
        if (at > 0) this.push(this.#buffer.slice(0, at));
        this.#buffer = this.#buffer.slice(at + PASTE_START.length);
        this.#pasting = true;
        this.#searchFrom = 0;
      }
    }
  }
}

/** Where a suffix of `text` that could begin PASTE_START starts (text.length when none). */
function partialMarkerAt(text: string): number {
  for (let length = Math.min(PASTE_START.length - 1, text.length); length > 0; length--) {
    if (PASTE_START.startsWith(text.slice(text.length - length))) return text.length - length;
  }
  return text.length;
}
