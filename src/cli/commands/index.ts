// Every command group, in the order `dgm --help` lists them.
import type { Command } from "commander";
import { registerAgentCommands } from "./agent.ts";
import { registerArchiveCommands } from "./archive.ts";
import { registerDoctorCommand } from "./doctor.ts";
import { registerEvalCommands } from "./eval.ts";
import { registerEvolveCommand } from "./evolve.ts";
import { registerInspectCommands } from "./inspect.ts";
import { registerSandboxCommands } from "./sandbox.ts";

export function registerCommands(program: Command): void {
  registerEvolveCommand(program);
  registerInspectCommands(program);
  registerArchiveCommands(program);
  registerEvalCommands(program);
  registerAgentCommands(program);
  registerSandboxCommands(program);
  registerDoctorCommand(program);
}
