// The `dgm` command line: one program, one file per command group under commands/.
import { Command } from "commander";
import { registerCommands } from "./commands/index.ts";
import { reportFatal } from "./errors.ts";

const program = new Command()
  .name("dgm")
  .description("A Darwin Gödel Machine: coding agents that improve themselves, evaluated in hardened Docker sandboxes.")
  .option("--home <dir>", "archive home directory (default: $DGM_HOME or ./.dgm)")
  .showHelpAfterError()
  .configureHelp({ sortSubcommands: false });

registerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportFatal(error);
}
