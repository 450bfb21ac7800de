import type { Evidence } from '../classify/diagnosis.js';

/** A reply quotes at most this many excerpts: more is noise in a thread. */
export const MAX_EVIDENCE_ITEMS = 3;
/** Longest quote kept from one excerpt (the classifier's run to ~120). */
const MAX_QUOTE = 90;

/** Status codes that signals imply without naming a number (their names are data, not wording). */
const SIGNAL_STATUS: Record<string, number> = {
  'no-role-granted': 403,
  'blocked-by-guardrail': 403,
  'method-not-allowed': 405,
  'quota-error-body-from-aperture': 429,
  'status-503-with-hooks': 503,
};

/**
 * The classifier's evidence in people's words: "your client called `ai` and got 403 `access
 * denied: no role granted`". Strongest first, each excerpt once (one contained in another counts
 * as the same), at most three, never a signal id.
 */
export function describeEvidence(evidence: readonly Evidence[]): string[] {
  const described: string[] = [];
  const seen: string[] = [];
  for (const item of evidence) {
    const key = item.excerpt.replace(/…/g, '').trim().toLowerCase();
    if (key === '' || seen.some((other) => other.includes(key) || key.includes(other))) continue;
    seen.push(key);
    described.push(describeOne(item));
    if (described.length >= MAX_EVIDENCE_ITEMS) break;
  }
  return described;
}

function describeOne({ signal, excerpt }: Evidence): string {
  if (signal === 'topic') {
    // classify-text writes `why <words>: <title>`; the asker's words are what to show.
    const question = excerpt.split(': ')[0] ?? excerpt;
    return `you asked ${code(question)}`;
  }
  if (signal === 'words') return `your paste says ${code(excerpt)}`;
  const status = statusOf(signal);
  if (status !== undefined) {
    const host = hostIn(excerpt);
    const body = errorBodyIn(excerpt);
    if (host || body) {
      const called = host ? `called ${code(host)} and ` : '';
      return `your client ${called}got ${status}${body ? ` ${code(body)}` : `: ${code(excerpt)}`}`;
    }
    // A body signal quotes the body alone (`"rate_limit_error"`): say what it is.
    if (!excerpt.includes(String(status)))
      return `the error says ${code(excerpt.replace(/^"|"$/g, ''))}`;
    return `the paste shows a ${status}: ${code(excerpt)}`;
  }
  if (signal.startsWith('lookup-failed')) {
    const host = hostIn(excerpt);
    return `${host ? `the name ${code(host)}` : 'a name'} did not resolve: ${code(excerpt)}`;
  }
  if (signal.startsWith('timeout') || signal === 'hangs-near-aperture')
    return `the connection hung: ${code(excerpt)}`;
  if (signal === 'tls-to-plain-http' || signal === 'https-url-for-aperture')
    return `your client spoke HTTPS to Aperture: ${code(excerpt)}`;
  return `your paste says ${code(excerpt)}`;
}

function statusOf(signal: string): number | undefined {
  const named = /^status-(\d{3})\b/.exec(signal);
  return named ? Number(named[1]) : SIGNAL_STATUS[signal];
}

/** The host a call went to, as the paste names it (a URL, a Go `lookup`, a quoted name). */
function hostIn(excerpt: string): string | undefined {
  const found =
    /\bhttps?:\/\/([A-Za-z0-9.-]+)/.exec(excerpt) ??
    /\blookup ([A-Za-z0-9.-]+)/.exec(excerpt) ??
    /\b(?:resolve host address|could not be resolved:?|resolve host:?)\s*'?([A-Za-z0-9.-]+)/i.exec(
      excerpt,
    ) ??
    /\bconnect to ([A-Za-z0-9.-]+) port\b/.exec(excerpt);
  return found?.[1];
}

/** The error an HTTP answer carried: a JSON `error`/`message` string, else its reason phrase. */
function errorBodyIn(excerpt: string): string | undefined {
  const json = /["'](?:error|message)["']\s*:\s*["']([^"']{3,80})["']/.exec(excerpt);
  if (json) return json[1];
  const reason =
    /\b\d{3}[ \t:(-]*(?:(?:Client|Server) Error:?[ \t]*)?(Forbidden|Too Many Requests|Not Found|Method Not Allowed|Service Unavailable)\b/i.exec(
      excerpt,
    );
  return reason?.[1];
}

/** Inline code for the quote, cut at a word near the limit; backticks inside would break it. */
function code(text: string): string {
  let quote = text.replace(/`/g, "'").trim();
  if (quote.length > MAX_QUOTE) {
    const space = quote.lastIndexOf(' ', MAX_QUOTE - 1);
    quote = `${quote.slice(0, space > MAX_QUOTE / 2 ? space : MAX_QUOTE - 1)}…`;
  }
  return `\`${quote}\``;
}
