import type { Reply } from '../../core/reply/reply.js';
import { SLACK_LIMITS } from './slack-limits.js';
import { truncateText as truncate } from '../truncate-text.js';

/** The Block Kit subset we send; typed loosely on purpose, validated by Slack's own schema. */
export type SlackBlock = Record<string, unknown> & { type: string };

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

const STATUS_EMOJI: Record<NonNullable<Reply['status']>, string> = {
  pass: ':white_check_mark:',
  warn: ':warning:',
  fail: ':x:',
  'could-not-run': ':grey_question:',
};

/**
 * Reply → Block Kit, pure. Order: warnings (a pasted secret, before the header so it is never
 * below the fold), header, cause (or summary), numbered steps as rich text with commands in
 * `rich_text_preformatted` (one tap to copy), evidence, sections, then a context line (docs link,
 * deeper reading, "diagnosed in N ms") and the buttons. When the text budget runs out, later text
 * blocks give way (with a note) and the buttons always stay.
 */
export function renderSlackBlocks(reply: Reply): SlackMessage {
  const marker = reply.status ? `${STATUS_EMOJI[reply.status]} ` : '';
  const leading: SlackBlock[] = (reply.warnings ?? []).map((warning) =>
    mrkdwnSection(`:rotating_light: *${warning.heading}*\n${warning.body}`),
  );
  const body: SlackBlock[] = [mrkdwnSection(reply.cause ?? reply.summary)];
  if (reply.steps.length > 0) body.push(...stepBlocks(reply));
  if (reply.evidence.length > 0)
    body.push(mrkdwnSection(`*What I matched*\n${reply.evidence.map((e) => `• ${e}`).join('\n')}`));
  for (const section of reply.sections)
    body.push(mrkdwnSection(`*${section.heading}*\n${section.body}`));

  const header: SlackBlock = {
    type: 'header',
    text: {
      type: 'plain_text',
      text: truncate(`${marker}${reply.title}`, SLACK_LIMITS.headerText),
      emoji: true,
    },
  };
  const blocks: SlackBlock[] = [];
  // The cap counts all text Slack sums: header, sections, the footer and the button labels.
  const buttonText = reply.actions
    .slice(0, SLACK_LIMITS.actionsElements)
    .reduce((sum, a) => sum + Math.min(a.label.length, SLACK_LIMITS.buttonText), 0);
  let budget = SLACK_LIMITS.totalBlockText - SLACK_LIMITS.headerText - 300 - buttonText;
  let truncated = false;
  const add = (block: SlackBlock): boolean => {
    const length = blockTextLength(block);
    if (length > budget || blocks.length >= SLACK_LIMITS.blocks - 3) return false;
    budget -= length;
    blocks.push(block);
    return true;
  };
  for (const block of leading) add(block);
  blocks.push(header);
  for (const block of body) {
    if (!add(block)) {
      truncated = true;
      break;
    }
  }
  const footer = [
    ...(reply.docsUrl ? [`<${reply.docsUrl}|Documentation>`] : []),
    ...(reply.moreInDocs?.length ? [`More there: ${reply.moreInDocs.join('; ')}`] : []),
    ...(reply.durationMs !== undefined ? [`Diagnosed in ${Math.round(reply.durationMs)} ms`] : []),
    ...(truncated ? ['(shortened to fit Slack; the documentation has the rest)'] : []),
    ...(reply.private ? ['Only you can see this.'] : []),
  ];
  if (footer.length > 0) {
    blocks.push({
      type: 'context',
      elements: footer
        .slice(0, SLACK_LIMITS.contextElements)
        .map((text) => ({ type: 'mrkdwn', text: escapeMrkdwnExceptLinks(text) })),
    });
  }
  if (reply.actions.length > 0) {
    blocks.push({
      type: 'actions',
      block_id: 'aperture_actions',
      elements: reply.actions.slice(0, SLACK_LIMITS.actionsElements).map((action) => ({
        type: 'button',
        text: {
          type: 'plain_text',
          text: truncate(action.label, SLACK_LIMITS.buttonText),
          emoji: true,
        },
        action_id: action.id.slice(0, SLACK_LIMITS.actionId),
        value: action.id.slice(0, SLACK_LIMITS.buttonValue),
        ...(action.style === 'primary'
          ? { style: 'primary' }
          : action.style === 'danger'
            ? { style: 'danger' }
            : {}),
      })),
    });
  }
  if (reply.picker) {
    // Minimal rendering for the "Not it" picker; the choice comes back as selected_option.value.
    blocks.push({
      type: 'actions',
      block_id: 'aperture_picker',
      elements: [
        {
          type: 'static_select',
          action_id: 'ad1|picker',
          placeholder: { type: 'plain_text', text: truncate(reply.picker.placeholder, 150) },
          options: reply.picker.options.slice(0, 100).map((option) => ({
            text: { type: 'plain_text', text: truncate(option.label, SLACK_LIMITS.buttonText) },
            value: option.value,
          })),
        },
      ],
    });
  }
  const fallback = `${marker}${reply.title}: ${reply.summary}`;
  return { text: truncate(fallback, SLACK_LIMITS.fallbackText), blocks };
}

