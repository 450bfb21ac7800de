import { describe, expect, it } from 'vitest';
import { classifyText } from '../../../../src/core/classify/classify-text.js';

describe('classifyText on the shapes people send', () => {
  it("GIVEN Slack's glued-fence paste of a 403 THEN names access-denied", () => {
    const text =
      'claude code started failing:\n```API Error: 403 {"error":"access denied: no role granted"}```';
    expect(classifyText(text).symptom).toBe('access-denied');
  });

  it('GIVEN a glued-fence paste with a secret THEN still sets the rotation warning', () => {
    const text =
      'why?\n```curl -H "x-api-key: sk-ant-api03-abcdef1234567890XYZ" http://ai/v1/messages```';
    expect(classifyText(text).caveats).toContain('secret-pasted');
  });

  it('GIVEN a successful curl -v whose Content-Length is 429 THEN names no symptom', () => {
    const text = [
      '$ curl -v http://ai/v1/models',
      '*   Trying 100.101.7.42:80...',
      '* Connected to ai (100.101.7.42) port 80 (#0)',
      '> GET /v1/models HTTP/1.1',
      '> Host: ai',
      '< HTTP/1.1 200 OK',
      '< Content-Type: application/json',
      '< Content-Length: 429',
      '<',
      '{"data":[{"id":"claude-sonnet-4-5"}]}',
    ].join('\n');
    expect(classifyText(text).symptom).toBe('none');
  });

  it('GIVEN a Python traceback at line 403 next to http://ai THEN does not name access-denied', () => {
    const text = [
      'Traceback (most recent call last):',
      '  File "client.py", line 403, in main',
      '    resp = session.get("http://ai/v1/models")',
      "KeyError: 'data'",
    ].join('\n');
    expect(classifyText(text).symptom).not.toBe('access-denied');
  });

  it('GIVEN "took 403 ms" THEN names no symptom', () => {
    expect(classifyText('curl http://ai/v1/models took 403 ms, nice and fast').symptom).toBe(
      'none',
    );
  });

  it('GIVEN a 40 KB log whose PIDs are 405 THEN still finds the failed lookup of ai', () => {
    const line = 'Nov 30 10:01:02 build-07 worker[405]: job 7781 step ok\n';
    const text = `${line.repeat(40_000 / line.length)}Nov 30 10:01:03 build-07 worker[405]: curl: (6) Could not resolve host: ai\n`;
    expect(classifyText(text).symptom).toBe('magicdns');
  });
});
