import { describe, expect, it } from 'vitest';
import {
  BracketedPasteInput,
  PASTED_NEWLINE,
  fromEditLine,
} from '../../../../src/platforms/console/bracketed-paste.js';

async function through(chunks: string[]): Promise<string> {
  const input = new BracketedPasteInput({});
  let out = '';
  input.on('data', (text: string) => (out += text));
  for (const chunk of chunks) input.write(chunk);
  input.end();
  await new Promise((done) => input.on('end', done));
  return out;
}

describe('bracketed paste in the console', () => {
  it('passes keystrokes through and turns a paste into one edit line', async () => {
    const out = await through(['ab\r', '\u001b[200~one\r\ntwo\nthree\n\u001b[201~', '\r']);
    expect(out).toBe(`ab\rone${PASTED_NEWLINE}two${PASTED_NEWLINE}three\r`);
    expect(fromEditLine(`one${PASTED_NEWLINE}two`)).toBe('one\ntwo');
  });

  it('reassembles markers split across reads, byte by byte', async () => {
    const whole = 'x\u001b[200~a\nb\u001b[201~y';
    expect(await through([...whole])).toBe(`xa${PASTED_NEWLINE}by`);
  });

  it('drops control characters inside a paste so they cannot act as keys', async () => {
    expect(await through(['\u001b[200~red \u001b[31mtext\u0003\tend\u001b[201~'])).toBe(
      'red [31mtext\tend',
    );
  });

  it('keeps other escape sequences (arrow keys) intact', async () => {
    expect(await through(['\u001b[A', '\u001b[2', '0x'])).toBe('\u001b[A\u001b[20x');
  });
});
