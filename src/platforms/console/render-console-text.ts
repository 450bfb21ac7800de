import type { Reply } from '../../core/reply/reply.js';
import { PLAIN_STYLE, styleCodeSpans, type ConsoleStyle } from './console-style.js';

const STATUS_MARK: Record<NonNullable<Reply['status']>, string> = {
  pass: '[pass]',
  warn: '[warn]',
  fail: '[FAIL]',
  'could-not-run': '[could not run]',
};

const STATUS_STYLE: Record<NonNullable<Reply['status']>, keyof ConsoleStyle> = {
  pass: 'good',
  warn: 'caution',
  fail: 'alarm',
  'could-not-run': 'caution',
};

/**
 * Reply → plain text (Markdown-friendly), used by the console and `diagnose`. Buttons become
 * numbered choices that the next console line can pick. `style` colours it for a terminal; the
 * words are the same either way.
 */
export function renderConsoleText(reply: Reply, style: ConsoleStyle = PLAIN_STYLE): string {
  const lines: string[] = [];
  const text = (plain: string) => styleCodeSpans(plain, style);
  // A pasted secret to rotate comes before the diagnosis, as on Slack and Discord.
  for (const warning of reply.warnings ?? [])
    lines.push(`${style.alarm(`!! ${warning.heading}:`)} ${text(warning.body)}`, '');
  const mark = reply.status
    ? `${style[STATUS_STYLE[reply.status]](STATUS_MARK[reply.status])} `
    : '';
  lines.push(
    `${reply.private ? style.quiet('(only you see this) ') : ''}${mark}${style.title(reply.title)}`,
  );
  lines.push(text(reply.cause ?? reply.summary));
  if (reply.steps.length > 0) {
    lines.push('', style.heading(reply.kind === 'symptom-list' ? 'Symptoms:' : 'What to do:'));
    reply.steps.forEach((step, index) => {
      lines.push(`  ${index + 1}. ${text(step.text)}`);
      for (const commandLine of step.command?.split('\n') ?? [])
        lines.push(`       ${style.code(commandLine)}`);
    });
  }
  if (reply.evidence.length > 0) {
    lines.push('', style.heading('What I matched:'));
    for (const item of reply.evidence) lines.push(`  - ${text(item)}`);
  }
  for (const section of reply.sections) {
    lines.push('', style.heading(`${section.heading}:`));
    for (const bodyLine of section.body.split('\n')) lines.push(`  ${text(bodyLine)}`);
  }
  if (reply.docsUrl) lines.push('', style.quiet(`Docs: ${reply.docsUrl}`));
  if (reply.moreInDocs?.length)
    lines.push(style.quiet(`More there: ${reply.moreInDocs.join('; ')}`));
  if (reply.durationMs !== undefined)
    lines.push(style.quiet(`Diagnosed in ${Math.round(reply.durationMs)} ms`));
  if (reply.actions.length > 0) {
    const choices = reply.actions.map(
      (action, index) => `${style.code(`[${index + 1}]`)} ${action.label}`,
    );
    lines.push('', `${style.heading('Choices:')} ${choices.join('  ')}`);
  }
  return `${lines.join('\n')}\n`;
}
