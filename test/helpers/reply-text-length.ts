import type { DiscordMessage } from '../../src/platforms/discord/render-discord-message.js';
import type { SlackBlock } from '../../src/platforms/slack/render-slack-blocks.js';

/** Text summed over all blocks (buttons included), as Slack counts it for msg_blocks_too_long. */
export function slackTextLength(value: SlackBlock[] | unknown): number {
  if (Array.isArray(value))
    return value.reduce((sum: number, item) => sum + slackTextLength(item), 0);
  if (typeof value !== 'object' || value === null) return 0;
  return Object.entries(value).reduce(
    (sum: number, [key, inner]) =>
      sum + (key === 'text' && typeof inner === 'string' ? inner.length : slackTextLength(inner)),
    0,
  );
}

/** Text a Discord reader sees: every embed's title, description, fields, footer, and button labels. */
export function discordTextLength(message: DiscordMessage): number {
  const embeds = message.embeds.reduce(
    (sum, embed) =>
      sum +
      (embed.title?.length ?? 0) +
      (embed.description?.length ?? 0) +
      (embed.footer?.text.length ?? 0) +
      (embed.fields ?? []).reduce((total, f) => total + f.name.length + f.value.length, 0),
    0,
  );
  const labels = message.components
    .flatMap((row) => row.components)
    .reduce((sum, button) => sum + (('label' in button ? button.label : '')?.length ?? 0), 0);
  return embeds + labels;
}
