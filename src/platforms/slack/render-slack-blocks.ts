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
 * Reply → Block Kit, pure. Order: header, summary, cause, numbered steps, evidence, sections,
 * docs, buttons. When the text budget runs out, later text blocks give way (with a note) and the
 * buttons always stay.
 */
export function renderSlackBlocks(reply: Reply): SlackMessage {
  const marker = reply.status ? `${STATUS_EMOJI[reply.status]} ` : '';
  const textBlocks: string[] = [reply.summary];
  if (reply.cause) textBlocks.push(`*Why:* ${reply.cause}`);
  if (reply.steps.length > 0) {
    textBlocks.push(...chunkSteps(reply));
  }
  if (reply.evidence.length > 0) {
    textBlocks.push(
      `*What I matched*\n${reply.evidence.map((e) => `• \`${e.signal}\`: ${e.excerpt}`).join('\n')}`,
    );
  }
  for (const section of reply.sections) textBlocks.push(`*${section.heading}*\n${section.body}`);

  const blocks: SlackBlock[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: truncate(`${marker}${reply.title}`, SLACK_LIMITS.headerText),
        emoji: true,
      },
    },
  ];
  // The cap counts all text Slack sums: header, sections, the footer and the button labels.
  const buttonText = reply.actions
    .slice(0, SLACK_LIMITS.actionsElements)
    .reduce((sum, a) => sum + Math.min(a.label.length, SLACK_LIMITS.buttonText), 0);
  let budget = SLACK_LIMITS.totalBlockText - SLACK_LIMITS.headerText - 300 - buttonText;
  let truncated = false;
  for (const raw of textBlocks) {
    const text = truncate(escapeMrkdwn(raw), SLACK_LIMITS.sectionText);
    if (text.length > budget || blocks.length >= SLACK_LIMITS.blocks - 3) {
      truncated = true;
      break;
    }
    budget -= text.length;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
  }
  const footer = [
    ...(reply.docsUrl ? [`<${reply.docsUrl}|Documentation>`] : []),
    ...(truncated ? ['(shortened to fit Slack; the documentation has the rest)'] : []),
    ...(reply.private ? ['Only you can see this.'] : []),
  ];
  if (footer.length > 0) {
    blocks.push({
      type: 'context',
      elements: footer
        .slice(0, SLACK_LIMITS.contextElements)
        .map((text) => ({ type: 'mrkdwn', text })),
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

/** Numbered steps, split across sections so none passes the 3,000-character section limit. */
function chunkSteps(reply: Reply): string[] {
  const rendered = reply.steps.map((step, index) => {
    const command = step.command ? `\n\`\`\`${step.command}\`\`\`` : '';
    return `${index + 1}. ${step.text}${command}`;
  });
  const heading = reply.kind === 'symptom-list' ? '*Symptoms*' : '*What to do*';
  const chunks: string[] = [];
  let current = heading;
  for (const step of rendered) {
    if (`${current}\n${step}`.length > SLACK_LIMITS.sectionText - 50) {
      chunks.push(current);
      current = step;
    } else current = `${current}\n${step}`;
  }
  chunks.push(current);
  return chunks;
}

/** Slack reserves `&`, `<` and `>`; everything else in our text is plain or `code`. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
