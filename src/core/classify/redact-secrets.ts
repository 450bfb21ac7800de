import type { SecretKind } from './diagnosis.js';

/**
 * Masks credentials in pasted text before anything else sees it. This is the one table of secret
 * formats for every text the bot shows: replies (classify-text.ts), check results
 * (checks/run-follow-up-check.ts) and log lines (runtime/redact-log-text.ts). The formats follow
 * gitleaks' rule list. A value that is plainly a placeholder (`$TOKEN`, `<key>`, `YOUR_KEY`,
 * `sk-...`) is not a secret and is left alone, so a pasted command line does not trigger a
 * rotation warning.
 *
 * The rules match a decoded view of the text, not the text itself: URL escapes (`%3D`, `%20`),
 * HTML entities (`&lt;`, `&quot;`), backslash escapes (a JSON string, a JSON log line of a JSON
 * body) and terminal colours are undone, and every character of the view knows which characters
 * of the original it came from. A second view also joins what chat splits a key with: Slack's
 * `*bold*`/`~strike~` markers between two key characters, and a line break followed by a
 * fragment that looks like the rest of a key. Only the original's characters behind a matched
 * value are replaced, so the text keeps its encoding and its line breaks. Linear time: building a
 * view is one pass, and each rule one pass of a pattern with bounded repetition that cannot start
 * again inside a run it failed on (a word boundary, a literal, an anchored escape).
 */

/** Where a value sits: in quotes (a string literal, not code), and the character after it. */
interface ValueContext {
  quoted: boolean;
  next: string;
}

/** Whether a matched value is really a secret (not a placeholder, a word or a variable). */
type SecretCheck = (value: string, context: ValueContext) => boolean;

interface SecretRule {
  kind: SecretKind;
  /** Two groups, `(shown)(masked)`: the first says what the value was; the second is masked. */
  pattern: RegExp;
  isSecret: SecretCheck;
  /** The match must begin a word or a camelCase hump (`dbPassword`), not sit inside a word. */
  startsWord?: boolean;
}

export const SECRET_MASK = '[redacted]';

