import { describe, expect, it } from 'vitest';
import { SYMPTOM_IDS } from '../../../../src/core/knowledge/symptom-ids.js';
import { buildTopicReply } from '../../../../src/core/reply/build-symptom-reply.js';
import type { Reply } from '../../../../src/core/reply/reply.js';
import { renderSlackBlocks } from '../../../../src/platforms/slack/render-slack-blocks.js';
import { truncateText as truncate } from '../../../../src/platforms/truncate-text.js';
import { SLACK_LIMITS } from '../../../../src/platforms/slack/slack-limits.js';
import { expectGolden } from '../../../helpers/expect-golden.js';

/** Text summed over all blocks, as Slack counts it for msg_blocks_too_long. */
function blockText(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + blockText(item), 0);
  if (typeof value !== 'object' || value === null) return 0;
  return Object.entries(value).reduce(
    (sum, [key, inner]) =>
      sum + (key === 'text' && typeof inner === 'string' ? inner.length : blockText(inner)),
    0,
  );
}

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
  evidence: Array.from({ length: 5 }, () => ({ signal: 's', excerpt: 'e'.repeat(120) })),
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
    const { blocks } = renderSlackBlocks({ ...reply, summary: 'a <b> & c' });
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
