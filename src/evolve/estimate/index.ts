// The cost estimate of an evolution run (`dgm evolve --estimate`, and the question before every
// real-model run). Not exported: the history reader, the session arithmetic and the plan, which are
// this module's business (tests reach them directly).
export { estimateRun } from "./estimate.ts";
export { formatEstimate, formatSummary, formatTokens, formatUsd, summaryOf } from "./format.ts";
export type { EstimateSummary, RunEstimate, Spread, TokenSplit } from "./types.ts";

import type { ModelsConfig } from "../../llm/index.ts";

/** A run calls a paid model when any role is not the simulator, a script or a replay. */
export function callsRealModel(models: ModelsConfig): boolean {
  return [models.solve, models.diagnose].some((role) => !["sim", "scripted", "replay"].includes(role.provider));
}
