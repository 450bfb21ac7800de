import type { PlatformLogger } from '../../src/platforms/platform-logger.js';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  object: object;
  message?: string;
}

/** A PlatformLogger that keeps every line, for asserting what operators would see. */
export function createRecordingLogger(): PlatformLogger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at =
    (level: LogLine['level']) =>
    (object: object, message?: string): void => {
      lines.push({ level, object, message });
    };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
