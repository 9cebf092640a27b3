// The error classes of the sandbox room: a message that says what went wrong and how to fix it.
import { DgmError } from "../common/index.ts";

export class SandboxError extends DgmError {}

/**
 * The engine a session ran on stopped answering (or none answers): an infrastructure failure, never
 * an agent's. Work that met it is recorded as an error and run again on an engine that answers.
 */
export class EngineLostError extends SandboxError {
  constructor(
    readonly engine: string,
    message: string,
  ) {
    super(message, { fix: "`dgm doctor` shows every engine; the work is run again on an engine that answers" });
  }
}
