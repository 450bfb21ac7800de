/** The process edges a CLI command uses, injected so tests can drive commands in-process too. */
export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

/** Exit codes of DESIGN §2 (`check`: 0 pass, 1 fail, 2 could not run; usage errors: 2). */
export type ExitCode = 0 | 1 | 2;
