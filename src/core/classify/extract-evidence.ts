import { classifyHost, type HostRole } from './classify-host.js';

/**
 * Facts pulled out of a (normalised, redacted) paste: what was called, what came back, how the
 * connection failed. Signals in the knowledge base are questions asked of these facts, so the
 * client's wording (curl, SDKs, browsers) is handled here once, not per symptom.
 */
export interface PasteFacts {
  text: string;
  /** `text` lower-cased, once: hosts, features and evidence search it. */
  lower: string;
  statuses: StatusMention[];
  hosts: HostMention[];
  failures: FailureMention[];
  tags: string[];
  retryAfterSeconds?: number;
  /** The word "aperture", or a host that can only be Aperture. */
  mentionsAperture: boolean;
  /** Tailscale is part of the story (the CLI, tailnet, MagicDNS). */
  mentionsTailscale: boolean;
  /** An LLM client is in play (SDK stack frames, API paths, Claude Code): likely Aperture traffic. */
  llmClient: boolean;
}

export interface StatusMention {
  code: number;
  excerpt: string;
}

export interface HostMention {
  host: string;
  role: HostRole;
  scheme?: 'http' | 'https';
  port?: number;
  path?: string;
  /** Set when the host was named by a failure message ("Could not resolve host: ai"). */
  namedBy?: FailureKind;
  excerpt: string;
}

export type FailureKind = 'resolve' | 'refused' | 'timeout' | 'tls' | 'reset';

export interface FailureMention {
  kind: FailureKind;
  /** The host the failure names, or else the first URL of the paste. */
  host?: string;
  role?: HostRole;
  port?: number;
  excerpt: string;
}

const EXCERPT_CHARS = 120;

const LLM_CLIENT =
  /@anthropic-ai\/sdk|\banthropic\.[A-Z]\w*Error|\bopenai\.[A-Z]\w*Error|node_modules\/openai\b|\/v1\/(?:messages|chat\/completions|responses|completions|models)\b|ANTHROPIC_BASE_URL|OPENAI_BASE_URL|\bclaude code\b|\bAPI Error\b|\bAPIConnection(?:Timeout)?Error\b|\b(?:RateLimit|PermissionDenied|APIStatus|InternalServer|NotFound)Error\b|\blitellm\b|\blangchain\b/i;

/** HTTP statuses worth recognising; a bare 443 or 350 in a stack trace is not one. */
const KNOWN_STATUS = /^(?:40[0-9]|41[0-8]|42[1-689]|431|451|50[0-8]|51[01]|52[0-7])$/;

