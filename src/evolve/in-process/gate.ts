// The gate without a compiler or a container: the simulator is the only author of agent changes here,
// so it is asked whether it broke the build (its missing comma or `.toUpperCase(1)`), and answers with
// the reason the real gate's typecheck would give. A prompts file that cannot be read safely (a symlink,
// missing, oversized) is refused outright: there is nothing the simulator could have meant by it.

import { readTextInside } from "../../../sandbox/index.ts";
import { simBuildBreakage } from "../../llm/index.ts";
import type { GateOutcome } from "../services.ts";
import { PROMPTS_FILE } from "./agent-profile.ts";

/** The opaque artifact of a passed in-process gate: evaluation needs nothing built, only the tree. */
export function inProcessArtifact(tree: string): string {
  return `in-process:${tree}`;
}

export type InProcessGateVerdict = { ok: true } | Extract<GateOutcome, { ok: false }>;

export async function gateInProcess(sourceDir: string): Promise<InProcessGateVerdict> {
  let source: string;
  try {
    source = await readTextInside(sourceDir, PROMPTS_FILE);
  } catch (error) {
    return { ok: false, stage: "in-process gate", reason: `cannot read ${PROMPTS_FILE}: ${(error as Error).message}` };
  }
  const breakage = simBuildBreakage(source, PROMPTS_FILE);
  if (!breakage) return { ok: true };
  // "typecheck: type error at …" → stage "typecheck", reason "type error at …", as the real gate splits it.
  const colon = breakage.indexOf(": ");
  return { ok: false, stage: breakage.slice(0, colon), reason: breakage.slice(colon + 2) };
}
