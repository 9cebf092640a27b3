// Evaluating one agent on staged task sets: tasks run in parallel under the shared container slots,
// every result is written to the archive as it finishes, unchanged work is answered from the cache,
// and a stage only runs when the previous one scored at least its threshold (DGM's staged evaluation).

import pLimit from "p-limit";
import type { Archive, EvaluationRow, EvaluationStageName, StageName } from "../archive/index.ts";
import { EngineLostError, type Sandbox } from "../sandbox/index.ts";
import { evaluationCacheKey } from "./cache-key.ts";
import { ENGINE_ATTEMPTS, retryOnLostEngine } from "./engine-retry.ts";
import { sha256 } from "./files.ts";
import { type SolutionChanges, solutionPatch, splitChanges } from "./grading/changes.ts";
import { type GradeDeps, type GradeResult, gradeFiles } from "./grading/grade.ts";
import { scanSolution } from "./grading/scan.ts";
import type { ModelSessions } from "./model-sessions.ts";
import type { ContainerSlots } from "./slots.ts";
import { type SolveFn, type SolveLimits, type SolveRequest, solveWithAgent } from "./solve-task.ts";
import { type EnvironmentTask, gradeInstance } from "./swebench/grade.ts";
import { solveInstance } from "./swebench/solve.ts";
import { patchFlags } from "./swebench/test-integrity.ts";
import type { Task } from "./task-types.ts";

/** The task as an environment task (solved and graded in its own image), or undefined. */
function environmentTask(task: Task): EnvironmentTask | undefined {
  return task.environment ? (task as EnvironmentTask) : undefined;
}

/** Grades an agent's changes to a task's solution files; the default runs the hidden tests in a fresh container. */
export type GradeFn = (task: Task, changes: SolutionChanges, deps: GradeDeps) => Promise<GradeResult>;

export interface EvaluationStage {
  name: StageName;
  /** The stage's whole task set; tasks already evaluated by an earlier stage are counted, not rerun. */
  tasks: Task[];
  /** The next stage runs only when this stage's score is at least this (DGM: 0.4). Default 0 (always). */
  advanceAt?: number;
}

export interface EvaluateAgentOptions {
  archive: Archive;
  sandbox: Sandbox;
  gateway: ModelSessions;
  agent: { id: string; tree: string; bundleFile: string };
  runId: string;
  stages: EvaluationStage[];
  seed: number;
  /** Canonical description of the solve model configuration; part of the cache key. */
  modelKey: string;
  slots: ContainerSlots;
  /** Suite name recorded with each evaluation (default: the prefix of the task's qualified id). */
  suite?: string;
  /** Tasks solved at once (default: the number of container slots). */
  workers?: number;
  limits?: SolveLimits;
  /** Called as each result is recorded (or found in the cache). */
  onResult?: (row: EvaluationRow, info: { cached: boolean; stage: StageName }) => void;
  /** Replaces the solver (default: the agent runner behind the gateway). */
  solve?: SolveFn;
  /**
   * Replaces the grader (default: gradeFiles, the hidden tests in a fresh container; for an environment
   * task, gradeInstance on its repository's patch).
   */
  grade?: GradeFn;
  /**
   * Why no further task should start (the model's configuration is broken, say), or null. Tasks not
   * started are not recorded, so a later run does them.
   */
  halted?: () => string | null;
  /**
   * Asked as each task is about to start: a reason to start no further task (a budget of task
   * evaluations shared with other evaluations running at once), or a claim on one evaluation, released
   * once the task's result is recorded — so that such a budget counts the tasks in flight, not only the
   * results already recorded. A refusal stops the evaluation as `halted` does.
   */
  claimTask?: (agentId: string) => string | TaskClaim;
  /**
   * Aborted: no further task starts (those not started are not recorded, like `halted`), and a task
   * whose agent was running is not graded, since grading would start a container for a result that
   * says nothing about the agent. The running containers themselves are the caller's to remove.
   */
  signal?: AbortSignal;
}

export interface EvaluateAgentResult {
  scores: Partial<Record<StageName, number>>;
  results: EvaluationRow[];
  /** The last stage that ran, and why evaluation stopped there (when it did early). */
  stoppedAfter: StageName | null;
  stopReason: string | null;
  /** Set when `halted` stopped the evaluation before every task ran: the reason, as it said. */
  haltedBy: string | null;
  /** Set when `claimTask` refused a task (a spent task budget): the evaluation is incomplete. */
  refusedBy: string | null;
  /** The signal stopped the evaluation before every task ran. */
  aborted: boolean;
}

/** Stands in for grading a task whose evaluation was aborted while its agent ran. */
const NOT_GRADED_ABORTED: GradeResult = {
  status: "error",
  testsPassed: 0,
  testsTotal: 0,
  output: "not graded: the evaluation was aborted while the agent ran",
  durationMs: 0,
};

