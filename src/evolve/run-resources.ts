// What every implementation of the loop's services builds the same way for one run: its evaluation
// stages and their tasks, the run budget (already charged with what a resumed run spent), and the
// metering gateway with the configured providers (the sim knowing the run's tasks). Shared by the
// Docker services (wiring.ts) and the in-process ones, so both meter and evaluate exactly alike.
import type { Archive, RunRow } from "../../archive/index.ts";
import { type EvaluationStage, loadSuite, type Task } from "../../evaluator/index.ts";
import {
  createRunBudget,
  failureWithFix,
  type Gateway,
  type ModelsConfig,
  openModels,
  type RunBudget,
  type ScriptStep,
  type SimOracle,
  simOracleFor,
} from "../llm/index.ts";
import type { EvolveOptions } from "./options.ts";
import type { TaskCatalog } from "./services.ts";

export interface RunResources {
  stages: EvaluationStage[];
  /** Every task of every stage, once. */
  tasks: Task[];
  catalog: TaskCatalog;
  oracle: SimOracle;
  budget: RunBudget;
  gateway: Gateway;
  /** The gateway's run-stopping model failure with its fix, or null (EvolveServices.modelFailure). */
  modelFailure(): string | null;
}

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

export function prepareRunResources(
  archive: Archive,
  run: RunRow,
  options: EvolveOptions,
  models: ModelsConfig,
  scripts?: Record<string, ScriptStep[]>,
): RunResources {
  const { stages, tasks } = loadStages(options);
  const oracle = simOracleFor(tasks);
  const budget = createRunBudget({ usd: options.budgetUsd, tokens: options.budgetTokens });
  // A resumed run has already spent part of its budget.
  budget.charge(run.totalTokens, run.costUsd ?? 0);
  const gateway = openModels(archive, models, { oracle, scripts, budget, seed: options.seed });
  const instructionsById = new Map(tasks.map((task) => [task.qualifiedId, task.instructions]));
  const catalog: TaskCatalog = { instructions: (taskId) => instructionsById.get(taskId) };
  const modelFailure = (): string | null => failureWithFix(gateway.modelFailure());
  return { stages, tasks, catalog, oracle, budget, gateway, modelFailure };
}
