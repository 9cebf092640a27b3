import { Command } from "commander";
import { registerAgentCommands } from "/work/main/src/cli/commands/agent.ts";
import { reportFatal } from "/work/main/src/cli/errors.ts";
const program = new Command().name("dgm").option("--home <dir>");
registerAgentCommands(program);
try { await program.parseAsync(process.argv); } catch (e) { process.exitCode = reportFatal(e); }