const URL_PATTERN =
  /\b(https?):\/\/(\[[0-9a-f:]{2,45}\]|[a-z0-9][a-z0-9.-]{0,252})(?::(\d{1,5}))?(\/[^\s"'<>)\]}|]{0,300})?/gi;

/**
 * Client phrasings that name a host without a URL, in any case: people retype errors in lower
 * case, and some tools shout. `needs` is lower-cased text the pattern cannot match without (one
 * of them, when a list): a paste lacking it skips the pattern, so a paste with no error in it
 * costs a few `includes` instead of thirty regex passes.
 */
const HOST_IN_ERROR: ReadonlyArray<{
  pattern: RegExp;
  kind?: FailureKind;
  needs: string | readonly string[];
}> = [
  {
    pattern: /could not resolve host:?[ \t]+([a-z0-9.-]{1,253})/gi,
    kind: 'resolve',
    needs: 'could not resolve host',
  },
  {
    pattern: /\b(?:ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_NODATA)[ \t]+([a-z0-9.-]{1,253})/gi,
    kind: 'resolve',
    needs: ['enotfound', 'eai_'],
  },
  {
    pattern: /failed to resolve '([a-z0-9.-]{1,253})'/gi,
    kind: 'resolve',
    needs: "failed to resolve '",
  },
  {
    pattern: /\blookup ([a-z0-9.-]{1,253})(?: on [0-9.:\[\]a-f]{1,60})?: no such host/gi,
    kind: 'resolve',
    needs: ': no such host',
  },
  {
    pattern: /can(?:'|no)t find the server "?([a-z0-9.-]{1,253})"?/gi,
    kind: 'resolve',
    needs: 't find the server ',
  },
  { pattern: /\bhostname:\s*'([a-z0-9.-]{1,253})'/gi, needs: 'hostname:' },
  { pattern: /\bhost='([a-z0-9.-]{1,253})', port=(\d{1,5})/gi, needs: "host='" },
  {
    pattern: /failed to connect to ([a-z0-9.-]{1,253}) port (\d{1,5})/gi,
    kind: 'refused',
    needs: 'failed to connect to ',
  },
  {
    pattern: /\bECONNREFUSED ([0-9a-f.:]{2,45}?):(\d{1,5})\b/gi,
    kind: 'refused',
    needs: 'econnrefused ',
  },
  {
    pattern: /\bconnection to ([a-z0-9.-]{1,253}) timed out/gi,
    kind: 'timeout',
    needs: ' timed out',
  },
  {
    pattern: /unable to resolve host address '([a-z0-9.-]{1,253})'/gi,
    kind: 'resolve',
    needs: "unable to resolve host address '",
  },
  {
    pattern: /remote name could not be resolved: '([a-z0-9.-]{1,253})'/gi,
    kind: 'resolve',
    needs: "remote name could not be resolved: '",
  },
  {
    pattern: /UnknownHostException: ([a-z0-9.-]{1,253})/gi,
    kind: 'resolve',
    needs: 'unknownhostexception: ',
  },
  {
    pattern: /can'?t connect to the server at ([a-z0-9.-]{1,253})/gi,
    kind: 'resolve',
    needs: 't connect to the server at ',
  },
  {
    pattern: /dial tcp ([0-9a-f.:]{2,45}?):(\d{1,5}): i\/o timeout/gi,
    kind: 'timeout',
    needs: ': i/o timeout',
  },
  {
    pattern: /dial tcp ([0-9a-f.:]{2,45}?):(\d{1,5}): connect: connection refused/gi,
    kind: 'refused',
    needs: ': connect: connection refused',
  },
  { pattern: /\bTrying ([0-9a-f.:]{2,45}?):(\d{1,5})\.\.\./gi, needs: 'trying ' },
  // Resolver tools name the host they could not find, each its own way.
  {
    pattern:
      /\bping: ([a-z0-9.-]{1,253}): (?:Name or service not known|Temporary failure in name resolution|No address associated with hostname)/gi,
    kind: 'resolve',
    needs: 'ping: ',
  },
  {
    pattern: /\bping: cannot resolve ([a-z0-9.-]{1,253}): Unknown host/gi,
    kind: 'resolve',
    needs: 'ping: cannot resolve ',
  },
  {
    pattern: /\bPing request could not find host ([a-z0-9.-]{1,253})/gi,
    kind: 'resolve',
    needs: 'ping request could not find host ',
  },
  {
    pattern: /\bwget: bad address '([a-z0-9.-]{1,253})'/gi,
    kind: 'resolve',
    needs: "wget: bad address '",
  },
  {
    pattern: /\*\* server can't find ([a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,6}): NXDOMAIN/gi,
    kind: 'resolve',
    needs: "** server can't find ",
  },
  {
    pattern: /\bHost ([a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,6}) not found: 3\(NXDOMAIN\)/gi,
    kind: 'resolve',
    needs: ' not found: 3(nxdomain)',
  },
  {
    pattern: /\bResolve-DnsName : ([a-z0-9.-]{1,253}) : DNS name does not exist/gi,
    kind: 'resolve',
    needs: 'resolve-dnsname : ',
  },
  {
    pattern: /(?<![\w.-])([a-z0-9.-]{1,253}): resolve call failed: /gi,
    kind: 'resolve',
    needs: ': resolve call failed: ',
  },
  {
    pattern: /\bNo such host is known\.? \(([a-z0-9.-]{1,253}):(\d{1,5})\)/gi,
    kind: 'resolve',
    needs: 'no such host is known',
  },
  {
    pattern: /\bFailed to open TCP connection to ([a-z0-9.-]{1,253}):(\d{1,5}) \(getaddrinfo/gi,
    kind: 'resolve',
    needs: 'failed to open tcp connection to ',
  },
  {
    pattern:
      /\bCannot connect to host ([a-z0-9.-]{1,253}):(\d{1,5}) ssl:\w{1,20} \[(?:Name or service not known|Temporary failure in name resolution|nodename nor servname)/gi,
    kind: 'resolve',
    needs: 'cannot connect to host ',
  },
  // dig's question section: `;ai.tail1234.ts.net.  IN  A`, in a paste whose header says NXDOMAIN.
  {
    pattern: /^;([a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,6})\.?[ \t]{1,20}IN[ \t]{1,20}A{1,4}\b/gim,
    needs: ';',
  },
  // A MagicDNS name in prose ("ai.tail1234.ts.net resolves but ai does not") is a tailnet host.
  {
    pattern: /(?<![\w.-])([a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,3}\.ts\.net)\b/gi,
    needs: '.ts.net',
  },
];

/** How each client family says that a connection failed. */
const FAILURE_PATTERNS: Record<FailureKind, RegExp> = {
  resolve:
    /\bstatus: NXDOMAIN\b|\bNXDOMAIN\b|DNS name does not exist|\bbad address '|: Unknown host\b|could not find host|non-existing domain|No such host is known|resolve call failed|\b(?:ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_NODATA|ERR_NAME_NOT_RESOLVED|NameResolutionError|UnknownHostException|DNS_PROBE_FINISHED_NXDOMAIN)\b|could not resolve host|name or service not known|unable to resolve host|remote name could not be resolved|failed to lookup address|can'?t connect to the server at|nodename nor servname|temporary failure in name resolution|failed to resolve|getaddrinfo failed|no such host|can(?:'|no)t find the server|server (?:not found|ip address could not be found)|(?:does ?n[o']t|won'?t|can(?:'|no)t|not|never|fails? to) resolv|(?:could ?n[o']t|can(?:'|no)t|cannot) be resolved|can(?:'|no)t find (?:the )?(?:host|server)|\bresolves? but [^.\n]{0,60}\b(?:does ?n[o']t|not)\b/i,
  refused:
    /\bECONNREFUSED\b|connection refused|couldn'?t connect to server|failed to connect to|ConnectionRefusedError|actively refused/i,
  timeout:
    /\b(?:ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|APIConnectionTimeoutError|ConnectTimeout(?:Error)?|ReadTimeout(?:Error)?|TimeoutError)\b|timed out|timeout of \d{1,7}ms exceeded|aborted due to timeout|request timed out|i\/o timeout|deadline exceeded/i,
  tls: /wrong[ _]version[ _]number|ERR_SSL_PROTOCOL_ERROR|SSL_ERROR_RX_RECORD_TOO_LONG|\bEPROTO\b|packet length too long|http response to https client|ssl3_get_record|record layer failure|SSL_ERROR_SYSCALL in connection to [a-z0-9.-]{1,253}:443/i,
  reset: /\bECONNRESET\b|socket hang up|connection reset by peer/i,
};

export function extractFacts(text: string): PasteFacts {
  const lower = text.toLowerCase();
  const hosts = extractHosts(text, lower);
  const failures = extractFailures(text, hosts);
  const retryAfter = /\bretry[-_ ]after["']?[ \t]{0,8}[:=]?[ \t]{0,8}"?(\d{1,9})\b/i.exec(text);
  return {
    text,
    lower,
    statuses: extractStatuses(text),
    hosts,
    failures,
    tags: [...new Set(text.match(/\btag:[a-z0-9][a-z0-9-]{0,62}/gi) ?? [])].map((t) =>
      t.toLowerCase(),
    ),
    retryAfterSeconds: retryAfter ? Number(retryAfter[1]) : undefined,
    mentionsAperture: /\baperture\b/i.test(text) || hosts.some((h) => h.role === 'aperture'),
    mentionsTailscale: /\btailscale\b|\btailnet\b|\bmagic ?dns\b|\.ts\.net\b/i.test(text),
    llmClient: LLM_CLIENT.test(text),
  };
}

/** The line around a match, cut to a readable excerpt. */
export function excerptAt(text: string, index: number, length: number): string {
  const lineStart = text.lastIndexOf('\n', index) + 1;
  const newline = text.indexOf('\n', index + length);
  const lineEnd = newline === -1 ? text.length : newline;
  let start = lineStart;
  let end = lineEnd;
  if (end - start > EXCERPT_CHARS) {
    start = Math.max(lineStart, index - Math.floor((EXCERPT_CHARS - length) / 2));
    end = Math.min(lineEnd, start + EXCERPT_CHARS);
  }
  const excerpt = text.slice(start, end).trim();
  return `${start > lineStart ? '…' : ''}${excerpt}${end < lineEnd ? '…' : ''}`;
}

/**
 * What stands before a number that is an HTTP status: a status line, status or error wording, an
 * SDK error name, a JSON `status` field, or a person saying what they got ("keeps giving me 429").
 */
export const STATUS_BEFORE =
  /(?:\bHTTP\/\d(?:\.\d)?|\bHTTP(?: Error)?|\bstatus(?:[ _-]?code)?|\bcode|\berror(?: code)?|\w*Error|returned error|\bresponse|\bresponded(?: with)?|\banswer(?:s|ed)?(?: with)?|\bfail(?:s|ed|ing|ure)?(?: with)?|\bg[eo]t(?:s|ting)?(?: me)?(?: a| an| the)?|\bgiv(?:es|ing|e)(?: me| us)?(?: a| an)?|\bgave(?: me| us)?(?: a| an)?|\breturn(?:s|ed|ing)?(?: a| an)?|\bthrow(?:s|ing)?(?: a| an)?|\bthrew(?: a| an)?|\bsays?|\bsaid|\bwith(?: a| an)?|\ban?|\bthe|\bsome|\bmore|\bthese|\bthose|\ball|\bevery|\bconstant|\brandom|\bintermittent|\boccasional|\bseeing|\bhitting|\bhit|\bstill|\bonly|\bjust|\bnow|\baperture|\bsame|\bthis|\bfirst|\b(?:is|are|was|were|be|been|being|into|to))["']?[ \t]*[:=]?[ \t]*["']?$/i;
/** What follows a status: its reason phrase, a body, a plural ("403s"), where it came from. */
const STATUS_AFTER =
  /^(?:s\b|[ \t]*[-:]?[ \t]*["']?(?:forbid|too many|method not|not found|service|unavail|unauthori[sz]ed|bad gateway|gateway time-?out|internal server error|bad request|client error|server error|conflict|not allowed|acc?ess|denied|refus|rate[ -]?limit|limit|quota|err\b|error|response|status|page|from\b|on (?:every|all|each|some)|when|whenever|for (?:every|all|each|some)|every ?(?:time|request|call)|all the time|always|constantly|sometimes|back|again|\{))/i;
/** Numbers that are lines, lengths, durations, ids or counts, whatever the wording around them. */
export const NOT_STATUS_BEFORE =
  /(?:\bline|\blines|length|\bbytes?|\bpid|\bport|\btook|\bafter|\bin|\bsize|#|\bno\.?|\btickets?|\bissues?|\bpr|\brows?|\bcol(?:umn)?|\boffset|\bversion|\bv|\[)[ \t]*[:=#]?[ \t]*$/i;
const NOT_STATUS_AFTER =
  /^(?:[ \t]*(?:ms\b|msec|milli|µs|us\b|sec(?:ond)?s?\b|min(?:ute)?s?\b|hours?\b|days?\b|bytes?\b|b\b|kb\b|mb\b|gb\b|%|px\b|tickets?\b|rows?\b|lines?\b|items?\b|files?\b|users?\b|commits?\b|tokens?\b|requests? per|req\/s|times\b)|\])/i;
const CONTEXT_CHARS = 40;

function extractStatuses(text: string): StatusMention[] {
  const statuses: StatusMention[] = [];
  // A status is a lone three-digit number: not part of a port (":443"), a version ("1.403"),
  // a file position ("c:350"), a negative errno or a duration ("403ms") — and only where the
  // words around it say it is a status (never a line number, a byte count or a PID).
  const candidates = /(?<![\w.:/#-])([1-5]\d\d)(?:s\b|(?!\w|[.:,]\d|%))/g;
  let examined = 0;
  for (let match = candidates.exec(text); match !== null; match = candidates.exec(text)) {
    if (++examined > 2_000 || statuses.length >= 20) break;
    const code = match[1] ?? '';
    if (!KNOWN_STATUS.test(code) || !inStatusContext(text, match.index, code.length)) continue;
    statuses.push({ code: Number(code), excerpt: excerptAt(text, match.index, code.length) });
  }
  // The reason phrase alone ("Too Many Requests from aperture") names the status too.
  const phrase = /\btoo many requests\b/i.exec(text);
  if (phrase && !statuses.some((s) => s.code === 429)) {
    statuses.push({ code: 429, excerpt: excerptAt(text, phrase.index, phrase[0].length) });
  }
  return statuses;
}

function inStatusContext(text: string, index: number, length: number): boolean {
  const lineStart = text.lastIndexOf('\n', index) + 1;
  const newline = text.indexOf('\n', index);
  const lineEnd = newline === -1 ? text.length : newline;
  const before = text.slice(Math.max(lineStart, index - CONTEXT_CHARS), index);
  const after = text.slice(index + length, Math.min(lineEnd, index + length + CONTEXT_CHARS));
  if (NOT_STATUS_BEFORE.test(before) || NOT_STATUS_AFTER.test(after)) return false;
  // A number alone on its line ("403", "403?") is a status somebody quoted.
  if (before.trim() === '' && /^[ \t?!.]*$/.test(after)) return true;
  return STATUS_BEFORE.test(before) || STATUS_AFTER.test(after);
}

function extractHosts(text: string, lower: string): HostMention[] {
  const hosts: HostMention[] = [];
  // exec loops on the module's regexes: matchAll clones its regex on every call.
  if (lower.includes('://')) {
    URL_PATTERN.lastIndex = 0;
    for (let match = URL_PATTERN.exec(text); match !== null; match = URL_PATTERN.exec(text)) {
      const host = (match[2] ?? '').replace(/\.+$/, '');
      hosts.push({
        host,
        role: classifyHost(host),
        scheme: (match[1] ?? '').toLowerCase() === 'https' ? 'https' : 'http',
        port: match[3] ? Number(match[3]) : undefined,
        path: match[4],
        excerpt: excerptAt(text, match.index, match[0].length),
      });
      if (hosts.length >= 30) return hosts;
    }
  }
  for (const { pattern, kind, needs } of HOST_IN_ERROR) {
    if (!includesAny(lower, needs)) continue;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      const host = (match[1] ?? '').replace(/\.+$/, '');
      if (host === '') continue;
      hosts.push({
        host,
        role: classifyHost(host),
        port: match[2] ? Number(match[2]) : undefined,
        namedBy: kind,
        excerpt: excerptAt(text, match.index, match[0].length),
      });
      if (hosts.length >= 30) return hosts;
    }
  }
  return hosts;
}

function includesAny(lower: string, needs: string | readonly string[]): boolean {
  return typeof needs === 'string' ? lower.includes(needs) : needs.some((n) => lower.includes(n));
}

function extractFailures(text: string, hosts: HostMention[]): FailureMention[] {
  const failures: FailureMention[] = [];
  for (const [kind, pattern] of Object.entries(FAILURE_PATTERNS) as [FailureKind, RegExp][]) {
    const match = pattern.exec(text);
    if (!match) continue;
    const excerpt = excerptAt(text, match.index, match[0].length);
    const named = hostForFailure(kind, text, match.index, hosts);
    failures.push({ kind, host: named?.host, role: named?.role, port: named?.port, excerpt });
  }
  return failures;
}

/**
 * The host a failure concerns: one named in the same kind of error, else one on the same line,
 * else the first URL in the paste (people paste the command, then its error).
 */
function hostForFailure(
  kind: FailureKind,
  text: string,
  index: number,
  hosts: HostMention[],
): HostMention | undefined {
  const named = hosts.find((h) => h.namedBy === kind);
  if (named) return named;
  const lineStart = text.lastIndexOf('\n', index) + 1;
  const lineEnd = text.indexOf('\n', index);
  const line = text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
  return (
    hosts.find((h) => line.includes(h.host)) ??
    hosts.find((h) => h.scheme !== undefined) ??
    hosts[0]
  );
}
