import type { CliIo } from './cli-io.js';

/**
 * Colour for a person at a terminal, never escape codes in a pipe or a file: stdout a TTY and
 * TERM not `dumb`. NO_COLOR (https://no-color.org: set and not empty) always turns it off;
 * FORCE_COLOR turns it on even in a pipe, except `0` or `false`.
 */
export function wantsColour(io: Pick<CliIo, 'stdout' | 'env'>): boolean {
  const { NO_COLOR, FORCE_COLOR, TERM } = io.env;
  if (NO_COLOR !== undefined && NO_COLOR !== '') return false;
  if (FORCE_COLOR !== undefined) return FORCE_COLOR !== '0' && FORCE_COLOR !== 'false';
  return (io.stdout as { isTTY?: boolean }).isTTY === true && TERM !== 'dumb';
}