/** Values that show where a secret goes: `$TOKEN`, `${KEY}`, `%KEY%`, `<key>`, `[redacted]`. */
const PLACEHOLDER_START = /^(?:\$|%[A-Za-z_]|<|\{|\[)/;
/** `xxxx`, `***`, `sk-...`, `AKIA…EXAMPLE`. */
const PLACEHOLDER_INSIDE = /x{4,}|\*{3,}|\.\.\.|…|example/i;
const PLACEHOLDER_PREFIX =
  /^(?:your|my[_-]|placeholder|dummy|redacted|sample|insert|replace|changeme)/i;
const PLACEHOLDER_WORD =
  /^(?:pass(?:word)?|secret|token|key|api[_-]?key|test|none|null|undefined|required|string|value|hidden)$/i;

function isPlaceholder(value: string): boolean {
  return (
    PLACEHOLDER_START.test(value) ||
    PLACEHOLDER_INSIDE.test(value) ||
    PLACEHOLDER_PREFIX.test(value) ||
    PLACEHOLDER_WORD.test(value) ||
    /^(.)\1*$/.test(value)
  );
}

/** `privateKeyStream`, `ClientSecretValue`: an identifier, not a key. */
const CAMEL_CASE_WORDS = /^[a-z]*(?:[A-Z][a-z]+)+$/;
/** `process.env.TOKEN`, `this.authorization`, `result?.pass`: code that reads a secret. */
const CODE_PATH = /^[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)+(?:\??\.)?$/;
/** `defaultToConfig2`, `decodeURIComponentSafe`: an identifier (a random key seldom starts so). */
const IDENTIFIER = /^[a-z]{3,}(?:[A-Z]+[a-z]+)+\d{0,3}$/;

/** An unquoted value that is code: a path, an identifier, a variable, a call, a negation. */
function isCode(value: string, next: string): boolean {
  return (
    next === '(' ||
    value.startsWith('!') ||
    value.includes('$') ||
    CODE_PATH.test(value) ||
    IDENTIFIER.test(value)
  );
}

/** The format alone says it is a secret (`AKIA` + 16, a PEM block): only placeholders are not. */
const notPlaceholder: SecretCheck = (value) => !isPlaceholder(value);

/**
 * Random-looking: keys mix letters and digits (or both cases, at length); words and placeholders
 * ("Bearer authentication", `YOUR_API_KEY`) do not.
 */
const looksRandom: SecretCheck = (value) =>
  !isPlaceholder(value) &&
  ((/\d/.test(value) && /[A-Za-z]/.test(value)) ||
    (value.length >= 16 &&
      /[a-z]/.test(value) &&
      /[A-Z]/.test(value) &&
      !/\s/.test(value) &&
      !CAMEL_CASE_WORDS.test(value) &&
      !CODE_PATH.test(value)));

/**
 * A password may be a plain word of eight characters or more, or a shorter one with a digit or a
 * symbol (`hunter2`); never a placeholder.
 */
const passwordLike: SecretCheck = (value) => {
  const trimmed = value.trim();
  const long = trimmed.length >= 8 || (trimmed.length >= 6 && /[^A-Za-z]/.test(trimmed));
  return long && !isPlaceholder(trimmed);
};

/**
 * A field's value: in quotes, a password may be any word (but not a sentence); unquoted, it must
 * look random, so `password = clientSecret;` and `token: process.env.TOKEN` in pasted code are not.
 */
const passwordField: SecretCheck = (value, context) =>
  context.quoted
    ? passwordLike(value, context) && !/[ \t]/.test(value.trim())
    : credentialField(value, context);
const credentialField: SecretCheck = (value, context) =>
  (context.quoted || !isCode(value, context.next)) && looksRandom(value, context);

/** A cookie header carries a secret when one of its `name=value` pairs has a password-like value. */
const carriesCookie: SecretCheck = (value) =>
  value.split(';').some((pair) => {
    const cookie = /^\s*[^=\s]{1,256}=(.*)$/.exec(pair)?.[1]?.trim() ?? '';
    return cookie.length >= 8 && passwordLike(cookie, { quoted: true, next: '' });
  });

/** Not inside a longer word: `task-…` is no `sk-…`. */
const START = String.raw`(?<![A-Za-z0-9_])`;
const VALUE = String.raw`[A-Za-z0-9._~+/=-]{8,4096}`;
/**
 * A quoted value up to its quote (on the next line when a line break split it: a JSON string has
 * none of its own), or an unquoted one up to a space or punctuation.
 */
const FIELD_VALUE = String.raw`(?:(?<=")[^"\r\n]{1,1024}(?:\r?\n[^"\s]{1,1024}(?="))?|(?<=')[^'\r\n]{1,1024}(?:\r?\n[^'\s]{1,1024}(?='))?|(?<!["'])[^\s"'&,;<>|\x60*~()\[\]{}]{1,1024})`;
/**
 * A field named by one of `words` and assigned: `name = `, `"name": "`, `name: '`, `name => `,
 * `--name=`. The name may end a longer one (`DB_PASSWORD`, `x-auth-token`, `slackBotToken`): the
 * rule's `startsWord` says the match must begin a word or a camelCase hump.
 */
const fieldAssignment = (words: readonly string[]) =>
  String.raw`(?:${words.join('|')})["']?\s{0,8}(?:=>|:=|[:=])\s{0,8}["']?`;

const PASSWORD_WORDS = [
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'pass',
  'secret',
  'client[_-]?secret',
  'secret[_-]?key',
  'signing[_-]?secret',
  'app[_-]?secret',
];
const CREDENTIAL_WORDS = [
  'api[_-]?key',
  'apikey',
  'api[_-]?token',
  'api[_-]?secret',
  '(?:access|private|auth|master|encryption|signing|service[_-]?account)[_-]?key',
  'authkey',
  'token',
  'access[_-]?token',
  'refresh[_-]?token',
  'id[_-]?token',
  'auth[_-]?token',
  'bearer[_-]?token',
  'session[_-]?token',
  'bot[_-]?token',
  'credentials?',
];
const QUERY_WORDS = String.raw`api[_-]?key|apikey|key|token|access[_-]?token|id[_-]?token|refresh[_-]?token|auth|authkey|auth[_-]?token|sig|signature|secret|client[_-]?secret|password|passwd|pwd|session|sessionid|credential|security[_-]?token`;

const rule = (
  kind: SecretKind,
  pattern: RegExp,
  isSecret: SecretCheck,
  startsWord = false,
): SecretRule => ({ kind, pattern, isSecret, startsWord });

// Blocks, headers and fields first: their value may hold a token of the kinds further down, and a
// value is reported once, as the first rule that masked it.
const RULES: readonly SecretRule[] = [
  rule(
    'private-key',
    // An encrypted key has header lines (`Proc-Type:`, `DEK-Info:`) before its body.
    /(-----BEGIN[A-Z0-9 ]{0,40} PRIVATE KEY(?: BLOCK)?-----\s*(?:[A-Za-z-]{1,40}:[^\n]{0,200}\n\s*){0,4})([A-Za-z0-9+/=\s]{31,16383}[A-Za-z0-9+/=])/g,
    notPlaceholder,
  ),
  rule(
    'basic-credentials',
    /(\b(?:proxy-)?authorization\s*[:=]\s*["']?basic\s+)([A-Za-z0-9+/]{8,4096}={0,2})/gi,
    notPlaceholder,
  ),
  rule(
    'authorization-header',
    new RegExp(
      String.raw`(\b(?:proxy-)?authorization\s*[:=]\s*(?:["']\s*)?(?:(?:bearer|token|bot)\s*)?)(${VALUE})`,
      'gi',
    ),
    looksRandom,
  ),
  rule(
    'api-key-header',
    new RegExp(
      String.raw`((?<![a-z0-9])(?:api-key|auth-token|access-token|private-token)\s*[:=]\s*["']?)(${VALUE})`,
      'gi',
    ),
    looksRandom,
  ),
  rule('cookie', /(\b(?:set-)?cookie\s*:\s*)([^\r\n"'<>]{8,4096})/gi, carriesCookie),
  rule(
    'url-credentials',
    /(:\/\/(?<=\b[a-z][a-z0-9+.-]{1,20}:\/\/)[^\s/?#@:"'<>|]{0,256}:)([^\s/?#@"'<>|]{1,512})(?=@)/gi,
    passwordLike,
  ),
  rule(
    'basic-credentials',
    /((?<!\S)(?:-u|--user)[=\s]\s*["']?[^\s:"']{1,256}:)(?!\/\/)([^\s"']{1,512})/g,
    passwordLike,
  ),
  rule(
    'url-query-secret',
    new RegExp(
      String.raw`([?&;](?:[a-z0-9]+[_.-]){0,3}(?:${QUERY_WORDS})=)([^\s&#"'<>|]{1,2048})`,
      'gi',
    ),
    looksRandom,
  ),
  rule(
    'aws-secret-key',
    /(\baws[_-]?secret[_-]?(?:access[_-]?)?key["']?\s*(?:=>|:=|[:=])\s*["']?)([A-Za-z0-9/+=]{16,128})/gi,
    notPlaceholder,
  ),
  rule(
    'password-field',
    new RegExp(String.raw`(${fieldAssignment(PASSWORD_WORDS)})(${FIELD_VALUE})`, 'gi'),
    passwordField,
    true,
  ),
  rule(
    'credential-field',
    new RegExp(String.raw`(${fieldAssignment(CREDENTIAL_WORDS)})(${FIELD_VALUE})`, 'gi'),
    credentialField,
    true,
  ),
  // Tokens known by their prefix.
  rule(
    'tailscale-key',
    new RegExp(String.raw`(${START}tskey-[a-z]{2,10}-)([A-Za-z0-9_-]{6,256})`, 'gi'),
    looksRandom,
  ),
  rule(
    'anthropic-key',
    new RegExp(String.raw`(${START}sk-ant-)([A-Za-z0-9_-]{8,512})`, 'g'),
    looksRandom,
  ),
  rule(
    'openai-key',
    new RegExp(
      String.raw`(${START}sk-(?!ant-)(?:proj-|svcacct-|admin-)?)([A-Za-z0-9_-]{16,512})`,
      'g',
    ),
    looksRandom,
  ),
  rule(
    'slack-token',
    new RegExp(
      String.raw`(${START}(?:xox[abposr]|xoxe(?:\.xox[bp])?|xapp)-)([A-Za-z0-9-]{8,512})`,
      'g',
    ),
    looksRandom,
  ),
  rule(
    'slack-webhook',
    /(\bhttps?:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/)([A-Za-z0-9+/_-]{16,256})/gi,
    notPlaceholder,
  ),
  rule(
    'discord-webhook',
    /(\bhttps?:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/api\/(?:v\d{1,2}\/)?webhooks\/\d{5,30}\/)([A-Za-z0-9_-]{20,256})/gi,
    notPlaceholder,
  ),
  rule(
    'github-token',
    new RegExp(String.raw`(${START}(?:gh[pousr]_|github_pat_))([A-Za-z0-9_]{30,255})`, 'g'),
    looksRandom,
  ),
  rule(
    'gitlab-token',
    new RegExp(String.raw`(${START}gl(?:pat|dt|ptt|rt|soat|cbt)-)([A-Za-z0-9_-]{20,255})`, 'g'),
    looksRandom,
  ),
  rule('npm-token', new RegExp(String.raw`(${START}npm_)([A-Za-z0-9]{30,255})`, 'g'), looksRandom),
  rule(
    'aws-access-key',
    /((?<![A-Za-z0-9])(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA))([A-Z2-7]{16})(?![A-Za-z0-9])/g,
    notPlaceholder,
  ),
  rule(
    'google-api-key',
    new RegExp(String.raw`(${START}AIza)([A-Za-z0-9_-]{35})(?![A-Za-z0-9_-])`, 'g'),
    looksRandom,
  ),
  rule(
    'stripe-key',
    new RegExp(String.raw`(${START}[rs]k_(?:live|test)_)([A-Za-z0-9]{16,255})`, 'g'),
    looksRandom,
  ),
  rule(
    'huggingface-token',
    new RegExp(String.raw`(${START}hf_)([A-Za-z0-9]{30,40})(?![A-Za-z0-9])`, 'g'),
    looksRandom,
  ),
  rule(
    'discord-token',
    /((?<![A-Za-z0-9_.-])[MNO][A-Za-z0-9_-]{23,27}\.)([A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40})(?![A-Za-z0-9_-])/g,
    notPlaceholder,
  ),
  rule(
    'jwt',
    /()((?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,4096}\.ey[A-Za-z0-9_-]{8,8192}\.[A-Za-z0-9_-]{0,4096})/g,
    notPlaceholder,
  ),
  rule('bearer-token', new RegExp(String.raw`(\bbearer(?:\s+|\+))(${VALUE})`, 'gi'), looksRandom),
];

export interface RedactionResult {
  text: string;
  found: SecretKind[];
}

/** Masks every secret in `text`; `found` names their kinds (never the secrets). */
export function redactSecrets(text: string): RedactionResult {
  const decoded = decodedView(text);
  const joined = joinedView(decoded);
  const views = joined ? [decoded, joined] : [decoded];
  const spans = new MaskedSpans();
  const found = new Set<SecretKind>();
  for (const view of views) {
    for (const { kind, pattern, isSecret, startsWord } of RULES) {
      pattern.lastIndex = 0;
      for (let match = pattern.exec(view.text); match; match = pattern.exec(view.text)) {
        if (startsWord && !beginsWord(view.text, match.index)) continue;
        const value = match[2] ?? '';
        const first = match.index + (match[1] ?? '').length;
        const context = {
          quoted: first > 0 && /["']/.test(view.text[first - 1]!),
          next: view.text[first + value.length] ?? '',
        };
        if (value === '' || !isSecret(value, context)) continue;
        const start = view.from(first);
        const end = view.to(first + value.length - 1);
        if (spans.add(start, end)) found.add(kind);
      }
    }
  }
  return { text: spans.mask(text), found: [...found] };
}

/** `text[index]` begins a word (`DB_PASSWORD`) or a camelCase hump (`dbPassword`). */
function beginsWord(text: string, index: number): boolean {
  const before = text.charCodeAt(index - 1);
  const isAlnum = (code: number) =>
    (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  if (index === 0 || !isAlnum(before)) return true;
  const first = text.charCodeAt(index);
  return first >= 65 && first <= 90 && !(before >= 65 && before <= 90);
}

/**
 * Redacts a paste around a normalisation that may cut it (normalize-paste.ts keeps the head and
 * tail of a long paste): first the whole raw text, so a cut never shows part of a key, then the
 * normalised text again, for shapes only normalisation reveals (Unicode look-alikes, markup).
 */
export function redactAroundNormalization(
  raw: string,
  normalize: (text: string) => string,
): RedactionResult {
  const whole = redactSecrets(raw);
  const normalized = redactSecrets(normalize(whole.text));
  return { text: normalized.text, found: [...new Set([...whole.found, ...normalized.found])] };
}

/** What to mask: sorted, disjoint `[start, end)` ranges of the original text. */
class MaskedSpans {
  readonly #starts: number[] = [];
  readonly #ends: number[] = [];

  /** Adds a range; false when it was masked already (a value is reported once). */
  add(start: number, end: number): boolean {
    // The first range that ends at or after `start`: any range it touches is this one or later.
    let first = 0;
    let high = this.#ends.length;
    while (first < high) {
      const middle = (first + high) >> 1;
      if (this.#ends[middle]! < start) first = middle + 1;
      else high = middle;
    }
    if (this.#starts[first]! <= start && end <= this.#ends[first]!) return false;
    let after = first;
    while (after < this.#starts.length && this.#starts[after]! <= end) after++;
    const touched = after - first;
    const mergedStart = touched > 0 ? Math.min(start, this.#starts[first]!) : start;
    const mergedEnd = touched > 0 ? Math.max(end, this.#ends[after - 1]!) : end;
    this.#starts.splice(first, touched, mergedStart);
    this.#ends.splice(first, touched, mergedEnd);
    return true;
  }

  /** `text` with each range replaced by the mask, keeping the line breaks it covered. */
  mask(text: string): string {
    const parts: string[] = [];
    let at = 0;
    this.#starts.forEach((start, i) => {
      const end = this.#ends[i]!;
      const lineBreaks = text.slice(start, end).split('\n').length - 1;
      parts.push(text.slice(at, start), SECRET_MASK, '\n'.repeat(lineBreaks));
      at = end;
    });
    parts.push(text.slice(at));
    return parts.join('');
  }
}

/**
 * The text as the rules see it, built from pieces of a source text (the original, or another
 * view): a piece is either a stretch copied as is, or one character decoded from an escape.
 */
class View {
  /** Per piece: where it starts in the view and in the source, and its length in the source. */
  readonly #at: number[] = [];
  readonly #source: number[] = [];
  readonly #sourceLength: number[] = [];
  readonly #decoded: boolean[] = [];
  readonly #parts: string[] = [];
  #length = 0;
  #text = '';

  constructor(private readonly parent?: View) {}

  get text(): string {
    return this.#text;
  }

  /** Copies `source[start, end)` into the view. */
  copy(source: string, start: number, end: number): void {
    if (end > start) this.#piece(source.slice(start, end), start, end - start, false);
  }

  /** Puts `char` in the view for `source[start, end)`. */
  decode(char: string, start: number, end: number): void {
    this.#piece(char, start, end - start, true);
  }

  finish(): this {
    this.#text = this.#parts.join('');
    return this;
  }

  /** Where the view's character `index` starts in the original text. */
  from(index: number): number {
    const piece = this.#pieceOf(index);
    const source = this.#source[piece]! + (this.#decoded[piece] ? 0 : index - this.#at[piece]!);
    return this.parent ? this.parent.from(source) : source;
  }

  /** Where the view's character `index` ends in the original text (exclusive). */
  to(index: number): number {
    const piece = this.#pieceOf(index);
    const source = this.#decoded[piece]
      ? this.#source[piece]! + this.#sourceLength[piece]! - 1
      : this.#source[piece]! + index - this.#at[piece]!;
    return this.parent ? this.parent.to(source) : source + 1;
  }

  #piece(text: string, source: number, sourceLength: number, decoded: boolean): void {
    this.#at.push(this.#length);
    this.#source.push(source);
    this.#sourceLength.push(sourceLength);
    this.#decoded.push(decoded);
    this.#parts.push(text);
    this.#length += text.length;
  }

  #pieceOf(index: number): number {
    let low = 0;
    let high = this.#at.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.#at[middle]! <= index) low = middle;
      else high = middle - 1;
    }
    return low;
  }
}

/**
 * Escapes to undo, each anchored where it starts so a long run is read once: URL escapes (nested:
 * `%253D`), HTML entities (nested: `&amp;quot;`), backslash escapes (nested: a JSON log line of a
 * JSON body), terminal colours and invisible characters.
 */
const ESCAPE = new RegExp(
  [
    String.raw`%(?:25)*([0-9A-Fa-f]{2})`,
    String.raw`&(?:amp;)*(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z]{2,6}));`,
    String.raw`(?<!\\)\\+(?:u([0-9A-Fa-f]{4})|x([0-9A-Fa-f]{2})|([nrtbf"'/]))`,
    String.raw`\u001b\[[0-9;?]*[ -/]*[@-~]`,
    String.raw`[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]`,
  ].join('|'),
  'g',
);
const NAMED_ENTITIES: Record<string, string> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  sol: '/',
  equals: '=',
  colon: ':',
};
const BACKSLASH_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: ' ', f: ' ' };

function decodedView(raw: string): View {
  const view = new View();
  let at = 0;
  ESCAPE.lastIndex = 0;
  for (let match = ESCAPE.exec(raw); match; match = ESCAPE.exec(raw)) {
    const [whole, percent, decimal, hex, name, unicode, byte, letter] = match;
    const char =
      percent !== undefined
        ? fromCode(parseInt(percent, 16))
        : decimal !== undefined
          ? fromCode(Number(decimal))
          : hex !== undefined
            ? fromCode(parseInt(hex, 16))
            : name !== undefined
              ? NAMED_ENTITIES[name.toLowerCase()]
              : unicode !== undefined || byte !== undefined
                ? fromCode(parseInt((unicode ?? byte)!, 16))
                : letter !== undefined
                  ? (BACKSLASH_ESCAPES[letter] ?? letter)
                  : '';
    if (char === undefined) continue; // an unknown entity name: left as it is
    view.copy(raw, at, match.index);
    if (char !== '' && !INVISIBLE.test(char))
      view.decode(char, match.index, match.index + whole.length);
    at = match.index + whole.length;
  }
  view.copy(raw, at, raw.length);
  return view.finish();
}

const INVISIBLE = /^[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]$/;

function fromCode(code: number): string {
  return code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
}

/**
 * What splits a key, between two key characters: Slack's and Discord's markers
 * (`sk-ant-api03-AbC*123*…`), and a line break before a fragment that looks like the rest of a key
 * (a terminal wrapped it, or a person broke it): one with a digit, or a long line of its own.
 */
const SPLIT_MARK = /[*~`|]{1,3}|\r?\n/g;
const FRAGMENT = /[A-Za-z0-9_+=-]{4,512}/y;

/** `[A-Za-z0-9_+/=.-]`, the characters a key is made of, without a regex per character. */
function isKeyChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 95 || // _
    code === 43 || // +
    code === 47 || // /
    code === 61 || // =
    code === 46 || // .
    code === 45 // -
  );
}

/** The decoded view with what splits a key taken out; undefined when nothing does. */
function joinedView(decoded: View): View | undefined {
  const { text } = decoded;
  const view = new View(decoded);
  let at = 0;
  // A search for the markers, then a look at their neighbours: a regex that starts with a
  // lookbehind is tried at every character of the paste.
  SPLIT_MARK.lastIndex = 0;
  for (let match = SPLIT_MARK.exec(text); match; match = SPLIT_MARK.exec(text)) {
    if (!isKeyChar(text.charCodeAt(match.index - 1))) continue;
    const end = match.index + match[0].length;
    if (match[0].endsWith('\n')) {
      FRAGMENT.lastIndex = end;
      const fragment = FRAGMENT.exec(text)?.[0] ?? '';
      const after = text[end + fragment.length];
      const ownLine = after === undefined || after === '\n' || after === '\r';
      if (!/\d/.test(fragment) && !(ownLine && fragment.length >= 16)) continue;
    } else if (!isKeyChar(text.charCodeAt(end))) continue;
    view.copy(text, at, match.index);
    at = end;
  }
  if (at === 0) return undefined;
  view.copy(text, at, text.length);
  return view.finish();
}
