// What every implementation of the loop's services builds the same way for one run: its evaluation
// stages and their tasks, the run budget (already charged with what a resumed run spent), and the
// metering gateway with the configured providers (the sim knowing the run's tasks). Shared by the
// Docker services (wiring.ts) and the in-process ones, so both meter and evaluate exactly alike.
import type { Archive, RunRow, StageName } from "../../archive/index.ts";
import { type EvaluationStage, loadSuite, type Task, type TaskClaim } from "../../evaluator/index.ts";
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
import { splitHeldOut } from "./test-split.ts";

export interface RunResources {
  /** The search's stages (held-out tasks removed). */
  stages: EvaluationStage[];
  /** Every task of every search stage, once, in stage order: the pool a task-by-task scheduler draws from. */
  tasks: Task[];
  /** The held-out split (--test-split): for finalists only. */
  heldOut: Task[];
  catalog: TaskCatalog;
  oracle: SimOracle;
  budget: RunBudget;
  gateway: Gateway;
  /** The gateway's run-stopping model failure with its fix, or null (EvolveServices.modelFailure). */
  modelFailure(): string | null;
  /** Why the run's money or tokens are spent, or null (EvolveServices.budgetExhausted). */
  budgetExhausted(): string | null;
  /** Why an evaluation must start no further task (a broken model), or null. */
  halted(): string | null;
  /** The task-evaluation budget's claim on each task a staged evaluation starts (EvaluateAgentOptions.claimTask). */
  claimTask(agentId: string): string | TaskClaim;
  /** EvolveServices.searchPool. */
  searchPool: { taskIds: string[]; stage: StageName };
  /** A search or held-out task by qualified id; an unknown id is a bug of the caller. */
  taskById(taskId: string): Task;
}

export function loadStages(options: EvolveOptions): { stages: EvaluationStage[]; tasks: Task[]; heldOut: Task[] } {
  const loaded = options.stages.map((stage) => ({
    name: stage.name,
    tasks: loadSuite(stage.suite),
    advanceAt: stage.passThreshold,
  }));
  const { stages, heldOut } = splitHeldOut(loaded, options.testSplit, options.seed);
  const byId = new Map<string, Task>();
  for (const stage of stages) for (const task of stage.tasks) byId.set(task.qualifiedId, task);
  return { stages, tasks: [...byId.values()], heldOut };
}

/**
 * --max-task-evals over staged evaluations running at once: a task may start only while the results
 * recorded plus the tasks in flight stay under the budget. The seed's own evaluation is not counted.
 */
function taskEvalBudget(archive: Archive, runId: string, max: number | null) {
  let inFlight = 0;
  const claim = (agentId: string): string | TaskClaim => {
    const free = { release: () => {} };
    if (max === null || archive.getAgent(agentId)?.parentId === null) return free;
    const recorded = archive.countSearchEvaluations(runId);
    if (recorded + inFlight >= max) return `--max-task-evals ${max} spent (${recorded} recorded, ${inFlight} running)`;
    inFlight++;
    let released = false;
    return {
      release: () => {
        if (!released) inFlight--;
        released = true;
      },
    };
  };
  return { claim };
}

export function prepareRunResources(
  archive: Archive,
  run: RunRow,
  options: EvolveOptions,
  models: ModelsConfig,
  scripts?: Record<string, ScriptStep[]>,
): RunResources {
  const { stages, tasks, heldOut } = loadStages(options);
  const oracle = simOracleFor([...tasks, ...heldOut]);
  const budget = createRunBudget({ usd: options.budgetUsd, tokens: options.budgetTokens });
  // A resumed run has already spent part of its budget.
  budget.charge(run.totalTokens, run.costUsd ?? 0);
  const gateway = openModels(archive, models, { oracle, scripts, budget, seed: options.seed });
  // Held-out tasks are left out: the diagnoser must never read one (nor its results, which only finalists have).
  const instructionsById = new Map(tasks.map((task) => [task.qualifiedId, task.instructions]));
  const catalog: TaskCatalog = { instructions: (taskId) => instructionsById.get(taskId) };
  const modelFailure = (): string | null => failureWithFix(gateway.modelFailure());
  const taskEvals = taskEvalBudget(archive, run.id, options.maxTaskEvals);
  const byId = new Map([...tasks, ...heldOut].map((task) => [task.qualifiedId, task]));
  return {
    stages,
    tasks,
    heldOut,
    searchPool: { taskIds: tasks.map((task) => task.qualifiedId), stage: stages.at(-1)!.name },
    taskById: (taskId) => {
      const task = byId.get(taskId);
      if (!task) throw new Error(`task ${taskId} is not in this run's suite`);
      return task;
    },
    catalog,
    oracle,
    budget,
    gateway,
    modelFailure,
    budgetExhausted: () => budget.exhaustedReason(),
    halted: modelFailure,
    claimTask: taskEvals.claim,
  };
}
