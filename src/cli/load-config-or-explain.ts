import { formatConfigProblems, loadConfig, type Config } from '../runtime/config.js';
import type { CliIo } from './cli-io.js';

/** Loads the environment, or prints every problem by variable name and returns undefined. */
export function loadConfigOrExplain(io: CliIo): Config | undefined {
  const result = loadConfig(io.env);
  if (result.ok) return result.config;
  io.stderr.write(formatConfigProblems(result.problems));
  return undefined;
}
