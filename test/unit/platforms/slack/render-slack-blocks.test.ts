import { describe, expect, it } from 'vitest';
import { classifyText } from '../../../../src/core/classify/classify-text.js';
import { CAVEATS } from '../../../../src/core/knowledge/caveats.js';
import { SYMPTOMS } from '../../../../src/core/knowledge/index.js';
import { SYMPTOM_IDS } from '../../../../src/core/knowledge/symptom-ids.js';
import { buildNoMatchReply } from '../../../../src/core/reply/build-other-replies.js';
import {
  buildDiagnosisReply,
  buildTopicReply,
} from '../../../../src/core/reply/build-symptom-reply.js';
import type { Reply } from '../../../../src/core/reply/reply.js';
import { renderSlackBlocks } from '../../../../src/platforms/slack/render-slack-blocks.js';
import { truncateText as truncate } from '../../../../src/platforms/truncate-text.js';
import { SLACK_LIMITS } from '../../../../src/platforms/slack/slack-limits.js';
import { expectGolden } from '../../../helpers/expect-golden.js';
import { slackTextLength as blockText } from '../../../helpers/reply-text-length.js';
import {
  SECRET_NO_MATCH,
  TYPICAL,
  TYPICAL_DURATION_MS,
} from '../../../helpers/typical-diagnoses.js';

const SIGNAL_IDS = SYMPTOMS.flatMap((entry) => entry.signals.map((signal) => signal.name));
const typicalReply = (name: keyof typeof TYPICAL) => ({
  ...buildDiagnosisReply(TYPICAL[name].diagnosis),
  durationMs: TYPICAL_DURATION_MS,
});

const huge: Reply = {
  kind: 'check-result',
  title: 'T'.repeat(400),
  summary: 'S'.repeat(5000),
  cause: 'C'.repeat(5000),
  steps: Array.from({ length: 10 }, (_, i) => ({
    text: `step ${i} ${'x'.repeat(2500)}`,
    command: 'y'.repeat(900),
  })),
  sections: Array.from({ length: 30 }, (_, i) => ({ heading: `H${i}`, body: 'b'.repeat(3000) })),
  evidence: Array.from({ length: 5 }, () => 'e'.repeat(120)),
  docsUrl: 'https://tailscale.com/docs/aperture/troubleshooting',
  actions: Array.from({ length: 30 }, (_, i) => ({
    id: `ad1|s|https|${i}`,
    label: 'L'.repeat(100),
    style: 'secondary' as const,
  })),
  status: 'fail',
};

describe('renderSlackBlocks', () => {
  it.each(SYMPTOM_IDS)('renders the %s reply as its golden file', (id) => {
    expectGolden(
      `slack/${id}.json`,
      `${JSON.stringify(renderSlackBlocks(buildTopicReply(id)), null, 2)}\n`,
    );
  });

  it.each(Object.keys(TYPICAL) as Array<keyof typeof TYPICAL>)(
    'renders the reply to a typical %s paste as its golden file',
    (name) => {
      expectGolden(
        `slack/reply-${name}.json`,
        `${JSON.stringify(renderSlackBlocks(typicalReply(name)), null, 2)}\n`,
      );
    },
  );

  it('renders the no-match reply to a paste holding a secret as its golden file', () => {
    expectGolden(
      'slack/reply-secret-no-match.json',
      `${JSON.stringify(renderSlackBlocks(buildNoMatchReply(SECRET_NO_MATCH.diagnosis)), null, 2)}\n`,
    );
  });

  it.each(Object.keys(TYPICAL) as Array<keyof typeof TYPICAL>)(
    'keeps the reply to a typical %s paste within 1,800 characters of text',
    (name) => {
      // given the paste classified live, so a classifier or knowledge change is measured too
      const diagnosis = classifyText(TYPICAL[name].paste);
      expect(diagnosis.symptom).toBe(TYPICAL[name].diagnosis.symptom);
      // when
      const { blocks } = renderSlackBlocks({
        ...buildDiagnosisReply({ ...diagnosis, symptom: TYPICAL[name].diagnosis.symptom }),
        durationMs: TYPICAL_DURATION_MS,
      });
      // then
      expect(blockText(blocks)).toBeLessThanOrEqual(1800);
    },
  );

  it('puts the pasted-secret warning before the header, also when nothing matched', () => {
    for (const reply of [
      typicalReply('secret-pasted'),
      buildNoMatchReply(SECRET_NO_MATCH.diagnosis),
    ]) {
      const [first, second] = renderSlackBlocks(reply).blocks;
      expect(JSON.stringify(first)).toContain(CAVEATS['secret-pasted'].title);
      expect(second?.type).toBe('header');
    }
  });

  it('shows commands as rich_text_preformatted and no signal id anywhere', () => {
    const json = JSON.stringify(renderSlackBlocks(typicalReply('403')).blocks);
    expect(json).toContain(
      '{"type":"rich_text_preformatted","elements":[{"type":"text","text":"curl http://ai/v1/models"}]}',
    );
    for (const id of SIGNAL_IDS) expect(json).not.toContain(`\`${id}\``);
  });

  it('puts the docs link and the diagnosis time in one context block', () => {
    const context = renderSlackBlocks(typicalReply('403')).blocks.find((b) => b.type === 'context');
    const texts = (context?.elements as Array<{ text: string }>).map((e) => e.text);
    expect(texts[0]).toBe('<https://tailscale.com/docs/aperture/how-grants-work|Documentation>');
    expect(texts).toContain(`Diagnosed in ${TYPICAL_DURATION_MS} ms`);
  });

  it('keeps every Block Kit limit on an oversized reply', () => {
    const { blocks, text } = renderSlackBlocks(huge);
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
    for (const block of blocks) {
      const textField = (block.text as { text?: string } | undefined)?.text ?? '';
      if (block.type === 'header')
        expect(textField.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
      if (block.type === 'section')
        expect(textField.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      if (block.type === 'actions') {
        const elements = block.elements as Array<{ text: { text: string }; action_id: string }>;
        expect(elements.length).toBeLessThanOrEqual(SLACK_LIMITS.actionsElements);
        for (const element of elements)
          expect(element.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
      }
    }
  });

  it('caps the summed block text near 10,000 characters and still keeps the buttons', () => {
    const { blocks } = renderSlackBlocks(huge);
    expect(blockText(blocks)).toBeLessThanOrEqual(SLACK_LIMITS.totalBlockText);
    expect(blocks.at(-1)?.type).toBe('actions');
    expect(JSON.stringify(blocks)).toContain('shortened to fit Slack');
  });

  it('escapes the characters Slack reserves', () => {
    const reply = buildTopicReply('https');
    const { blocks } = renderSlackBlocks({ ...reply, cause: 'a <b> & c' });
    expect(JSON.stringify(blocks)).toContain('a &lt;b&gt; &amp; c');
  });
});

describe('truncateText', () => {
  it('never splits a surrogate pair', () => {
    const cut = truncate(`${'a'.repeat(9)}😀😀`, 11);
    expect(cut).toBe(`${'a'.repeat(9)}…`);
  });

  it('closes a code fence it cut open', () => {
    const cut = truncate('step ```curl http://ai/v1/models```', 20);
    expect((cut.match(/```/g) ?? []).length % 2).toBe(0);
  });
});
