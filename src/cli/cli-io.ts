/** The process edges a CLI command uses, injected so tests can drive commands in-process too. */
export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /**
   * Ends the process now (after stderr is flushed). The bot calls it once its platforms stopped
   * or failed to start, so nothing left hanging (a timed-out call, a reconnecting Redis client)
   * keeps the process alive; in-process tests leave it out.
   */
  exit?(code: ExitCode): void;
}

/** Exit codes of DESIGN §2 (`check`: 0 pass, 1 fail, 2 could not run; usage errors: 2). */
export type ExitCode = 0 | 1 | 2;
