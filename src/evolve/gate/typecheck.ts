// Stage 1 of the gate: typecheck the agent with its own tsconfig. Runs tsc on the host: the compiler
// only reads the agent's files (it never executes them, and tsc loads no tsconfig plugins), it is
// several times faster than a container round trip, and its output maps straight to host paths.
// @types/node comes from the project's node_modules via --typeRoots, since an agent tree has none.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";

const projectRoot = fileURLToPath(new URL("../../../", import.meta.url));
const tscBin = join(projectRoot, "node_modules", "typescript", "bin", "tsc");
const typeRoots = join(projectRoot, "node_modules", "@types");

export type StageResult = { ok: true } | { ok: false; reason: string };

/** Turns `src/a.ts(41,7): error TS2322: msg` into `src/a.ts:41:7: TS2322 msg`. */
export function formatTscErrors(output: string, maxErrors = 5): string[] {
  const errors: string[] = [];
  for (const line of output.split("\n")) {
    const match = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line.trim());
    if (match) errors.push(clip(`${match[1]}:${match[2]}:${match[3]}: ${match[4]} ${match[5]}`));
    else if (/^error TS\d+:/.test(line.trim())) errors.push(clip(line.trim().replace(/^error /, "")));
  }
  return errors.slice(0, maxErrors);
}

const clip = (text: string): string => (text.length > 300 ? `${text.slice(0, 297)}...` : text);

export async function typecheckAgent(sourceDir: string, timeoutMs = 120_000): Promise<StageResult> {
  if (!existsSync(join(sourceDir, "tsconfig.json"))) {
    return { ok: false, reason: "no tsconfig.json at the agent's root (the agent contract requires one)" };
  }
  const result = await execa(
    process.execPath,
    [tscBin, "-p", "tsconfig.json", "--noEmit", "--pretty", "false", "--typeRoots", typeRoots],
    { cwd: sourceDir, reject: false, timeout: timeoutMs, all: true, env: { NODE_OPTIONS: "" } },
  );
  if (result.timedOut) return { ok: false, reason: `typecheck timed out after ${timeoutMs / 1000}s` };
  if (result.exitCode === 0) return { ok: true };
  const errors = formatTscErrors(result.all ?? "");
  if (errors.length === 0) return { ok: false, reason: `tsc failed: ${(result.all ?? "").trim().slice(-500)}` };
  const [first, ...rest] = errors;
  const more = rest.length > 0 ? ` (and ${rest.length} more: ${rest.join("; ")})` : "";
  return { ok: false, reason: `type error at ${first}${more}` };
}