function mrkdwnSection(raw: string): SlackBlock {
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: truncate(escapeMrkdwn(raw), SLACK_LIMITS.sectionText) },
  };
}

/**
 * Numbered steps as rich text: each step a paragraph with its `code` styled, each command a
 * preformatted block Slack shows with a copy affordance. Split across blocks so that none passes
 * the 3,000-character section limit.
 * @see https://docs.slack.dev/reference/block-kit/blocks/rich-text-block
 */
function stepBlocks(reply: Reply): SlackBlock[] {
  const heading = reply.kind === 'symptom-list' ? 'Symptoms' : 'What to do';
  const blocks: SlackBlock[] = [];
  let elements: RichTextElement[] = [
    {
      type: 'rich_text_section',
      elements: [{ type: 'text', text: `${heading}\n`, style: { bold: true } }],
    },
  ];
  let length = heading.length;
  reply.steps.forEach((step, index) => {
    const text = truncate(step.text, SLACK_LIMITS.sectionText - 100);
    const command = step.command
      ? truncate(step.command, SLACK_LIMITS.sectionText - 100)
      : undefined;
    const size = text.length + (command?.length ?? 0) + 5;
    if (length + size > SLACK_LIMITS.sectionText - 50) {
      blocks.push({ type: 'rich_text', elements });
      elements = [];
      length = 0;
    }
    // Sections in a row run together unless the text breaks the line; a preformatted block
    // (or the end) starts on its own line anyway, and a break there would leave a gap.
    const breakAfter = !command && index < reply.steps.length - 1;
    elements.push({
      type: 'rich_text_section',
      elements: [
        { type: 'text', text: `${index + 1}. ` },
        ...inlineCode(text),
        ...(breakAfter ? [{ type: 'text' as const, text: '\n' }] : []),
      ],
    });
    if (command)
      elements.push({
        type: 'rich_text_preformatted',
        elements: [{ type: 'text', text: command }],
      });
    length += size;
  });
  blocks.push({ type: 'rich_text', elements });
  return blocks;
}

type RichTextText = { type: 'text'; text: string; style?: { bold?: boolean; code?: boolean } };
type RichTextElement =
  | { type: 'rich_text_section'; elements: RichTextText[] }
  | { type: 'rich_text_preformatted'; elements: RichTextText[] };

/** `code` spans as code-styled text elements; rich text is literal, so nothing is escaped. */
function inlineCode(text: string): RichTextText[] {
  return text
    .split('`')
    .map((part, i): RichTextText =>
      i % 2 === 1
        ? { type: 'text', text: part, style: { code: true } }
        : { type: 'text', text: part },
    )
    .filter((part) => part.text !== '');
}

/** Characters of text in a block, as Slack sums them for `msg_blocks_too_long`. */
function blockTextLength(value: unknown): number {
  if (Array.isArray(value))
    return value.reduce((sum: number, item) => sum + blockTextLength(item), 0);
  if (typeof value !== 'object' || value === null) return 0;
  return Object.entries(value).reduce(
    (sum: number, [key, inner]) =>
      sum + (key === 'text' && typeof inner === 'string' ? inner.length : blockTextLength(inner)),
    0,
  );
}

/** Context lines: our own `<url|label>` link stays a link; the rest is escaped. */
function escapeMrkdwnExceptLinks(text: string): string {
  const link = /^<(https:\/\/[^|>\s]+)\|([^>]+)>$/.exec(text);
  return link ? text : escapeMrkdwn(text);
}

/** Slack reserves `&`, `<` and `>`; everything else in our text is plain or `code`. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
