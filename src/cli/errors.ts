// One place that turns an error into words for a person and an exit code. A DgmError is a failure the
// person can act on: its message and fix are printed once, without a stack (the stack and causes with
// --verbose or DEBUG=dgm). Anything else is a bug in dgm and keeps its stack.
import { CommanderError } from "commander";
import pc from "picocolors";
import { DgmError } from "../../common/index.ts";

export const EXIT_CODES_HELP = "Exit codes: 0 ok, 1 failure, 2 usage error, 130 interrupted.";

/** Commander's own refusals (an unknown option, a missing argument…) are usage errors; help and --version are not. */
function commanderExitCode(error: CommanderError): number {
  if (error.exitCode === 0) return 0;
  return 2;
}

function causes(error: Error): string[] {
  const lines: string[] = [];
  for (let cause = error.cause; cause !== undefined; cause = cause instanceof Error ? cause.cause : undefined) {
    lines.push(`caused by: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}`);
  }
  return lines;
}

export function verboseWanted(argv: readonly string[] = process.argv, env = process.env): boolean {
  return argv.includes("--verbose") || (env.DEBUG ?? "").split(",").includes("dgm");
}

export function reportFatal(error: unknown, verbose = verboseWanted()): number {
  if (error instanceof CommanderError) return commanderExitCode(error);
  if (error instanceof DgmError) {
    console.error(pc.red(`error: ${error.message}`));
    if (error.fix) console.error(pc.dim(`fix: ${error.fix}`));
    if (verbose) console.error(pc.dim([error.stack ?? "", ...causes(error)].join("\n")));
    return error.exitCode;
  }
  console.error(pc.red("unexpected error (a bug in dgm; please report it with this output):"));
  console.error(error instanceof Error ? [error.stack ?? error.message, ...causes(error)].join("\n") : String(error));
  return 1;
}
