// An agent's verdict per task from its evaluation rows: the latest result that says something about the
// agent. An infrastructure "error" says nothing (the task may be run again), so it never overrides a
// verdict; tasks with nothing but errors are counted apart. One reading for every view and pick.
import type { EvaluationRow } from "./types.ts";

/** What a result needs to count: evaluation rows and the views' task results both have it. */
export type ResultRow = Pick<EvaluationRow, "taskId" | "status">;

/** Task → passed, from the latest verdict per task among `rows` (oldest first, as the archive lists them). */
export function verdicts(rows: readonly ResultRow[]): { byTask: Map<string, boolean>; errors: number } {
  const byTask = new Map<string, boolean>();
  const errored = new Set<string>();
  for (const row of rows) {
    if (row.status === "error") errored.add(row.taskId);
    else byTask.set(row.taskId, row.status === "passed");
  }
  return { byTask, errors: [...errored].filter((task) => !byTask.has(task)).length };
}
