import { describe, expect, it } from 'vitest';
import { decodeConfigText } from '../../../../src/core/config-lint/decode-config-text.js';

const TEXT = '{"grants": [], "note": "café ✓"}';
const utf16be = (text: string) => Buffer.from(Buffer.from(text, 'utf16le')).swap16();

describe('decodeConfigText', () => {
  it.each([
    ['UTF-8', Buffer.from(TEXT, 'utf8')],
    [
      'UTF-8 with a byte-order mark',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]),
    ],
    [
      'UTF-16LE with a byte-order mark',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]),
    ],
    ['UTF-16BE with a byte-order mark', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(TEXT)])],
    ['UTF-16LE without a byte-order mark', Buffer.from(TEXT, 'utf16le')],
    ['UTF-16BE without a byte-order mark', utf16be(TEXT)],
  ])('reads %s as the same text, without the mark', (_, bytes) => {
    expect(decodeConfigText(bytes)).toBe(TEXT);
  });

  it('reads an empty file as empty text', () => {
    expect(decodeConfigText(new Uint8Array())).toBe('');
  });
});
