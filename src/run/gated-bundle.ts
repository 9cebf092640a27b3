// Any agent — the seed, a directory, an archived agent — passes the validation gate before it runs
// outside an evolution run (typecheck, bundle, its own tests and a smoke run, all in the sandbox, whose
// image is made sure of first); what comes out is the one bundle file the sandbox runs. An admitted agent passed the same gate when it was
// admitted, so its tree's bundle is reused (or rebuilt in the sandbox) instead of gating it again.
import { join } from "node:path";
import type { Archive } from "../../archive/index.ts";
import { type AgentSource, bundleOfArchivedAgent, checkoutAgentSource, GATE_STAGES } from "../../evaluator/index.ts";
import { ensureSandboxImage, type Sandbox } from "../../sandbox/index.ts";
import { agentGate } from "../evolve/index.ts";
import { CommandError } from "./errors.ts";

export async function gatedBundle(
  archive: Archive,
  source: AgentSource,
  sandbox: Sandbox,
  scratch: string,
  onProgress?: (message: string) => void,
): Promise<string> {
  onProgress?.("checking the sandbox image");
  await ensureSandboxImage({ log: (line) => onProgress?.(line) });
  if (source.kind === "archived" && source.agent.status === "admitted") {
    const bundle = await bundleOfArchivedAgent(archive, source.agent, sandbox);
    if (!bundle.ok) throw new CommandError(`agent ${source.agent.id} does not bundle: ${bundle.reason}`);
    return bundle.bundleFile;
  }
  const sourceDir = await checkoutAgentSource(archive, source, scratch);
  onProgress?.(`checking ${source.label} (${GATE_STAGES.join(", ")}, in the sandbox)`);
  const gated = await agentGate(sandbox)(sourceDir, join(scratch, "bundle"));
  if (!gated.ok)
    throw new CommandError(`the agent does not pass the gate: ${gated.stage}: ${gated.reason}`, {
      fix: "`dgm eval <dir>` shows the same check; fix the agent's source and try again",
    });
  for (const note of gated.notes ?? []) onProgress?.(`gate: ${note}`);
  return gated.bundleFile;
}
