const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const utf16le = new TextDecoder('utf-16le', { ignoreBOM: true });

/**
 * Decodes a saved configuration: UTF-8 by default, UTF-16 when a byte-order mark says so (the
 * way Windows editors and PowerShell's `>` save files), and UTF-16 without a mark when the first
 * character is ASCII with a zero byte beside it, as the first character of any config is. The
 * mark itself is dropped.
 */
export function decodeConfigText(bytes: Uint8Array): string {
  const [b0, b1, b2] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return utf8.decode(bytes.subarray(3));
  if (b0 === 0xff && b1 === 0xfe) return utf16le.decode(bytes.subarray(2));
  if (b0 === 0xfe && b1 === 0xff) return utf16le.decode(swapBytePairs(bytes.subarray(2)));
  if (bytes.length >= 2 && b0 !== 0 && b1 === 0) return utf16le.decode(bytes);
  if (bytes.length >= 2 && b0 === 0 && b1 !== 0) return utf16le.decode(swapBytePairs(bytes));
  return utf8.decode(bytes);
}

/** UTF-16BE as UTF-16LE (a UTF-16BE decoder needs a full-ICU Node; this does not). */
function swapBytePairs(bytes: Uint8Array): Uint8Array {
  const swapped = new Uint8Array(bytes.length - (bytes.length % 2));
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    swapped[i] = bytes[i + 1] ?? 0;
    swapped[i + 1] = bytes[i] ?? 0;
  }
  return swapped;
}
