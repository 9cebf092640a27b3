// One place that turns an error into a message for a person and an exit code.
import { CommanderError } from "commander";
import pc from "picocolors";

/** An error whose message already says what is wrong and how to fix it; printed without a stack. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "UserError";
  }
}

export function reportFatal(error: unknown): number {
  if (error instanceof UserError) {
    console.error(pc.red(`error: ${error.message}`));
    return error.exitCode;
  }
  if (error instanceof CommanderError) return error.exitCode;
  console.error(pc.red("unexpected error:"), error instanceof Error ? (error.stack ?? error.message) : String(error));
  return 1;
}
