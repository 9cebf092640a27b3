// Which of the archive's three scored tiers (small, medium, full) a suite is evaluated in. One answer for
// `dgm evolve` (its staged plan) and `dgm eval` (the tier its single score is filed under), so a suite's
// score lands in the same column whichever command produced it.
import type { StageName } from "../archive/index.ts";
import { DEFAULT_ADVANCE_AT } from "./stages.ts";

export interface SuiteStage {
  name: StageName;
  suite: string;
  /** Minimum score on this stage to go on to the next one. */
  passThreshold: number;
}

const small = (): SuiteStage => ({ name: "small", suite: "builtin:small", passThreshold: DEFAULT_ADVANCE_AT });
const medium = (): SuiteStage => ({ name: "medium", suite: "builtin:medium", passThreshold: DEFAULT_ADVANCE_AT });
const full = (): SuiteStage => ({ name: "full", suite: "builtin:full", passThreshold: 0 });

/**
 * The stages a suite is evaluated in, staged as in DGM where the built-in tiers allow it:
 * builtin:small → small; builtin:medium → small, then medium; builtin or builtin:full → small, medium
 * (and full when `withFull`). Any other suite (one task, a polyglot directory) is its own whole, filed
 * under full.
 */
export function stagesOfSuite(suite: string, withFull: boolean): SuiteStage[] {
  if (suite === "builtin:small") return [small()];
  if (suite === "builtin:medium") return [small(), medium()];
  if (suite === "builtin" || suite === "builtin:full")
    return withFull ? [small(), medium(), full()] : [small(), medium()];
  return [{ name: "full", suite, passThreshold: 0 }];
}

/** The tier a whole suite's score is filed under (`dgm eval`): the last stage of its plan, full included. */
export function stageOfSuite(suite: string): StageName {
  return stagesOfSuite(suite, true).at(-1)?.name ?? "full";
}
