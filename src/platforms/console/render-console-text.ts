import type { Reply } from '../../core/reply/reply.js';

const STATUS_MARK: Record<NonNullable<Reply['status']>, string> = {
  pass: '[pass]',
  warn: '[warn]',
  fail: '[FAIL]',
  'could-not-run': '[could not run]',
};

/**
 * Reply → plain text (Markdown-friendly), used by the console and `diagnose`. Buttons become
 * numbered choices that the next console line can pick.
 */
export function renderConsoleText(reply: Reply): string {
  const lines: string[] = [];
  // A pasted secret to rotate comes before the diagnosis, as on Slack and Discord.
  for (const warning of reply.warnings ?? [])
    lines.push(`!! ${warning.heading}: ${warning.body}`, '');
  const mark = reply.status ? `${STATUS_MARK[reply.status]} ` : '';
  lines.push(`${reply.private ? '(only you see this) ' : ''}${mark}${reply.title}`);
  lines.push(reply.cause ?? reply.summary);
  if (reply.steps.length > 0) {
    lines.push('', reply.kind === 'symptom-list' ? 'Symptoms:' : 'What to do:');
    reply.steps.forEach((step, index) => {
      lines.push(`  ${index + 1}. ${step.text}`);
      for (const commandLine of step.command?.split('\n') ?? [])
        lines.push(`       ${commandLine}`);
    });
  }
  if (reply.evidence.length > 0) {
    lines.push('', 'What I matched:');
    for (const item of reply.evidence) lines.push(`  - ${item}`);
  }
  for (const section of reply.sections) {
    lines.push('', `${section.heading}:`);
    for (const bodyLine of section.body.split('\n')) lines.push(`  ${bodyLine}`);
  }
  if (reply.docsUrl) lines.push('', `Docs: ${reply.docsUrl}`);
  if (reply.moreInDocs?.length) lines.push(`More there: ${reply.moreInDocs.join('; ')}`);
  if (reply.durationMs !== undefined) lines.push(`Diagnosed in ${Math.round(reply.durationMs)} ms`);
  if (reply.actions.length > 0) {
    lines.push(
      '',
      `Choices: ${reply.actions.map((action, index) => `[${index + 1}] ${action.label}`).join('  ')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
