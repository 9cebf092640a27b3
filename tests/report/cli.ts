// Runs the inspect commands (or others, given their register function) in-process — the real
// commander program and archive — capturing stdout.
import { Command } from "commander";
import { registerInspectCommands } from "../../src/cli/commands/inspect.ts";

export async function runInspect(
  home: string,
  args: string[],
  register: (program: Command) => void = registerInspectCommands,
): Promise<string> {
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
  try {
    await program.parseAsync(["node", "dgm", "--home", home, ...args]);
  } finally {
    process.stdout.write = write;
    console.log = log;
  }
  return chunks.join("");
}
