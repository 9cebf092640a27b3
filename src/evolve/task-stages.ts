// The run's evaluation stages and every task they hold, loaded once from the options' suites. Shared by
// the Docker services and the in-process ones, so both evaluate on exactly the same stages.
import { type EvaluationStage, loadSuite, type Task } from "../../evaluator/index.ts";
import type { EvolveOptions } from "./options.ts";

export function loadStages(options: EvolveOptions): { stages: EvaluationStage[]; tasks: Task[] } {
  const stages = options.stages.map((stage) => ({
    name: stage.name,
    tasks: loadSuite(stage.suite),
    advanceAt: stage.passThreshold,
  }));
  const byId = new Map<string, Task>();
  for (const stage of stages) for (const task of stage.tasks) byId.set(task.qualifiedId, task);
  return { stages, tasks: [...byId.values()] };
}
