import type { CheckContext, FollowUpCheck } from './follow-up-check.js';

/**
 * Longest paste read in full, as the classifier does (its MAX_EXAMINED_CHARS): the check reads the
 * thread's parent message untruncated, so a longer one keeps only its head and tail.
 */
export const MAX_PARSED_CHARS = 48_000;
export const PARSED_HEAD_CHARS = 32_000;

/**
 * Rows of `tailscale status` with an active exit node, and `tailscale exit-node list` rows marked
 * selected; matched one line at a time. `[ \t]`, never `\s`: a row does not span lines, and
 * `^\s*` under the `m` flag rescans each run of newlines from every line start (quadratic).
 */
const ACTIVE_EXIT_NODE = /^[ \t]*(100\.[\d.]+)[ \t]+(\S+)[ \t].*\bactive; exit node\b/;
const SELECTED_EXIT_NODE = /^[ \t]*(100\.[\d.]+)[ \t]+(\S+)[ \t].*\bselected\b/;
const ANY_ROW = /^[ \t]*100\.[\d.]+[ \t]+\S/;
/** Chat clients turn runs of spaces into no-break and other Unicode spaces. */
const UNICODE_SPACES = /[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g;

export interface ExitNodeReading {
  /** The paste has at least one row of either command. */
  hasRows: boolean;
  /** The active exit node, else the selected one. */
  exitNode?: { name: string; row: string };
}

/** What a pasted `tailscale status` / `tailscale exit-node list` says; linear in the paste. */
export function readExitNode(paste: string): ExitNodeReading {
  let hasRows = false;
  let selected: ExitNodeReading['exitNode'];
  for (const raw of capped(paste).replace(UNICODE_SPACES, ' ').split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const active = ACTIVE_EXIT_NODE.exec(line);
    if (active) return { hasRows: true, exitNode: { name: active[2] ?? '', row: active[0] } };
    const chosen = selected ? null : SELECTED_EXIT_NODE.exec(line);
    if (chosen) selected = { name: chosen[2] ?? '', row: chosen[0] };
    hasRows ||= ANY_ROW.test(line);
  }
  return { hasRows, exitNode: selected };
}

/** `exit-node`: does the pasted Tailscale output show an active Mullvad exit node? Reads the paste only. */
export function createExitNodeCheck(): FollowUpCheck {
  return {
    id: 'exit-node',
    title: 'Check for a Mullvad exit node',
    proves:
      'The pasted `tailscale status` / `tailscale exit-node list` shows no active Mullvad exit node.',
    revealsConfig: false,
    async run(context: CheckContext) {
      const { hasRows, exitNode } = readExitNode(context.pastedText ?? '');
      if (!exitNode) {
        if (!hasRows) {
          return {
            status: 'could-not-run' as const,
            summary:
              'I need the output of `tailscale status` or `tailscale exit-node list` to check.',
            details: [
              // A caller that names no requester (the linear-time contract) gets the chat wording.
              context.requester?.platform === 'cli'
                ? 'Pipe it in: `tailscale status | aperture-doctor check exit-node`.'
                : 'Paste it in this thread and click the button on my reply to it.',
            ],
          };
        }
        return {
          status: 'pass' as const,
          summary: 'The pasted output shows no active exit node.',
          details: [],
        };
      }
      const { name, row } = exitNode;
      if (/\.mullvad\.ts\.net$/i.test(name) || /mullvad/i.test(row)) {
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

/** Head and tail of a long paste, cut at line ends: half a row must not read as a row. */
function capped(paste: string): string {
  if (paste.length <= MAX_PARSED_CHARS) return paste;
  const headEnd = paste.lastIndexOf('\n', PARSED_HEAD_CHARS);
  const tailNewline = paste.indexOf(
    '\n',
    paste.length - (MAX_PARSED_CHARS - PARSED_HEAD_CHARS) - 1,
  );
  const tailStart = tailNewline === -1 ? paste.length : tailNewline + 1;
  return paste.slice(0, headEnd + 1) + paste.slice(tailStart);
}
