// The `dgm` program: its global options, every command group (one file each under commands/), and the
// help text's one style — descriptions start in lower case and end without a full stop; the exit codes
// are listed under every command's help.
import { Command } from "commander";
import { useConfiguredEngines } from "../run/index.ts";
import { registerCommands } from "./commands/index.ts";
import { EXIT_CODES_HELP } from "./errors.ts";

export function buildProgram(): Command {
  const program = new Command()
    .name("dgm")
    .description(
      "a Darwin Gödel Machine: coding agents that improve themselves, evaluated in hardened Docker sandboxes",
    )
    .option("--home <dir>", "archive home directory (default: $DGM_HOME or ./.dgm)")
    .option("--verbose", "on an error, also print its stack and causes (or set DEBUG=dgm)")
    .showHelpAfterError("(dgm <command> --help shows its usage)")
    .exitOverride()
    .configureHelp({ sortSubcommands: false })
    .addHelpText("afterAll", `\n${EXIT_CODES_HELP}`);
  registerCommands(program);
  // Every command's sessions run on the engines its configuration file names (read on first use).
  program.hook("preAction", (_program, action) => {
    const config: unknown = action.opts().config;
    useConfiguredEngines(typeof config === "string" ? config : undefined);
  });
  return program;
}
