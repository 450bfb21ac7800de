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
import {
  DISCORD_LIMITS,
  renderDiscordMessage,
} from '../../../../src/platforms/discord/render-discord-message.js';
import { expectGolden } from '../../../helpers/expect-golden.js';
import { discordTextLength } from '../../../helpers/reply-text-length.js';
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
  evidence: ['e'.repeat(120)],
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

  it.each(Object.keys(TYPICAL) as Array<keyof typeof TYPICAL>)(
    'renders the reply to a typical %s paste as its golden file',
    (name) => {
      expectGolden(
        `discord/reply-${name}.json`,
        `${JSON.stringify(renderDiscordMessage(typicalReply(name)), null, 2)}\n`,
      );
    },
  );

  it('renders the no-match reply to a paste holding a secret as its golden file', () => {
    expectGolden(
      'discord/reply-secret-no-match.json',
      `${JSON.stringify(renderDiscordMessage(buildNoMatchReply(SECRET_NO_MATCH.diagnosis)), null, 2)}\n`,
    );
  });

  it.each(Object.keys(TYPICAL) as Array<keyof typeof TYPICAL>)(
    'keeps the reply to a typical %s paste within 1,800 characters of text',
    (name) => {
      // given the paste classified live, so a classifier or knowledge change is measured too
      const diagnosis = classifyText(TYPICAL[name].paste);
      expect(diagnosis.symptom).toBe(TYPICAL[name].diagnosis.symptom);
      // when
      const message = renderDiscordMessage({
        ...buildDiagnosisReply({ ...diagnosis, symptom: TYPICAL[name].diagnosis.symptom }),
        durationMs: TYPICAL_DURATION_MS,
      });
      // then
      expect(discordTextLength(message)).toBeLessThanOrEqual(1800);
    },
  );

  it('sends one embed that opens with the pasted-secret warning, also when nothing matched', () => {
    for (const reply of [
      typicalReply('secret-pasted'),
      buildNoMatchReply(SECRET_NO_MATCH.diagnosis),
    ]) {
      const { embeds } = renderDiscordMessage(reply);
      expect(embeds).toHaveLength(1);
      expect(embeds[0]?.description?.startsWith(`⚠️ **${CAVEATS['secret-pasted'].title}**`)).toBe(
        true,
      );
    }
  });

  it('shows the docs link as a visible field, the time in the footer, and no signal id', () => {
    const [embed] = renderDiscordMessage(typicalReply('403')).embeds;
    expect(embed?.fields?.at(-1)?.name).toBe('Documentation');
    expect(embed?.fields?.at(-1)?.value).toMatch(
      /^https:\/\/tailscale\.com\/docs\/aperture\/how-grants-work/,
    );
    expect(embed?.footer?.text).toBe(`Diagnosed in ${TYPICAL_DURATION_MS} ms`);
    for (const id of SIGNAL_IDS) expect(JSON.stringify(embed)).not.toContain(`\`${id}\``);
  });

  it('puts five or fewer buttons on one row', () => {
    expect(renderDiscordMessage(typicalReply('magicdns')).components).toHaveLength(1);
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
