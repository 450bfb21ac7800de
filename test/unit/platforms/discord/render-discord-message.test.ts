import { describe, expect, it } from 'vitest';
import { SYMPTOM_IDS } from '../../../../src/core/knowledge/symptom-ids.js';
import { buildTopicReply } from '../../../../src/core/reply/build-symptom-reply.js';
import type { Reply } from '../../../../src/core/reply/reply.js';
import {
  DISCORD_LIMITS,
  renderDiscordMessage,
} from '../../../../src/platforms/discord/render-discord-message.js';
import { expectGolden } from '../../../helpers/expect-golden.js';

const huge: Reply = {
  kind: 'diagnosis',
  title: 'T'.repeat(400),
  summary: 'S'.repeat(3000),
  cause: 'C'.repeat(3000),
  steps: Array.from({ length: 10 }, (_, i) => ({
    text: `step ${i} ${'x'.repeat(900)}`,
    command: 'y'.repeat(300),
  })),
  sections: Array.from({ length: 40 }, (_, i) => ({
    heading: `H${i}`.repeat(100),
    body: 'b'.repeat(3000),
  })),
  evidence: [{ signal: 's', excerpt: 'e'.repeat(120) }],
  actions: Array.from({ length: 30 }, (_, i) => ({
    id: `ad1|s|https|${i}`,
    label: 'L'.repeat(120),
    style: 'secondary' as const,
  })),
};

function embedText(embed: ReturnType<typeof renderDiscordMessage>['embeds'][number]): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}

describe('renderDiscordMessage', () => {
  it.each(SYMPTOM_IDS)('renders the %s reply as its golden file', (id) => {
    expectGolden(
      `discord/${id}.json`,
      `${JSON.stringify(renderDiscordMessage(buildTopicReply(id)), null, 2)}\n`,
    );
  });

  it('keeps every embed and component limit on an oversized reply', () => {
    const { embeds, components } = renderDiscordMessage(huge);
    const [embed] = embeds;
    expect(embed?.title?.length).toBeLessThanOrEqual(DISCORD_LIMITS.title);
    expect(embed?.description?.length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
    expect(embed?.fields?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.fields);
    for (const field of embed?.fields ?? []) {
      expect(field.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
      expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
    }
    expect(embedText(embed!)).toBeLessThanOrEqual(DISCORD_LIMITS.totalEmbedText);
    expect(components.length).toBeLessThanOrEqual(DISCORD_LIMITS.rows);
    for (const row of components) {
      expect(row.components.length).toBeLessThanOrEqual(DISCORD_LIMITS.buttonsPerRow);
      for (const button of row.components)
        expect(('label' in button ? button.label : '')?.length ?? 0).toBeLessThanOrEqual(
          DISCORD_LIMITS.buttonLabel,
        );
    }
  });

  it('gives every button a custom_id within 100 characters', () => {
    for (const id of SYMPTOM_IDS) {
      for (const row of renderDiscordMessage(buildTopicReply(id)).components) {
        for (const button of row.components)
          expect(('custom_id' in button ? button.custom_id : '').length).toBeLessThanOrEqual(
            DISCORD_LIMITS.customId,
          );
      }
    }
  });
});
