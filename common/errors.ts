// The one error base of the project. A DgmError is a failure a person can act on: its message says what
// is wrong, its `fix` (when there is one) says what to do, and the command line prints both once,
// without a stack. Anything that is not a DgmError is a bug and keeps its stack.

export interface DgmErrorOptions {
  /** What to do about it, in one line ("start one with `dgm evolve`"). */
  fix?: string;
  cause?: unknown;
  /** The process exit code when this error ends a command: 1 (a failure) unless said otherwise. */
  exitCode?: number;
}

export class DgmError extends Error {
  readonly fix: string | undefined;
  readonly exitCode: number;

  constructor(message: string, options: DgmErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.fix = options.fix;
    this.exitCode = options.exitCode ?? 1;
  }
}

/** A command used wrongly (a bad flag value, two flags that exclude each other): exit code 2. */
export class UsageError extends DgmError {
  constructor(message: string, options: Omit<DgmErrorOptions, "exitCode"> = {}) {
    super(message, { ...options, exitCode: 2 });
  }
}
