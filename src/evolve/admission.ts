// Whether a valid, evaluated child joins the archive. keep_all admits every valid child (DGM's
// default, which keeps stepping stones); keep_better only those not worse than the parent beyond noise.
import type { AgentRow, StageName } from "../../archive/index.ts";
import type { EvolveOptions } from "./options.ts";

const stageOrder: StageName[] = ["small", "medium", "full"];

/** Score on the largest stage both agents were evaluated on, so that parent and child compare fairly. */
export function comparableScores(child: AgentRow, parent: AgentRow): { child: number; parent: number } | undefined {
  for (const stage of [...stageOrder].reverse()) {
    const childScore = child.scores[stage];
    const parentScore = parent.scores[stage];
    if (childScore !== undefined && parentScore !== undefined) return { child: childScore, parent: parentScore };
  }
  return undefined;
}

export interface AdmissionDecision {
  admitted: boolean;
  reason: string;
}

export function decideAdmission(
  child: AgentRow,
  parent: AgentRow,
  policy: EvolveOptions["admission"],
  noise: number,
): AdmissionDecision {
  const scores = comparableScores(child, parent);
  if (!scores) return { admitted: false, reason: "no stage evaluated for both child and parent" };
  const summary = `child ${scores.child.toFixed(2)} vs parent ${scores.parent.toFixed(2)}`;
  if (policy === "keep_all") return { admitted: true, reason: `keep_all: ${summary}` };
  if (scores.child >= scores.parent - noise) return { admitted: true, reason: `keep_better: ${summary}` };
  return { admitted: false, reason: `keep_better: ${summary} is worse than the parent by more than ${noise}` };
}
