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

  it('does not take ports, file positions or durations for statuses', () => {
    const text =
      'connect ECONNREFUSED 100.101.7.42:443 at ssl3_record.c:350 after 404ms, line 1351';
    expect(extractFacts(text).statuses).toEqual([]);
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
