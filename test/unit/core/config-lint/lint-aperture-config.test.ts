import { describe, expect, it } from 'vitest';
import { lintApertureConfig } from '../../../../src/core/config-lint/lint-aperture-config.js';
import { BROKEN_CONFIG, HEALTHY_CONFIG } from '../../../integration/fakes/fake-aperture.js';
import { devices } from '../../../integration/fakes/fake-tailscale-api.js';

const broken = lintApertureConfig(JSON.stringify(BROKEN_CONFIG), { devices: devices().devices });
const finding = (rule: string) => broken.findings.filter((f) => f.rule === rule);

describe('lintApertureConfig', () => {
  it('finds nothing wrong in a healthy config', () => {
    expect(lintApertureConfig(JSON.stringify(HEALTHY_CONFIG)).findings).toEqual([]);
  });

  it.each([
    ['src-tagged-devices-label', 'grants[0].src[0]'],
    ['src-tags-not-sorted', 'grants[1].src[0]'],
    ['src-tags-match-no-device', 'grants[2].src[0]'],
    ['models-without-role', 'grants[3]'],
    ['grant-has-dst', 'grants[4].dst'],
    ['undefined-bucket', 'grants[4].app["tailscale.com/cap/aperture"][0].quotas[0]'],
    ['unknown-role', 'grants[5].app["tailscale.com/cap/aperture"][0].role'],
    ['zero-capacity', 'quotas["team-monthly"].capacity'],
    ['unknown-rate-unit', 'quotas["team-monthly"].rate'],
    ['unknown-on-exceed', 'quotas["team-monthly"].on_exceed'],
    ['unknown-bucket-template', 'quotas["daily:<team>"]'],
    ['invalid-capacity', 'quotas["daily:<team>"].capacity'],
    ['invalid-rate', 'quotas["daily:<team>"].rate'],
    ['no-admin-grant', 'grants'],
    ['capacity-without-currency', 'quotas["weekly:<user>"].capacity'],
    ['unreferenced-bucket', 'quotas["team-monthly"]'],
    ['unreferenced-bucket', 'quotas["weekly:<user>"]'],
    ['baseurl-ends-in-v1', 'providers["openai"].baseurl'],
    ['baseurl-ends-in-v1', 'providers["groq"].baseurl'],
  ])('reports %s at %s', (rule, path) => {
    expect(finding(rule).map((f) => f.path)).toContain(path);
  });

  it('reports unknown fields in grants, capabilities and buckets as warnings', () => {
    expect(finding('unknown-field').map((f) => f.path)).toEqual(
      expect.arrayContaining([
        'grants[5].note',
        'grants[5].app["tailscale.com/cap/aperture"][0].colour',
        'quotas["daily:<team>"].burst',
      ]),
    );
  });

  it('suggests the full tag string a device really carries', () => {
    expect(finding('src-tags-match-no-device')[0]?.fix).toContain('tag:ci,tag:prod');
  });

  it('warns when every caller is still an admin', () => {
    const config = {
      grants: [{ src: ['*'], app: { 'tailscale.com/cap/aperture': [{ role: 'admin' }] } }],
    };
    expect(lintApertureConfig(JSON.stringify(config)).findings.map((f) => f.rule)).toEqual([
      'wildcard-admin',
    ]);
  });

  it('reads HuJSON: comments and trailing commas', () => {
    const source =
      '{\n  // admins\n  "grants": [{"src": ["ops@example.com"], "app": {"tailscale.com/cap/aperture": [{"role": "admin"},]}},],\n}';
    expect(lintApertureConfig(source).errors).toBe(0);
  });

  it('ignores a byte-order mark before the document', () => {
    expect(lintApertureConfig(`\uFEFF${JSON.stringify(HEALTHY_CONFIG)}`).findings).toEqual([]);
  });

  it('reports a syntax error with its line instead of throwing', () => {
    const report = lintApertureConfig('{\n "grants": [\n');
    expect(report.findings[0]).toMatchObject({
      rule: 'parse-error',
      message: expect.stringMatching(/line \d/),
    });
  });

  it.each([
    ['[]', 'an array'],
    ['[{"grants": []}]', 'an array'],
    ['42', 'a number'],
    ['"grants"', 'a string'],
    ['null', 'null'],
    ['true', 'a boolean'],
  ])('says that %s is not an Aperture config, rather than not JSON', (source, what) => {
    const report = lintApertureConfig(source);
    expect(report.linted).toBe(false);
    expect(report.findings).toEqual([
      expect.objectContaining({
        severity: 'error',
        rule: 'not-an-object',
        path: '',
        message: `Not an Aperture config: the root must be an object, and this is ${what}.`,
      }),
    ]);
  });

  it.each(['', '  \n', '// only a comment\n'])('says that %j is an empty document', (source) => {
    expect(lintApertureConfig(source)).toMatchObject({
      linted: false,
      findings: [{ rule: 'empty-document', message: 'The document is empty.' }],
    });
  });

  it('reports a syntax error as a document it could not lint', () => {
    expect(lintApertureConfig('{"grants": [}')).toMatchObject({
      linted: false,
      findings: [{ rule: 'parse-error' }],
    });
  });

  it('lints the document inside the {config, hash} wrapper that GET /api/config returns', () => {
    expect(
      lintApertureConfig(JSON.stringify({ config: HEALTHY_CONFIG, hash: 'abc' })).findings,
    ).toEqual([]);
  });

  describe('`__proto__` keys, which Aperture reads as ordinary unknown fields', () => {
    const admin =
      '{"src": ["ops@example.com"], "app": {"tailscale.com/cap/aperture": [{"role": "admin"}]}}';
    const rulesAt = (source: string) =>
      lintApertureConfig(source).findings.map((f) => `${f.rule} ${f.path}`);

    it('does not count grants under a top-level `__proto__` key, and reports the key as unknown', () => {
      const found = rulesAt(`{"__proto__": {"grants": [${admin}]}}`);
      expect(found).toContain('no-admin-grant grants');
      expect(found).toContain('unknown-field __proto__');
    });

    it('does not count a role under a `__proto__` key of a capability', () => {
      const found = rulesAt(
        '{"grants": [{"src": ["ops@example.com"], "app": {"tailscale.com/cap/aperture": [{"__proto__": {"role": "admin"}}]}}]}',
      );
      expect(found).toContain('no-admin-grant grants');
      expect(found).toContain(
        'unknown-field grants[0].app["tailscale.com/cap/aperture"][0].__proto__',
      );
    });

    it('does not count an `app` under a `__proto__` key of a grant', () => {
      const found = rulesAt(
        '{"grants": [{"src": ["ops@example.com"], "__proto__": {"app": {"tailscale.com/cap/aperture": [{"role": "admin"}]}}}]}',
      );
      expect(found).toContain('no-admin-grant grants');
      expect(found).toContain('unknown-field grants[0].__proto__');
    });

    it('reports objects and arrays where strings belong without throwing', () => {
      const source = JSON.stringify({
        grants: [
          { src: ['ops@example.com'], app: { 'tailscale.com/cap/aperture': [{ role: {} }] } },
        ],
        quotas: { x: { capacity: { a: 1 }, rate: [], on_exceed: {} } },
      });
      expect(rulesAt(source)).toEqual(
        expect.arrayContaining([
          'unknown-role grants[0].app["tailscale.com/cap/aperture"][0].role',
          'invalid-capacity quotas["x"].capacity',
          'invalid-rate quotas["x"].rate',
          'unknown-on-exceed quotas["x"].on_exceed',
        ]),
      );
    });
  });

  it.each([
    ['arrays', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['objects', `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`],
    ['brackets that never close', `{"grants": ${'['.repeat(100_000)}`],
  ])('reports 100,000 levels of nested %s as too deep to lint, without throwing', (_, source) => {
    const report = lintApertureConfig(source);
    expect(report.linted).toBe(false);
    expect(report.findings).toEqual([
      expect.objectContaining({ severity: 'error', rule: 'too-deep', path: '' }),
    ]);
  });

  it('lints a document nested as deeply as a real config', () => {
    expect(lintApertureConfig(JSON.stringify(HEALTHY_CONFIG))).toMatchObject({ linted: true });
  });

  describe('`temp_grants`, the grants key of early-2026 instances', () => {
    const cap = (...entries: object[]) => ({ 'tailscale.com/cap/aperture': entries });
    const grants = [
      { src: ['ops@example.com'], app: cap({ role: 'admin' }) },
      { src: ['tagged-devices'], app: cap({ role: 'user' }) },
      { src: ['tag:dev'], app: cap({ role: 'user' }) },
    ];
    const rulesAt = (config: object) =>
      lintApertureConfig(JSON.stringify(config)).findings.map((f) => `${f.rule} ${f.path}`);

    it('counts an admin grant under `temp_grants`', () => {
      expect(rulesAt({ temp_grants: grants }).join('\n')).not.toMatch(/no-admin-grant/);
    });

    it('reports a `tagged-devices` src and a tag src there, since only login names and `*` match', () => {
      expect(rulesAt({ temp_grants: grants })).toEqual(
        expect.arrayContaining([
          'src-tagged-devices-label temp_grants[1].src[0]',
          'src-tag-on-temp-grants temp_grants[2].src[0]',
        ]),
      );
    });

    it('reports only the `tagged-devices` src when the same grants are under `grants`', () => {
      const found = rulesAt({ grants });
      expect(found).toContain('src-tagged-devices-label grants[1].src[0]');
      expect(found.filter((f) => f.includes('.src['))).toEqual([
        'src-tagged-devices-label grants[1].src[0]',
      ]);
    });

    it('warns that a group src is not known to match on such an instance', () => {
      const config = {
        temp_grants: [grants[0], { src: ['group:ai-users'], app: cap({ role: 'user' }) }],
      };
      expect(rulesAt(config)).toContain('src-group-on-temp-grants temp_grants[1].src[0]');
    });

    it('says which generation of instance the key implies', () => {
      const report = lintApertureConfig(JSON.stringify({ temp_grants: [grants[0]] }));
      expect(report.findings).toEqual([
        expect.objectContaining({
          severity: 'info',
          rule: 'older-config-key',
          path: 'temp_grants',
          message: expect.stringMatching(/early-2026.*only login names and `\*`/),
        }),
      ]);
    });

    it('warns when both keys are present, naming the generation each implies', () => {
      const report = lintApertureConfig(
        JSON.stringify({ grants: [grants[0]], temp_grants: [grants[0]] }),
      );
      expect(report.findings).toEqual([
        expect.objectContaining({
          severity: 'warning',
          rule: 'both-grant-keys',
          message: expect.stringMatching(/`grants`.*current.*`temp_grants`.*early-2026/),
        }),
      ]);
    });

    it('lints grants under `temp_grants` with the same rules as under `grants`', () => {
      const { grants: brokenGrants, ...rest } = BROKEN_CONFIG;
      const old = lintApertureConfig(JSON.stringify({ ...rest, temp_grants: brokenGrants }));
      const rules = (r: typeof old) =>
        new Set(r.findings.filter((f) => /^(temp_)?grants\[/.test(f.path)).map((f) => f.rule));
      const current = rules(lintApertureConfig(JSON.stringify(BROKEN_CONFIG)));
      current.delete('src-tags-not-sorted');
      expect([...rules(old)]).toEqual(expect.arrayContaining([...current]));
      expect(old.findings.map((f) => f.path)).toContain(
        'temp_grants[4].app["tailscale.com/cap/aperture"][0].quotas[0]',
      );
    });
  });

  describe('lock-out: no person left as admin', () => {
    const adminFor = (...src: string[]) => ({
      src,
      app: { 'tailscale.com/cap/aperture': [{ role: 'admin' }] },
    });
    const lint = (config: object) => lintApertureConfig(JSON.stringify(config));
    const rulesAt = (config: object) => lint(config).findings.map((f) => `${f.rule} ${f.path}`);

    it('reports an admin role granted only to a tag, with the recovery steps', () => {
      const report = lint({ grants: [adminFor('tag:ci')] });
      expect(report.errors).toBe(1);
      const lockOut = report.findings.find((f) => f.rule === 'no-person-admin');
      expect(lockOut).toMatchObject({ severity: 'error', path: 'grants' });
      expect(lockOut?.fix).toMatch(/untagged/);
      expect(lockOut?.fix).toMatch(/tsnet/);
      expect(lockOut?.fix).toMatch(/`GET http:\/\/ai\/api\/config`/);
      expect(lockOut?.fix).toMatch(/`PUT`.*`hash`/);
    });

    it('reports the lock-out as well as the src when the only admin src is `tagged-devices`', () => {
      expect(rulesAt({ grants: [adminFor('tagged-devices')] })).toEqual([
        'src-tagged-devices-label grants[0].src[0]',
        'no-person-admin grants',
      ]);
    });

    it('warns that an admin role held only through a group needs the visible-groups attribute', () => {
      const report = lint({ grants: [adminFor('group:ops', 'tag:ci')] });
      expect(report.errors).toBe(0);
      expect(report.findings).toEqual([
        expect.objectContaining({
          severity: 'warning',
          rule: 'admin-only-via-group',
          fix: expect.stringContaining('tailscale.com/visible-groups'),
        }),
      ]);
    });

    it('reports an admin role held only through a group or a tag under `temp_grants`', () => {
      expect(rulesAt({ temp_grants: [adminFor('group:ops')] })).toContain(
        'no-person-admin temp_grants',
      );
      expect(rulesAt({ temp_grants: [adminFor('tag:ci')] })).toContain(
        'no-person-admin temp_grants',
      );
    });

    it.each([['ops@example.com'], ['*']])('finds no lock-out when %s is an admin', (src) => {
      expect(rulesAt({ grants: [adminFor('tag:ci'), adminFor(src)] }).join()).not.toMatch(
        /no-person-admin|admin-only-via-group/,
      );
    });
  });

  it('asks for a currency in a capacity, with the amount it should be', () => {
    const [capacity] = finding('capacity-without-currency');
    expect(capacity).toMatchObject({
      severity: 'error',
      fix: expect.stringContaining('`"$10.00"`'),
    });
  });

  it('reports a bucket without a capacity', () => {
    const report = lintApertureConfig(JSON.stringify({ quotas: { x: { rate: '$1.00/day' } } }));
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        rule: 'invalid-capacity',
        path: 'quotas["x"].capacity',
        message: 'The bucket has no `capacity`.',
      }),
    );
  });

  it('gives the base URL without `/v1`, since Aperture appends `/v1/...` itself', () => {
    expect(finding('baseurl-ends-in-v1').map((f) => [f.severity, f.fix])).toEqual([
      ['error', expect.stringContaining('`https://api.openai.com`')],
      ['error', expect.stringContaining('`https://api.groq.com/openai`')],
    ]);
  });

  it('warns about a bucket no grant references, under either grants key', () => {
    const bucket = { capacity: '$1.00', rate: '$1.00/day' };
    const ref = (name: string) => ({
      src: ['ops@example.com'],
      app: {
        'tailscale.com/cap/aperture': [{ role: 'admin', models: '**', quotas: [{ bucket: name }] }],
      },
    });
    const report = lintApertureConfig(
      JSON.stringify({
        grants: [ref('a')],
        temp_grants: [ref('b')],
        quotas: { a: bucket, b: bucket, unused: bucket },
      }),
    );
    expect(report.findings.filter((f) => f.rule === 'unreferenced-bucket')).toEqual([
      expect.objectContaining({ severity: 'warning', path: 'quotas["unused"]' }),
    ]);
  });

  it('lints the HuJSON text that GET /api/config returns as a string in its wrapper', () => {
    const text = `// live\n${JSON.stringify(HEALTHY_CONFIG, null, 2)}`;
    const wrapped = JSON.stringify({ config: text, exists: true, hash: 'abc123' });
    expect(lintApertureConfig(wrapped).findings).toEqual([]);
  });

  it('says a syntax error is inside the wrapped config string', () => {
    const wrapped = JSON.stringify({ config: '{"grants": [}', exists: true, hash: 'abc123' });
    expect(lintApertureConfig(wrapped)).toMatchObject({
      linted: false,
      findings: [
        { rule: 'parse-error', path: 'config', message: expect.stringMatching(/^In `config`/) },
      ],
    });
  });

  it('counts errors and warnings', () => {
    expect(broken.errors).toBeGreaterThan(10);
    expect(broken.warnings).toBeGreaterThan(2);
  });
});
