import type { CheckContext, FollowUpCheck } from './follow-up-check.js';

/** Lines of `tailscale status` with an active exit node, and `tailscale exit-node list` rows marked selected. */
const ACTIVE_EXIT_NODE = /^\s*(100\.[\d.]+)\s+(\S+)\s.*\bactive; exit node\b/m;
const SELECTED_EXIT_NODE = /^\s*(100\.[\d.]+)\s+(\S+)\s.*\bselected\b/m;

/** `exit-node`: does the pasted Tailscale output show an active Mullvad exit node? Reads the paste only. */
export function createExitNodeCheck(): FollowUpCheck {
  return {
    id: 'exit-node',
    title: 'Check for a Mullvad exit node',
    proves:
      'The pasted `tailscale status` / `tailscale exit-node list` shows no active Mullvad exit node.',
    revealsConfig: false,
    async run(context: CheckContext) {
      const paste = context.pastedText ?? '';
      const match = ACTIVE_EXIT_NODE.exec(paste) ?? SELECTED_EXIT_NODE.exec(paste);
      if (!match) {
        if (!/^\s*100\.[\d.]+\s+\S+/m.test(paste)) {
          return {
            status: 'could-not-run' as const,
            summary:
              'I need the output of `tailscale status` or `tailscale exit-node list` to check.',
            details: ['Paste it in this thread and click the button on my reply to it.'],
          };
        }
        return {
          status: 'pass' as const,
          summary: 'The pasted output shows no active exit node.',
          details: [],
        };
      }
      const name = match[2] ?? '';
      if (/\.mullvad\.ts\.net$/i.test(name) || /mullvad/i.test(match[0])) {
        return {
          status: 'fail' as const,
          summary: `A Mullvad exit node is active: ${name}.`,
          details: [
            'Mullvad and Tailscale share 100.64.0.0/10; leave it with `tailscale set --exit-node=` and retry.',
          ],
        };
      }
      return {
        status: 'warn' as const,
        summary: `An exit node is active (${name}), but it is not a Mullvad node.`,
        details: [],
      };
    },
  };
}
