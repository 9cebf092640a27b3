// The default staged plan over the built-in suite, as in DGM: small first; at least 40% solved →
// medium; optionally full.
import type { EvaluationStage } from "./evaluate.ts";
import { BUILTIN_TASKS_DIR, builtinSubsets, loadBuiltinIds, loadBuiltinTasks } from "./suites.ts";
import type { Task } from "./task-types.ts";

export const DEFAULT_ADVANCE_AT = 0.4;

export interface StagePlanOptions {
  /** Include the full suite as a third stage. */
  full?: boolean;
  advanceAt?: number;
  tasksDir?: string;
}

export function builtinStages(options: StagePlanOptions = {}): EvaluationStage[] {
  const tasksDir = options.tasksDir ?? BUILTIN_TASKS_DIR;
  const subsets = builtinSubsets(tasksDir);
  const medium = loadBuiltinIds(subsets.medium, tasksDir);
  const byId = new Map(medium.map((task) => [task.manifest.id, task]));
  const pick = (ids: string[]): Task[] => ids.map((id) => byId.get(id) as Task);
  const advanceAt = options.advanceAt ?? DEFAULT_ADVANCE_AT;
  const stages: EvaluationStage[] = [
    { name: "small", tasks: pick(subsets.small), advanceAt },
    { name: "medium", tasks: pick(subsets.medium), advanceAt },
  ];
  if (options.full) stages.push({ name: "full", tasks: loadBuiltinTasks(tasksDir) });
  return stages;
}

/** One stage over an arbitrary task list (a polyglot suite, a single task). */
export function singleStage(tasks: Task[], name: EvaluationStage["name"] = "small"): EvaluationStage[] {
  return [{ name, tasks }];
}
