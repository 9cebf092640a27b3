// Runs dgm commands in-process — the real commander program and archive — capturing stdout: the
// inspect commands by default, or others given their register function.
import { Command } from "commander";
import { registerInspectCommands } from "../../src/cli/commands/inspect.ts";

export interface CommandOutcome {
  out: string;
  /** What the command threw (a DgmError, commander's exit), or undefined when it returned. */
  error: unknown;
}

/** `dgm <args>` with only the commands `register` adds; never throws, the error is returned. */
export async function runCommand(
  args: string[],
  register: (program: Command) => void = registerInspectCommands,
): Promise<CommandOutcome> {
  const program = new Command().name("dgm").option("--home <dir>").exitOverride();
  register(program);
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const log = console.log;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return true;
  }) as typeof process.stdout.write;
  console.log = (...parts: unknown[]) => {
    chunks.push(`${parts.join(" ")}\n`);
  };
  let error: unknown;
  try {
    await program.parseAsync(["node", "dgm", ...args]);
  } catch (caught) {
    error = caught;
  } finally {
    process.stdout.write = write;
    console.log = log;
  }
  return { out: chunks.join(""), error };
}

/** `dgm --home <home> <args>`, throwing what the command throws; its stdout. */
export async function runInspect(
  home: string,
  args: string[],
  register: (program: Command) => void = registerInspectCommands,
): Promise<string> {
  const { out, error } = await runCommand(["--home", home, ...args], register);
  if (error !== undefined) throw error;
  return out;
}
