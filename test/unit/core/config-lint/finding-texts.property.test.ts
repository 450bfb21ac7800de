import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintApertureConfig } from '../../../../src/core/config-lint/lint-aperture-config.js';
import { BROKEN_CONFIG } from '../../../integration/fakes/fake-aperture.js';

/** Every way a finding text can go wrong in Markdown (Slack, Discord and the console all show it). */
function textProblems(text: string): string[] {
  const problems: string[] = [];
  if (/\bjq\b/.test(text)) problems.push('suggests jq, which cannot read HuJSON');
  const parts = text.split('`');
  if (parts.length % 2 === 0) problems.push('has an unclosed code span');
  for (let i = 1; i < parts.length; i += 2) {
    const span = parts[i] ?? '';
    if (span === '') problems.push('has an empty code span');
    else if (/^\s|\s$/.test(span)) problems.push(`has spaces inside the code span \`${span}\``);
    if (span.includes('\n')) problems.push('has a line break inside a code span');
  }
  return problems;
}

function problemsIn(source: string): string[] {
  return lintApertureConfig(source).findings.flatMap((f) =>
    [f.message, f.fix].flatMap((text) => textProblems(text).map((p) => `${f.rule}: ${p}`)),
  );
}

const awkward = [' tag:ci', 'tag:b,tag:a ', '', ' ', 'a`b', 'x\ny', ' $10', '10 '];
const cap = (entry: Record<string, unknown>) => ({ 'tailscale.com/cap/aperture': [entry] });

describe('finding texts', () => {
  it('never suggest jq, whose parser rejects HuJSON comments and trailing commas', () => {
    for (const source of ['{"grants": [', '{', '{"a": 1 "b": 2}', '// c\n{,}'])
      expect(problemsIn(source)).toEqual([]);
  });

  it.each(awkward)('keep code spans clean when a config value is %j', (value) => {
    const config = {
      [value]: 1,
      grants: [
        {
          src: [value],
          [value]: 1,
          app: cap({ role: value, [value]: 1, quotas: [{ bucket: value }] }),
        },
        { src: [`tag:z,${value}`], app: cap({ role: 'admin' }) },
      ],
      temp_grants: [{ src: [value, `tag:${value}`, `group:${value}`], app: cap({ role: value }) }],
      quotas: {
        [value]: { capacity: value, rate: value, on_exceed: value, [value]: 1 },
        [`daily:<${value}>`]: { capacity: '$1', rate: `$1/${value}` },
      },
      providers: { [value]: { baseurl: value } },
    };
    expect(problemsIn(JSON.stringify(config))).toEqual([]);
  });

  it('keep code spans clean for a broken config', () => {
    expect(problemsIn(JSON.stringify(BROKEN_CONFIG))).toEqual([]);
  });

  it('keep code spans clean whatever JSON stands where a string belongs', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.string(), (value, name) => {
        // A config value that is the word "jq" is quoted back, not suggested.
        fc.pre(!/\bjq\b/.test(JSON.stringify([value, name])));
        const config = {
          grants: [{ src: [value], app: cap({ role: value, quotas: [{ bucket: value }] }) }],
          temp_grants: [{ src: [value, name] }],
          quotas: { [name]: { capacity: value, rate: value, on_exceed: value } },
          providers: { [name]: { baseurl: value } },
        };
        expect(problemsIn(JSON.stringify(config))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
