import { describe, expect, it } from 'vitest';
import { normalizePaste } from '../../../../src/core/classify/normalize-paste.js';

describe('normalizePaste', () => {
  it('unescapes the three characters Slack escapes', () => {
    expect(normalizePaste('&lt;HTTPError 403: &#39;Forbidden&#39;&gt; &amp;')).toBe(
      "<HTTPError 403: 'Forbidden'> &",
    );
  });

  it('turns Slack links into their URL', () => {
    expect(normalizePaste('calling <http://ai/v1/models|ai/v1/models> fails')).toBe(
      'calling http://ai/v1/models fails',
    );
  });

  it('turns Slack user mentions into readable names', () => {
    expect(normalizePaste('<@U123ABC> <#C99|ops> <!here>')).toBe('@U123ABC #ops @here');
  });

  it('removes code fences but keeps their content', () => {
    expect(normalizePaste('```bash\ncurl http://ai\n```')).toBe('curl http://ai');
  });

  it('keeps the error that Slack users glue to an opening fence', () => {
    expect(
      normalizePaste(
        'claude code started failing:\n```API Error: 403 {"error":"access denied: no role granted"}```',
      ),
    ).toBe(
      'claude code started failing:\nAPI Error: 403 {"error":"access denied: no role granted"}',
    );
  });

  it('keeps text glued to a closing fence and after it', () => {
    expect(normalizePaste('```\ncurl: (6) Could not resolve host: ai```\nany idea?')).toBe(
      'curl: (6) Could not resolve host: ai\nany idea?',
    );
  });

  it('drops a one-word language tag on an opening fence line, not a command', () => {
    expect(normalizePaste('```json\n{"error":"x"}\n```')).toBe('{"error":"x"}');
    expect(normalizePaste('```ping ai\nping: ai: Name or service not known\n```')).toBe(
      'ping ai\nping: ai: Name or service not known',
    );
  });

  it('removes tilde fences but keeps their content', () => {
    expect(normalizePaste('~~~\nHTTP/1.1 429 Too Many Requests\n~~~')).toBe(
      'HTTP/1.1 429 Too Many Requests',
    );
  });

  it('keeps inline code spans as text', () => {
    expect(normalizePaste('ran `tailscale dns status`, it says `MagicDNS: disabled`')).toBe(
      'ran tailscale dns status, it says MagicDNS: disabled',
    );
  });

  it("removes Discord's block-quote marker", () => {
    expect(normalizePaste('>>> 403 Forbidden\nfrom http://ai')).toBe(
      '403 Forbidden\nfrom http://ai',
    );
  });

  it('strips ANSI colour codes from terminal output', () => {
    expect(normalizePaste('\u001b[31mError:\u001b[0m 403')).toBe('Error: 403');
  });

  it('removes Discord markdown markers', () => {
    expect(normalizePaste('**403** __access denied__ ||spoiler||')).toBe(
      '403 access denied spoiler',
    );
  });

  it('removes the underscores of Slack and Discord italics, not those inside names', () => {
    expect(normalizePaste('_curl: (6) Could not resolve host: ai_')).toBe(
      'curl: (6) Could not resolve host: ai',
    );
    expect(normalizePaste('so _every_ call fails (on_exceed, DB_PASSWORD, x_)')).toBe(
      'so every call fails (on_exceed, DB_PASSWORD, x_)',
    );
  });

  it('folds smart quotes, zero-width characters and full-width letters', () => {
    expect(normalizePaste('“ai”\u200b ＡＰＩ')).toBe('"ai" API');
  });

  it("keeps curl -v's request lines, which start with >", () => {
    expect(normalizePaste('> GET /v1/models HTTP/1.1\n> Host: ai')).toContain(
      '> GET /v1/models HTTP/1.1',
    );
  });

  it('keeps the head and tail of a paste longer than it examines', () => {
    const text = `${'x'.repeat(100_000)}\nERROR at the end`;
    const normalized = normalizePaste(text);
    expect(normalized.length).toBeLessThan(60_000);
    expect(normalized.endsWith('ERROR at the end')).toBe(true);
  });
});
