// Helpers every command shares: where the archive home is, and printing JSON.
import { resolve } from "node:path";
import type { Command } from "commander";

/** The archive home: --home, else $DGM_HOME, else ./.dgm. */
export function homeFrom(command: Command): string {
  const opts = command.optsWithGlobals<{ home?: string }>();
  return resolve(opts.home ?? process.env.DGM_HOME ?? ".dgm");
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
