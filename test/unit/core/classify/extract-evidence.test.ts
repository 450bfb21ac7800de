import { describe, expect, it } from 'vitest';
import { classifyHost, isTailnetAddress } from '../../../../src/core/classify/classify-host.js';
import { extractFacts } from '../../../../src/core/classify/extract-evidence.js';

describe('extractFacts', () => {
  it.each([
    ['curl: (22) The requested URL returned error: 403', 403],
    ['HTTP/1.1 429 Too Many Requests', 429],
    ['AxiosError: Request failed with status code 429', 429],
    ['urllib.error.HTTPError: HTTP Error 429: Too Many Requests', 429],
    ['PermissionDeniedError: 403 {"error":"x"}', 403],
    ['intermittent 403s from aperture', 403],
  ])('reads the status in "%s"', (text, code) => {
    expect(extractFacts(text).statuses.map((s) => s.code)).toContain(code);
  });

  it.each([
    ['HTTP/2 403', 403],
    ['{"status": 429, "message": "quota"}', 429],
    ['statusCode=403', 403],
    ['Error code: 429 - {"error": {"type": "insufficient_quota"}}', 429],
    ['RateLimitError: 429 {"type":"error"}', 429],
    ["<HTTPError 403: 'Forbidden'>", 403],
    ['API Error: 403 {"error":"access denied: no role granted"}', 403],
    ['aperture keeps giving me 429 since lunch', 429],
    ['405 method not allowed', 405],
    ['got a 503 from http://ai', 503],
    ['status: 404 on /v1/responses', 404],
  ])('reads the status in the status context of "%s"', (text, code) => {
    expect(extractFacts(text).statuses.map((s) => s.code)).toContain(code);
  });

  it.each([
    ['< Content-Length: 429'],
    ['  File "client.py", line 403, in main'],
    ['curl http://ai/v1/models took 403 ms'],
    ['Nov 30 10:01:02 host worker[405]: Could not resolve host: ai'],
    ['we have 429 open tickets this sprint'],
    ['see PR #403 for the fix'],
    ['read 405 bytes from the socket'],
    ['timeout after 503 seconds'],
  ])('does not read a status in "%s", where the number is not one', (text) => {
    expect(extractFacts(text).statuses).toEqual([]);
  });

  it('does not take ports, file positions or durations for statuses', () => {
    const text =
      'connect ECONNREFUSED 100.101.7.42:443 at ssl3_record.c:350 after 404ms, line 1351';
    expect(extractFacts(text).statuses).toEqual([]);
  });

  it.each([
    ['ping: ai: Name or service not known', 'ai'],
    ['ping: cannot resolve aperture: Unknown host', 'aperture'],
    ['Ping request could not find host ai. Please check the name and try again.', 'ai'],
    ["wget: bad address 'aperture'", 'aperture'],
    ["** server can't find ai.tail1234.ts.net: NXDOMAIN", 'ai.tail1234.ts.net'],
    ['Host ai not found: 3(NXDOMAIN)', 'ai'],
    ['Resolve-DnsName : ai : DNS name does not exist', 'ai'],
    ["ai: resolve call failed: 'ai' not found", 'ai'],
    ['HttpRequestException: No such host is known. (ai:80)', 'ai'],
    [
      ';; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 4\n;; QUESTION SECTION:\n;ai.tail1234.ts.net.\t\tIN\tA',
      'ai.tail1234.ts.net',
    ],
  ])('GIVEN the resolver output "%s" THEN reads a failed lookup of %s', (text, host) => {
    const facts = extractFacts(text.replace(/\\n/g, '\n').replace(/\\t/g, '\t'));
    expect(facts.failures.find((f) => f.kind === 'resolve')).toMatchObject({
      host,
      role: 'aperture',
    });
  });

  it('finds the host a lookup failed for, on the same line only', () => {
    const facts = extractFacts(
      'npm error errno ENOTFOUND\nnpm error request to https://registry.npmjs.org/x failed',
    );
    expect(facts.failures[0]).toMatchObject({
      kind: 'resolve',
      host: 'registry.npmjs.org',
      role: 'other',
    });
  });

  it('reads a refused connection with its host and port', () => {
    expect(
      extractFacts('fetch failed (cause: connect ECONNREFUSED 100.101.7.42:443)').failures[0],
    ).toMatchObject({
      kind: 'refused',
      port: 443,
      role: 'aperture',
    });
  });

  it("reads the host and port of a Go client's dial error", () => {
    expect(
      extractFacts('Post "http://x/v1": dial tcp 100.72.8.40:80: i/o timeout').failures,
    ).toContainEqual(expect.objectContaining({ kind: 'timeout', host: '100.72.8.40', port: 80 }));
    expect(
      extractFacts('dial tcp 100.77.1.9:9000: connect: connection refused').failures[0],
    ).toMatchObject({ kind: 'refused', host: '100.77.1.9', port: 9000, role: 'aperture' });
  });

  it('reads the host an error names whatever its case', () => {
    expect(extractFacts('connect econnrefused 100.101.7.42:443').failures[0]).toMatchObject({
      kind: 'refused',
      host: '100.101.7.42',
      port: 443,
    });
    expect(extractFacts('GETADDRINFO ENOTFOUND AI').hosts.map((h) => h.host)).toEqual(['AI']);
  });

  it('skips a host pattern only when the text lacks what it needs', () => {
    // Each host phrasing once, upper-cased the way the clients print it.
    const pastes = [
      'curl: (6) Could not resolve host: ai',
      'Error: getaddrinfo ENOTFOUND ai',
      "Failed to resolve 'ai' ([Errno -2] Name or service not known)",
      'dial tcp: lookup ai on 127.0.0.53:53: no such host',
      'Safari can\'t find the server "ai".',
      "HTTPConnectionPool(host='ai', port=80): Max retries exceeded",
      'curl: (7) Failed to connect to ai port 80 after 3 ms',
      "wget: bad address 'ai'",
      "** server can't find ai: NXDOMAIN",
      'Host ai not found: 3(NXDOMAIN)',
      'Resolve-DnsName : ai : DNS name does not exist',
      'No such host is known. (ai:80)',
      'ping: ai: Name or service not known',
      'Ping request could not find host ai. Please check the name and try again.',
    ];
    for (const paste of pastes)
      expect(
        extractFacts(paste).hosts.map((h) => h.host),
        paste,
      ).toContain('ai');
  });
  it('reads Retry-After and tags', () => {
    const facts = extractFacts('retry-after: 86400\nTags: tag:ci, tag:prod');
    expect(facts.retryAfterSeconds).toBe(86_400);
    expect(facts.tags).toEqual(['tag:ci', 'tag:prod']);
  });
});

describe('classifyHost', () => {
  it.each([
    ['ai', 'aperture'],
    ['your-aperture-host', 'aperture'],
    ['ai.tail1234.ts.net', 'aperture'],
    ['100.101.7.42', 'aperture'],
    ['de-fra-wg-003.mullvad.ts.net', 'mullvad-exit-node'],
    ['api.anthropic.com', 'provider'],
    ['127.0.0.1', 'local'],
    ['postgres', 'short-name'],
    ['registry.npmjs.org', 'other'],
  ])('classifies %s as %s', (host, role) => {
    expect(classifyHost(host)).toBe(role);
  });

  it('knows the tailnet range is 100.64.0.0/10 and nothing beyond', () => {
    expect([isTailnetAddress('100.64.0.1'), isTailnetAddress('100.127.255.255')]).toEqual([
      true,
      true,
    ]);
    expect([isTailnetAddress('100.63.0.1'), isTailnetAddress('100.128.0.1')]).toEqual([
      false,
      false,
    ]);
  });
});
