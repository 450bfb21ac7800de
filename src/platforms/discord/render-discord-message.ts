import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  EmbedBuilder,
  StringSelectMenuBuilder,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
} from 'discord.js';
import type { Reply } from '../../core/reply/reply.js';
import { truncateText as truncate } from '../truncate-text.js';

/**
 * Embed and component limits.
 * @see https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 * @see https://discord.com/developers/docs/interactions/message-components#button-object
 */
export const DISCORD_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  totalEmbedText: 6000,
  buttonsPerRow: 5,
  rows: 5,
  buttonLabel: 80,
  customId: 100,
} as const;

const COLOURS: Record<string, number> = {
  pass: 0x2e7d32,
  warn: 0xf9a825,
  fail: 0xc62828,
  'could-not-run': 0x757575,
  diagnosis: 0x5865f2,
  default: 0x4f545c,
};

export interface DiscordMessage {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

/**
 * Reply → one embed and button rows, built with discord.js builders (validated by toJSON). Pure.
 * The description reads: warnings (a pasted secret, first), cause (or summary), numbered steps
 * with commands in code blocks; then fields for the evidence, the sections and the docs link
 * (visible: an embed's title link is easy to miss), and "diagnosed in N ms" in the footer.
 */
export function renderDiscordMessage(reply: Reply): DiscordMessage {
  const description = [
    ...(reply.warnings ?? []).map((warning) => `⚠️ **${warning.heading}**\n${warning.body}`),
    reply.cause ?? reply.summary,
    reply.steps.length > 0
      ? `**${reply.kind === 'symptom-list' ? 'Symptoms' : 'What to do'}**\n${reply.steps.map((step, i) => `${i + 1}. ${step.text}${step.command ? `\n\`\`\`\n${step.command}\n\`\`\`` : ''}`).join('\n')}`
      : '',
  ]
    .filter((part) => part !== '')
    .join('\n\n');
  let budget = DISCORD_LIMITS.totalEmbedText;
  const take = (text: string, max: number) => {
    const cut = truncate(text, Math.min(max, Math.max(0, budget)));
    budget -= cut.length;
    return cut;
  };
  const embed = new EmbedBuilder()
    .setTitle(
      take(
        `${reply.status ? `${statusMark(reply.status)} ` : ''}${reply.title}`,
        DISCORD_LIMITS.title,
      ),
    )
    .setColor(
      COLOURS[reply.status ?? (reply.kind === 'diagnosis' ? 'diagnosis' : 'default')] ??
        COLOURS.default!,
    )
    .setDescription(
      take(description, DISCORD_LIMITS.description - 100) || reply.summary.slice(0, 100),
    );
  if (reply.docsUrl) embed.setURL(reply.docsUrl);
  const docs = reply.docsUrl
    ? [
        {
          name: 'Documentation',
          value: `${reply.docsUrl}${reply.moreInDocs?.length ? `\nMore there: ${reply.moreInDocs.join('; ')}` : ''}`,
        },
      ]
    : [];
  const fields = [
    ...(reply.evidence.length > 0
      ? [{ name: 'What I matched', value: reply.evidence.map((e) => `• ${e}`).join('\n') }]
      : []),
    ...reply.sections.map((section) => ({ name: section.heading, value: section.body })),
  ];
  // The docs field is kept out of the budget race: it is short and it is where the rest lives.
  budget -= docs.reduce(
    (sum, field) =>
      sum + field.name.length + Math.min(field.value.length, DISCORD_LIMITS.fieldValue),
    0,
  );
  for (const field of fields.slice(0, DISCORD_LIMITS.fields - docs.length)) {
    if (budget < 50) break;
    const name = take(field.name, DISCORD_LIMITS.fieldName);
    const value = take(field.value, DISCORD_LIMITS.fieldValue);
    if (name && value) embed.addFields({ name, value });
  }
  for (const field of docs)
    embed.addFields({ name: field.name, value: truncate(field.value, DISCORD_LIMITS.fieldValue) });
  const footer = [
    ...(reply.durationMs !== undefined ? [`Diagnosed in ${Math.round(reply.durationMs)} ms`] : []),
    ...(reply.private ? ['Only you can see this.'] : []),
  ];
  if (footer.length > 0) embed.setFooter({ text: footer.join(' · ') });
  return { embeds: [embed.toJSON()], components: [...buttonRows(reply), ...pickerRow(reply)] };
}

/** Minimal rendering of the "Not it" picker: one string select (at most 25 options). */
function pickerRow(reply: Reply): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  if (!reply.picker) return [];
  const menu = new StringSelectMenuBuilder()
    .setCustomId('ad1|picker')
    .setPlaceholder(truncate(reply.picker.placeholder, 150))
    .addOptions(
      reply.picker.options
        .slice(0, 25)
        .map((option) => ({ label: truncate(option.label, 100), value: option.value })),
    );
  return [new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu).toJSON()];
}

function buttonRows(reply: Reply): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  const buttons = reply.actions
    .slice(0, DISCORD_LIMITS.buttonsPerRow * DISCORD_LIMITS.rows)
    .map((action) =>
      new ButtonBuilder()
        .setCustomId(action.id)
        .setLabel(truncate(action.label, DISCORD_LIMITS.buttonLabel))
        .setStyle(
          action.style === 'primary'
            ? ButtonStyle.Primary
            : action.style === 'danger'
              ? ButtonStyle.Danger
              : ButtonStyle.Secondary,
        ),
    );
  const rows: APIActionRowComponent<APIComponentInMessageActionRow>[] = [];
  for (let i = 0; i < buttons.length; i += DISCORD_LIMITS.buttonsPerRow) {
    rows.push(
      new ActionRowBuilder<ButtonBuilder>()
        .addComponents(buttons.slice(i, i + DISCORD_LIMITS.buttonsPerRow))
        .toJSON(),
    );
  }
  return rows;
}

function statusMark(status: NonNullable<Reply['status']>): string {
  return { pass: '✅', warn: '⚠️', fail: '❌', 'could-not-run': '❔' }[status];
}
