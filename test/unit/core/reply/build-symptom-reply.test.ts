import { describe, expect, it } from 'vitest';
import { classifyText } from '../../../../src/core/classify/classify-text.js';
import { CAVEATS } from '../../../../src/core/knowledge/caveats.js';
import { SYMPTOMS } from '../../../../src/core/knowledge/index.js';
import { buildNoMatchReply } from '../../../../src/core/reply/build-other-replies.js';
import {
  buildDiagnosisReply,
  buildTopicReply,
} from '../../../../src/core/reply/build-symptom-reply.js';
import { describeEvidence } from '../../../../src/core/reply/describe-evidence.js';
import { SECRET_NO_MATCH, TYPICAL } from '../../../helpers/typical-diagnoses.js';

const SIGNAL_IDS = SYMPTOMS.flatMap((entry) => entry.signals.map((signal) => signal.name));

describe('describeEvidence', () => {
  it('says what the client called and what it got, in words', () => {
    expect(
      describeEvidence([
        {
          signal: 'status-403-from-aperture',
          excerpt:
            'requests.exceptions.HTTPError: 403 Client Error: Forbidden for url: http://ai/v1/messages',
        },
      ]),
    ).toEqual(['your client called `ai` and got 403 `Forbidden`']);
  });

  it('quotes the error body of a 403 rather than the whole line', () => {
    expect(describeEvidence(TYPICAL['403'].diagnosis.evidence)).toEqual([
      'your client got 403 `access denied: no role granted`',
    ]);
  });

  it('shows each excerpt once, also when one excerpt is part of another', () => {
    expect(describeEvidence(TYPICAL['secret-pasted'].diagnosis.evidence)).toHaveLength(1);
    expect(describeEvidence(TYPICAL['429'].diagnosis.evidence)).toEqual([
      'your client got 429 `Too Many Requests`',
      'the error says `rate_limit_error`',
    ]);
  });

  it('keeps at most three items and never shows a signal id', () => {
    const evidence = SIGNAL_IDS.map((signal, i) => ({ signal, excerpt: `line ${i} of the paste` }));
    const described = describeEvidence(evidence);
    expect(described).toHaveLength(3);
    for (const item of described) for (const id of SIGNAL_IDS) expect(item).not.toContain(id);
  });

  it('names the host a lookup failed for', () => {
    expect(describeEvidence(TYPICAL.magicdns.diagnosis.evidence)[0]).toMatch(
      /^the name `ai` did not resolve: `Post "http:\/\/ai\/v1\/messages": dial tcp: lookup ai/,
    );
  });

  it("words a /aperture why answer and the learned layer's words as the asker's", () => {
    expect(
      describeEvidence([
        { signal: 'topic', excerpt: 'why lockout: Aperture denies access: no role granted' },
        { signal: 'words', excerpt: 'the gateway keeps saying nope' },
      ]),
    ).toEqual(['you asked `why lockout`', 'your paste says `the gateway keeps saying nope`']);
  });

  it('cuts a long excerpt at a word and keeps backticks from breaking the code span', () => {
    const [item] = describeEvidence([{ signal: 'words', excerpt: `\`x\` ${'word '.repeat(40)}` }]);
    expect(item!.length).toBeLessThan(120);
    expect((item!.match(/`/g) ?? []).length).toBe(2);
  });
});

describe('buildDiagnosisReply', () => {
  it('puts a pasted secret in the warnings, not among the sections', () => {
    const reply = buildDiagnosisReply(TYPICAL['secret-pasted'].diagnosis);
    expect(reply.warnings?.map((w) => w.heading)).toEqual([CAVEATS['secret-pasted'].title]);
    expect(reply.sections.map((s) => s.heading)).not.toContain(CAVEATS['secret-pasted'].title);
  });

  it('names the deeper sections in one line when the evidence does not point at them', () => {
    const reply = buildDiagnosisReply(TYPICAL['403'].diagnosis);
    expect(reply.sections).toEqual([]);
    expect(reply.moreInDocs).toEqual([
      'Tagged devices and `src` matching',
      'Locked out of the configuration',
    ]);
  });

  it('shows the tagged-device section when the evidence quotes a tag', () => {
    const reply = buildDiagnosisReply({
      ...TYPICAL['403'].diagnosis,
      evidence: [{ signal: 'status-403', excerpt: 'my runner tag:ci gets a 403 from aperture' }],
    });
    expect(reply.sections.map((s) => s.heading)).toEqual(['Tagged devices and `src` matching']);
    expect(reply.moreInDocs).toEqual(['Locked out of the configuration']);
  });

  it('shows the lock-out section to a /aperture why about being locked out', () => {
    const reply = buildTopicReply('access-denied', {
      evidence: [{ signal: 'topic', excerpt: 'why locked out: Aperture denies access' }],
    });
    expect(reply.sections.map((s) => s.heading)).toEqual(['Locked out of the configuration']);
  });

  it('keeps every cause to one sentence', () => {
    for (const entry of SYMPTOMS)
      expect(
        entry.cause
          .replace(/`[^`]*`/g, '')
          .split(/[.!?](?:\s|$)/)
          .filter((s) => s.trim()),
      ).toHaveLength(1);
  });
});

describe('buildNoMatchReply', () => {
  it('warns about a pasted secret although nothing matched', () => {
    const reply = buildNoMatchReply(SECRET_NO_MATCH.diagnosis);
    expect(reply.warnings?.[0]?.heading).toBe(CAVEATS['secret-pasted'].title);
  });

  it('classifies the secret paste as nothing, with the rotation caveat', () => {
    const diagnosis = classifyText(SECRET_NO_MATCH.paste);
    expect(diagnosis.symptom).toBe('none');
    expect(diagnosis.caveats).toContain('secret-pasted');
  });
});
