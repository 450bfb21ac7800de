import { decodeActionId } from '../core/reply/action-id.js';
import type { Reply } from '../core/reply/reply.js';
import { renderConsoleText } from '../platforms/console/render-console-text.js';

/**
 * A reply written for chat, printed on the command line: the `/aperture …` commands it suggests
 * become the `aperture-doctor …` commands that do the same here, and its buttons (which a
 * terminal cannot click) become the `aperture-doctor check ID` lines that run those checks.
 */
export function renderCliText(reply: Reply): string {
  const shown: Reply = {
    ...reply,
    summary: asCliCommands(reply.summary),
    steps: reply.steps.map((step) => ({
      text: asCliCommands(step.text),
      ...(step.command === undefined ? {} : { command: asCliCommands(step.command) }),
    })),
    actions: [],
  };
  const checks = reply.actions.flatMap((action) => {
    const decoded = decodeActionId(action.id);
    return decoded?.type === 'check' ? [`aperture-doctor check ${decoded.checkId}`] : [];
  });
  const followUps = checks.length > 0 ? `\nFollow-up checks: ${checks.join(' | ')}\n` : '';
  return `${renderConsoleText(shown)}${followUps}`;
}

/** `/aperture why 403` → `aperture-doctor why 403`; `/aperture <text>` → `aperture-doctor diagnose <text>`. */
function asCliCommands(text: string): string {
  return text
    .replace(/\/aperture (why|list|check)\b/g, 'aperture-doctor $1')
    .replace(/\/aperture </g, 'aperture-doctor diagnose <');
}
