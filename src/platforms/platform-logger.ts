/**
 * The logging that adapters need, satisfied by the runtime's pino logger. Platforms depend on this
 * shape, not on pino (STYLE: platforms import core only; runtime wires the real thing).
 */
export interface PlatformLogger {
  debug(object: object, message?: string): void;
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
}