/** solved / total over a stage's tasks. */
export function stageScore(tasks: Task[], byTask: Map<string, EvaluationRow>): number {
  if (tasks.length === 0) return 0;
  const solved = tasks.filter((task) => byTask.get(task.qualifiedId)?.status === "passed").length;
  return solved / tasks.length;
}

/** One evaluation's share of a task budget (EvaluateAgentOptions.claimTask), given back when its result is recorded. */
export interface TaskClaim {
  release(): void;
}

/** What evaluating one task needs: an evaluation's options without the staging. */
export type TaskEvaluationOptions = Omit<
  EvaluateAgentOptions,
  "stages" | "workers" | "onResult" | "halted" | "claimTask"
>;

/**
 * Evaluates an agent on one task and records the result (answered from the cache when this tree was
 * already evaluated on this task). For schedulers that decide task by task (HGM) and for finalists on
 * the held-out split; evaluateAgent runs whole stages through it.
 */
export async function evaluateTask(
  options: TaskEvaluationOptions,
  task: Task,
  stage: EvaluationStageName,
): Promise<{ row: EvaluationRow; cached: boolean }> {
  const { archive, agent } = options;
  const cacheKey = evaluationCacheKey({
    agentTree: agent.tree,
    taskContentHash: task.contentHash,
    modelKey: options.modelKey,
    seed: options.seed,
  });
  const suite = options.suite ?? task.qualifiedId.split(":")[0] ?? "builtin";
  // Never an "error" row (our machinery failed, not the agent); this agent's own row first.
  const hit = archive.findCachedEvaluation(cacheKey, agent.id);
  if (hit) {
    if (hit.agentId === agent.id) return { row: hit, cached: true };
    const { id: _id, createdAt: _createdAt, ...copy } = hit;
    return {
      row: archive.recordEvaluation({ ...copy, agentId: agent.id, runId: options.runId, stage, suite }),
      cached: true,
    };
  }
  const base = { agentId: agent.id, runId: options.runId, taskId: task.qualifiedId, suite, stage, cacheKey };
  let started = performance.now();
  // The row that says the machinery (not the agent) failed this try: never cached, never counted.
  const recordFailure = (error: unknown, warning: string): EvaluationRow =>
    archive.recordEvaluation({
      ...base,
      status: "error",
      testsPassed: 0,
      testsTotal: 0,
      durationMs: Math.round(performance.now() - started),
      costUsd: null,
      tokens: 0,
      patch: "",
      patchHash: sha256(""),
      warnings: [warning],
      trajectoryRef: null,
      testOutput: error instanceof Error ? error.message : String(error),
    });
  try {
    // An engine that stopped answering says nothing about the agent: that try is recorded as an
    // infrastructure error and the task runs again; the pool no longer places work on that engine.
    return await retryOnLostEngine(
      () => {
        started = performance.now();
        return attemptTask(options, task, base, started);
      },
      (error, attempt) =>
        recordFailure(
          error,
          `infrastructure error: ${error.message}; run again on another engine (attempt ${attempt + 1} of ${ENGINE_ATTEMPTS})`,
        ),
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const warning =
      error instanceof EngineLostError
        ? `infrastructure error: ${message}`
        : `evaluation failed before grading: ${message}`;
    return { row: recordFailure(error, warning), cached: false };
  }
}

type EvaluationBase = Pick<EvaluationRow, "agentId" | "runId" | "taskId" | "suite" | "stage" | "cacheKey">;

/** One try at solving and grading a task; throws when the machinery (not the agent) failed. */
async function attemptTask(
  options: TaskEvaluationOptions,
  task: Task,
  base: EvaluationBase,
  started: number,
): Promise<{ row: EvaluationRow; cached: boolean }> {
  const { archive, agent } = options;
  const environment = environmentTask(task);
  const solve =
    options.solve ?? (environment ? (request: SolveRequest) => solveInstance(request, environment) : solveWithAgent);
  const outcome = await solve({
    sandbox: options.sandbox,
    gateway: options.gateway,
    slots: options.slots,
    task,
    agent,
    runId: options.runId,
    evaluationKey: base.cacheKey,
    seed: options.seed,
    limits: options.limits,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const changes = outcome.finalWorkspace ? splitChanges(task, outcome.finalWorkspace) : { solution: {}, warnings: [] };
  // An environment task's change is its repository's diff, taken where the agent worked.
  const patch = environment ? (outcome.repositoryPatch ?? "") : await solutionPatch(task, changes.solution);
  const aborted = options.signal?.aborted ?? false;
  const deps: GradeDeps = {
    sandbox: options.sandbox,
    slots: options.slots,
    labels: { run: options.runId, agent: agent.id, task: task.qualifiedId },
  };
  const grade = aborted
    ? NOT_GRADED_ABORTED
    : environment && !options.grade
      ? await gradeInstance(environment, patch, deps)
      : await (options.grade ?? gradeFiles)(task, changes.solution, deps);
  const usage = outcome.usage;
  // The run's budget ran out, or the agent was killed from outside (an abort): the result says
  // nothing about the agent, so it is an "error" (never reused from the cache) unless it passed.
  const cutByBudget = (usage?.budgetRefused ?? 0) > 0 && grade.status !== "passed";
  const cutByKill = outcome.killed && grade.status !== "passed";
  const cutByAbort = aborted && !outcome.killed;
  // A model call failed for a reason that is not the agent's (a refused key, a server that kept
  // failing): what the agent did without its model says nothing about it.
  const modelFailure = grade.status !== "passed" ? usage?.modelFailure : undefined;
  const warnings = [...outcome.warnings, ...changes.warnings];
  if (modelFailure) warnings.unshift(`${modelFailure.message}; this result is not cached`);
  if (cutByBudget) warnings.push("the run's budget ran out while the agent was working; this result is not cached");
  if (cutByKill) warnings.push("the agent was killed from outside before it finished; this result is not cached");
  if (cutByAbort) warnings.push("the evaluation was aborted before grading; this result is not cached");
  const row = archive.recordEvaluation({
    ...base,
    status:
      cutByBudget || cutByKill || cutByAbort || modelFailure
        ? "error"
        : outcome.timedOut && grade.status !== "passed"
          ? "timeout"
          : grade.status,
    testsPassed: grade.testsPassed,
    testsTotal: grade.testsTotal,
    durationMs: Math.round(performance.now() - started),
    costUsd: usage ? usage.costUsd : null,
    tokens: usage ? usage.promptTokens + usage.completionTokens : 0,
    patch,
    patchHash: sha256(patch),
    warnings,
    trajectoryRef: outcome.trajectory ? archive.writeBlob(outcome.trajectory) : null,
    testOutput: grade.output,
    grading: {
      channel: grade.channel ?? "none",
      expectedTests: task.manifest.expectedTests ?? null,
      flags: environment
        ? patchFlags(environment.environment.instance, patch)
        : scanSolution(task.workspace, changes.solution),
      tamper: grade.tamper ?? [],
      ...(grade.tests ? { tests: grade.tests } : {}),
    },
  });
  return { row, cached: false };
}

export async function evaluateAgent(options: EvaluateAgentOptions): Promise<EvaluateAgentResult> {
  const limit = pLimit(options.workers ?? options.slots.size);
  const byTask = new Map<string, EvaluationRow>();
  const results: EvaluationRow[] = [];
  const scores: Partial<Record<StageName, number>> = {};
  let stoppedAfter: StageName | null = null;
  let haltedBy: string | null = null;
  let refusedBy: string | null = null;
  const aborted = () => options.signal?.aborted ?? false;
  const stopStarting = (): boolean => {
    if (aborted()) return true;
    haltedBy ??= options.halted?.() ?? null;
    return haltedBy !== null;
  };
  for (const [index, stage] of options.stages.entries()) {
    const fresh = stage.tasks.filter(
      (task, position, all) => !byTask.has(task.qualifiedId) && all.indexOf(task) === position,
    );
    await Promise.all(
      fresh.map((task) =>
        limit(async () => {
          if (stopStarting() || refusedBy) return;
          const claim = options.claimTask?.(options.agent.id);
          if (typeof claim === "string") {
            refusedBy ??= claim;
            return;
          }
          const { row, cached } = await evaluateTask(options, task, stage.name).finally(() => claim?.release());
          byTask.set(task.qualifiedId, row);
          results.push(row);
          options.onResult?.(row, { cached, stage: stage.name });
        }),
      ),
    );
    if (aborted()) return { scores, results, stoppedAfter, stopReason: "aborted", haltedBy, refusedBy, aborted: true };
    haltedBy ??= options.halted?.() ?? null;
    const cut = haltedBy ?? refusedBy;
    if (cut) return { scores, results, stoppedAfter, stopReason: cut, haltedBy, refusedBy, aborted: false };
    const score = stageScore(stage.tasks, byTask);
    scores[stage.name] = score;
    options.archive.setAgentScore(options.agent.id, stage.name, score);
    stoppedAfter = stage.name;
    const threshold = stage.advanceAt ?? 0;
    const next = options.stages[index + 1];
    if (next && score < threshold) {
      return {
        scores,
        results,
        stoppedAfter,
        stopReason: `${stage.name} scored ${score.toFixed(2)} < ${threshold}: ${next.name} not run`,
        haltedBy,
        refusedBy,
        aborted: false,
      };
    }
  }
  return { scores, results, stoppedAfter, stopReason: null, haltedBy, refusedBy, aborted: false };
}
