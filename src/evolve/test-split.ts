// The held-out split (--test-split): a fixed share of the suite's tasks that the search never sees,
// kept for the finalists at the end, so that the final pick is judged on tasks it was not chosen on
// (the scores it was chosen on are biased upwards: the winner's curse). Drawn from the run seed over
// the sorted task ids, so a resumed run holds out the same tasks.
import { deriveSeed, mulberry32 } from "../../archive/index.ts";
import { UsageError } from "../../common/index.ts";
import type { EvaluationStage, Task } from "../../evaluator/index.ts";

export interface SplitStages {
  /** The stages the search evaluates on, held-out tasks removed. */
  stages: EvaluationStage[];
  /** Tasks for finalists only, in a stable order. */
  heldOut: Task[];
}

export function splitHeldOut(stages: EvaluationStage[], fraction: number, seed: number): SplitStages {
  if (fraction <= 0) return { stages, heldOut: [] };
  const byId = new Map<string, Task>();
  for (const stage of stages) for (const task of stage.tasks) byId.set(task.qualifiedId, task);
  const ids = [...byId.keys()].sort();
  const count = Math.max(1, Math.round(fraction * ids.length));
  if (count >= ids.length) {
    throw new UsageError(
      `--test-split ${fraction} would hold out all ${ids.length} tasks of the suite; use a smaller fraction or a larger suite`,
    );
  }
  // Fisher–Yates on the sorted ids with the run's seed: the same suite and seed hold out the same tasks.
  const rng = mulberry32(deriveSeed(seed, "test-split"));
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  const heldOutIds = new Set(ids.slice(0, count));
  const searched = stages.map((stage) => ({
    ...stage,
    tasks: stage.tasks.filter((task) => !heldOutIds.has(task.qualifiedId)),
  }));
  const empty = searched.find((stage) => stage.tasks.length === 0);
  if (empty) {
    throw new UsageError(
      `--test-split ${fraction} leaves the ${empty.name} stage without a task to search on; use a smaller fraction`,
    );
  }
  const heldOut = [...heldOutIds].sort().map((id) => byId.get(id)!);
  return { stages: searched, heldOut };
}
