/**
 * Turns what a chat platform delivers into the text a person pasted: Slack's escaping and link
 * syntax, code fences, Discord markdown, terminal colour codes and Unicode look-alikes. Pure and
 * linear-time: every pattern is a single pass without nested quantifiers.
 */

/** Longest paste examined in full; longer ones keep their head and tail, where errors sit. */
export const MAX_EXAMINED_CHARS = 48_000;
const HEAD_CHARS = 32_000;

const ANSI_ESCAPE = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;
const INVISIBLE = /[\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff]/g;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
// No `<` inside a link: each `<` then starts at most one short scan, so `<http:` runs stay linear.
const SLACK_LINK = /<((?:https?|mailto):[^|<>\s]{1,2000})(?:\|[^<>]{0,500})?>/g;
const SLACK_MENTION = /<([@#!])([A-Za-z0-9^_.-]{1,40})(?:\|([^<>]{0,100}))?>/g;
/** The language tags people put on an opening fence; any other word there is content. */
const FENCE_LANGUAGE =
  /^([ \t]*(?:`{3,}|~{3,}))[ \t]*(?:bash|sh|shell|zsh|console|terminal|text|txt|plaintext|plain|log|logs|json|jsonc|hujson|json5|yaml|yml|toml|ini|xml|html|http|js|javascript|ts|typescript|node|py|python|pycon|go|java|rust|rs|ruby|rb|c|cpp|diff|sql|ps|powershell|ps1|dockerfile|docker|sh-session|output|err|error|stderr)[ \t]*$/gim;
const FENCE_MARKER = /`{3,}|~{3,}/g;
const QUOTE_PREFIX = /^[ \t]*>[ \t]?(?=\S)/gm;
const DISCORD_BLOCK_QUOTE = /^[ \t]*>>>[ \t]?/gm;
const DISCORD_MARKERS = /(\*\*|__|~~|\|\|)/g;
/**
 * `_italic_` in Slack and Discord: `_` glued to a word would hide it from `\b` and the words
 * (`_curl: (6) …`). Only a pair around a span, opening after a non-word character, so `on_exceed`
 * and `DB_PASSWORD` keep theirs. Linear: the span cannot cross an underscore.
 */
const ITALIC_UNDERSCORES = /(?<!\w)_(?=[^\s_])([^_\n]{1,300}?)(?<=[^\s_])_(?!\w)/g;

export function normalizePaste(raw: string): string {
  let text = raw.length > MAX_EXAMINED_CHARS ? keepHeadAndTail(raw) : raw;
  text = text.normalize('NFKC');
  text = text.replace(/\r\n?/g, '\n');
  text = text.replace(ANSI_ESCAPE, '');
  text = text.replace(INVISIBLE, '');
  text = text.replace(CONTROL, ' ');
  text = text.replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ');
  text = text
    .replace(/[\u2018\u2019\u201a\u201b]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f]/g, '"');
  text = text.replace(SLACK_LINK, '$1');
  text = text.replace(SLACK_MENTION, (_m, sigil: string, id: string, label?: string) =>
    sigil === '!' ? `@${id}` : `${sigil}${label ?? id}`,
  );
  text = unescapeSlack(text);
  // Fence markers go, never the text beside them: Slack users glue the error to the opening
  // fence ("failing:\n```API Error: 403 …```"), so a marker becomes a line break.
  text = text.replace(FENCE_LANGUAGE, '$1');
  text = replaceFenceMarkers(text);
  text = text.replace(DISCORD_BLOCK_QUOTE, '');
  // Quote markers only when the line is a chat quote, not curl -v's "> GET / HTTP/1.1".
  if (!/^> [A-Z]+ \S+ HTTP\//m.test(text)) text = text.replace(QUOTE_PREFIX, '');
  text = text.replace(DISCORD_MARKERS, '');
  text = text.replace(ITALIC_UNDERSCORES, '$1');
  text = text.replace(/`/g, '');
  return text.trim();
}

/**
 * Each fence marker, with the blanks and one line break on either side of it, becomes one line
 * break. Walking out from the marker by hand keeps this linear: a `[ \t]*` before the marker in
 * a pattern would rescan a run of spaces from each of its characters.
 */
function replaceFenceMarkers(text: string): string {
  let out = '';
  let copiedTo = 0;
  for (let m = FENCE_MARKER.exec(text); m !== null; m = FENCE_MARKER.exec(text)) {
    let start = m.index;
    while (start > copiedTo && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
    if (start > copiedTo && text[start - 1] === '\n') start--;
    let end = m.index + m[0].length;
    while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
    if (text[end] === '\n') end++;
    out += `${text.slice(copiedTo, start)}\n`;
    copiedTo = end;
    FENCE_MARKER.lastIndex = end;
  }
  return copiedTo === 0 ? text : out + text.slice(copiedTo);
}

/** Slack sends `&lt; &gt; &amp;` for the three characters it reserves. */
function unescapeSlack(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|#39);/g, (_m, name: string) =>
    name === 'lt' ? '<' : name === 'gt' ? '>' : name === 'amp' ? '&' : name === 'quot' ? '"' : "'",
  );
}

function keepHeadAndTail(raw: string): string {
  const tail = MAX_EXAMINED_CHARS - HEAD_CHARS;
  return `${raw.slice(0, HEAD_CHARS)}\n…\n${raw.slice(raw.length - tail)}`;
}
