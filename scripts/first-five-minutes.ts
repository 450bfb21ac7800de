/**
 * Writes the transcripts of docs/first-five-minutes.md between their markers, so the page shows
 * what the console and Slack really print: `npm run docs:first-five-minutes`. A test
 * (test/contracts/first-five-minutes.test.ts) fails when the page is stale.
 *
 * The console part runs the console's own session (the code `aperture-doctor console` drives)
 * with checks whose network finds no `ai` and no server, as on a laptop outside the tailnet. The
 * Slack part renders the golden Block Kit reply (test/golden/slack) as text.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CheckNetwork } from '../src/core/checks/check-network.js';
import { ConsoleSession } from '../src/platforms/console/console-listeners.js';
import { fromEditLine, toEditLine } from '../src/platforms/console/bracketed-paste.js';
import { consoleRequester } from '../src/platforms/console/console-to-core.js';
import { PROMPT } from '../src/platforms/console/start-console.js';
import { buildConversationDeps } from '../src/runtime/build-runtime.js';
import { loadConfig } from '../src/runtime/config.js';

export const PAGE = fileURLToPath(new URL('../docs/first-five-minutes.md', import.meta.url));
const SLACK_GOLDEN = new URL('../test/golden/slack/reply-magicdns.json', import.meta.url);
/** The paste the Slack golden answers (test/helpers/typical-diagnoses.ts, `magicdns`). */
const SLACK_PASTE =
  'Post "http://ai/v1/messages": dial tcp: lookup ai on 127.0.0.53:53: no such host';

/** What a person types or pastes, in order; a paste is one message, as in a terminal. */
const CONSOLE_INPUTS = [
  'anyone up for lunch?',
  [
    'Help, this fails since this morning:',
    '```',
    '$ curl -sS http://ai/v1/models',
    'curl: (6) Could not resolve host: ai',
    '```',
  ].join('\n'),
  '1',
  '/aperture whoami',
  '4',
];

/** No `ai` in DNS and nothing listening: what a laptop outside the tailnet sees. */
const OFFLINE_NETWORK: CheckNetwork = {
  async resolveHost(name) {
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  },
  async fetch() {
    throw new TypeError('fetch failed', {
      cause: Object.assign(new Error('getaddrinfo ENOTFOUND ai'), { code: 'ENOTFOUND' }),
    });
  },
};

/** Timings vary run to run; the page shows them as a typical run does. */
function steadyTimings(text: string): string {
  return text.replace(/\b\d+ ms\b/g, '12 ms');
}

/** The console session as a terminal shows it: prompt, what was typed, the answer. */
export async function consoleTranscript(): Promise<string> {
  const loaded = loadConfig({ APERTURE_URL: 'http://ai', LOG_LEVEL: 'silent' });
  if (!loaded.ok) throw new Error('the transcript config does not load');
  const session = new ConsoleSession(
    buildConversationDeps(loaded.config, { network: OFFLINE_NETWORK }),
    { requester: consoleRequester() },
  );
  const lines = ['$ npx aperture-doctor console'];
  for (const input of CONSOLE_INPUTS) {
    lines.push(`${PROMPT}${toEditLine(input)}`);
    const progress: string[] = [];
    const answer = await session.answer(fromEditLine(toEditLine(input)), {
      progress: (line) => progress.push(line),
    });
    lines.push(...progress, answer.replace(/\n$/, ''), '');
  }
  lines.push(`${PROMPT}^D`);
  return steadyTimings(lines.join('\n'));
}

interface Block {
  type: string;
  text?: { text: string } | string;
  elements?: Block[];
  fields?: Array<{ text: string }>;
  style?: { code?: boolean; bold?: boolean } | string;
  url?: string;
}

/** Slack mrkdwn as it reads: links as their text, escapes undone. */
function mrkdwn(text: string): string {
  return text
    .replace(/<([^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<([^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** A rich_text element's words (code spans keep their backticks). */
function richText(element: Block): string {
  if (element.type === 'link') return `${String(element.text ?? element.url)} (${element.url})`;
  if (element.type === 'text') {
    const text = String(element.text ?? '');
    return typeof element.style === 'object' && element.style.code ? `\`${text}\`` : text;
  }
  return (element.elements ?? []).map(richText).join('');
}

/** One Block Kit block as the lines Slack shows for it. */
function blockLines(block: Block): string[] {
  const text = typeof block.text === 'string' ? block.text : block.text?.text;
  switch (block.type) {
    case 'header':
      return [text ?? ''];
    case 'section':
      return [
        ...(text ? mrkdwn(text).split('\n') : []),
        ...(block.fields ?? []).map((field) => mrkdwn(field.text)),
      ];
    case 'context':
      return [(block.elements ?? []).map((element) => mrkdwn(String(element.text))).join(' · ')];
    case 'actions':
      return [
        (block.elements ?? [])
          .map((element) => `[ ${typeof element.text === 'object' ? element.text.text : ''} ]`)
          .join(' '),
      ];
    case 'divider':
      return ['───'];
    case 'rich_text':
      return (block.elements ?? []).flatMap((element) => {
        const words = richText(element).replace(/\n$/, '');
        if (element.type === 'rich_text_preformatted')
          return words.split('\n').map((line) => `    ${line}`);
        return words.split('\n');
      });
    default:
      return [`(${block.type})`];
  }
}

/** The Slack thread: the paste, then the bot's reply from the golden Block Kit file. */
export function slackThreadText(): string {
  const reply = JSON.parse(readFileSync(SLACK_GOLDEN, 'utf8')) as { blocks: Block[] };
  const lines = [
    '#ai-help',
    '',
    'lena  10:02',
    `  ${SLACK_PASTE}`,
    '  └ 1 reply',
    '',
    '    aperture-doctor  APP  10:02',
  ];
  for (const block of reply.blocks) {
    for (const line of blockLines(block)) lines.push(line === '' ? '' : `    ${line}`);
  }
  return steadyTimings(lines.join('\n').replace(/[ \t]+$/gm, ''));
}

const SECTIONS = {
  'console-transcript': consoleTranscript,
  'slack-thread': async () => slackThreadText(),
};

/** The page with each marked block replaced by what the code prints today. */
export async function renderPage(page: string): Promise<string> {
  let text = page;
  for (const [name, render] of Object.entries(SECTIONS)) {
    const start = `<!-- ${name}: generated by npm run docs:first-five-minutes -->`;
    const end = `<!-- /${name} -->`;
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    if (from === -1 || to < from) throw new Error(`${PAGE} lacks the ${name} markers`);
    const body = await render();
    // Shaped as Prettier leaves Markdown: blank lines around the block, the shortest fence.
    const fence = body.includes('```') ? '````' : '```';
    text = `${text.slice(0, from + start.length)}\n\n${fence}text\n${body}\n${fence}\n\n${text.slice(to)}`;
  }
  return text;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(PAGE, await renderPage(readFileSync(PAGE, 'utf8')));
  process.stdout.write('wrote docs/first-five-minutes.md\n');
}
