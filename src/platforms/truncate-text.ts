/**
 * Cuts text to `max` characters with an ellipsis, never inside a surrogate pair, and closes a
 * code fence the cut left open. Both chat renderers enforce their limits with it.
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '';
  let cut = max - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  let result = `${text.slice(0, cut)}…`;
  if ((result.match(/```/g) ?? []).length % 2 === 1)
    result = `${result.slice(0, Math.max(0, max - 4))}\`\`\``;
  return result;
}
