// Which of the archive's three scored tiers (small, medium, full) a suite is evaluated in. One answer for
// `dgm evolve` (its staged plan) and `dgm eval` (the tier its single score is filed under), so a suite's
// score lands in the same column whichever command produced it.
import type { StageName } from "../archive/index.ts";
import { polyglotStageSuites, type TieredSuites } from "./polyglot/suite.ts";
import { DEFAULT_ADVANCE_AT } from "./stages.ts";
import { swebenchStageSuites } from "./swebench/suite.ts";

export interface SuiteStage {
  name: StageName;
  suite: string;
  /** Minimum score on this stage to go on to the next one. */
  passThreshold: number;
}

/** The staged plan over a suite with a small and a medium subset and a whole. */
function tiered({ small, medium, full, upTo }: TieredSuites, withFull: boolean): SuiteStage[] {
  const stages: SuiteStage[] = [{ name: "small", suite: small, passThreshold: DEFAULT_ADVANCE_AT }];
  if (upTo === "small") return stages;
  stages.push({ name: "medium", suite: medium, passThreshold: DEFAULT_ADVANCE_AT });
  if (upTo === "full" && withFull) stages.push({ name: "full", suite: full, passThreshold: 0 });
  return stages;
}

/**
 * The stages a suite is evaluated in, staged as in DGM where the suite has tiers:
 * builtin:small → small; builtin:medium → small, then medium; builtin or builtin:full → small, medium
 * (and full when `withFull`). The polyglot benchmark root stages the same way over DGM's subsets:
 * polyglot:<root>:dgm-small → small; :dgm-medium → small, medium; polyglot:<root> → small, medium
 * (and every exercise when `withFull`). A SWE-bench instance file stages over DGM's tiers the same way:
 * swebench:<file>:dgm-small → small; :dgm-medium → small, medium; :dgm-big → small, medium (and full,
 * small + medium + big, when `withFull`). Any other suite (one task, one polyglot language) is its own
 * whole, filed under full.
 */
export function stagesOfSuite(suite: string, withFull: boolean): SuiteStage[] {
  const builtin = { small: "builtin:small", medium: "builtin:medium", full: "builtin:full" };
  if (suite === "builtin:small") return tiered({ ...builtin, upTo: "small" }, withFull);
  if (suite === "builtin:medium") return tiered({ ...builtin, upTo: "medium" }, withFull);
  if (suite === "builtin" || suite === "builtin:full") return tiered({ ...builtin, upTo: "full" }, withFull);
  const polyglot = suite.startsWith("polyglot:") ? polyglotStageSuites(suite.slice("polyglot:".length)) : undefined;
  if (polyglot) return tiered(polyglot, withFull);
  const swebench = suite.startsWith("swebench:") ? swebenchStageSuites(suite.slice("swebench:".length)) : undefined;
  if (swebench) return tiered(swebench, withFull);
  return [{ name: "full", suite, passThreshold: 0 }];
}

/** The tier a whole suite's score is filed under (`dgm eval`): the last stage of its plan, full included. */
export function stageOfSuite(suite: string): StageName {
  return stagesOfSuite(suite, true).at(-1)?.name ?? "full";
}
