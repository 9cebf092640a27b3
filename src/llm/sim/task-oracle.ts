// What the offline simulator needs to know about tasks (their stubs and references), built from a
// task list. The simulator looks tasks up by the qualified id the solve session carries.
import type { Task } from "../../../evaluator/index.ts";
import type { SimOracle, SimTaskKnowledge } from "./oracle.ts";

function pickText(files: Record<string, Buffer>, paths: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const path of paths) {
    const content = files[path];
    if (content) out[path] = content.toString("utf8");
  }
  return out;
}

export function simOracleFor(tasks: Task[]): SimOracle {
  const knowledge = new Map<string, SimTaskKnowledge>();
  for (const task of tasks) {
    const { solutionFiles, difficulty } = task.manifest;
    knowledge.set(task.qualifiedId, {
      solutionFiles: pickText(task.reference, solutionFiles),
      stubFiles: pickText(task.workspace, solutionFiles),
      difficulty,
    });
  }
  return { lookup: (taskId) => knowledge.get(taskId) };
}
