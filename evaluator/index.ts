// The evaluator's public entry: the task format and loaders, grading, container slots and staged
// evaluation of an agent. Other rooms import only from here.

export * from "./agent-runner/index.ts";
export { modelKeyOf } from "./cache-key.ts";
export { checkTasks, type TaskCheck } from "./check.ts";
export { ENGINE_ATTEMPTS, retryOnLostEngine } from "./engine-retry.ts";
export { TaskError } from "./errors.ts";
export {
  type EvaluateAgentOptions,
  type EvaluateAgentResult,
  type EvaluationStage,
  evaluateAgent,
  evaluateTask,
  type GradeFn,
  type TaskClaim,
  type TaskEvaluationOptions,
} from "./evaluate.ts";
export type { FileMap } from "./files.ts";
export { applySolution, solutionPatch, splitChanges } from "./grading/changes.ts";
export { type GradeResult, gradeFiles } from "./grading/grade.ts";
export { guardCommand, HARNESS_ROOT } from "./grading/harness.ts";
export { parseTestCounts } from "./grading/parse-results.ts";
export { scanSolution } from "./grading/scan.ts";
export { findVerdictLines, guardedVerdict, type HarnessReport, verdictOf } from "./grading/verdict.ts";
export { loadTaskDir } from "./load-task.ts";
export { agentSeconds, parseManifest, testSeconds } from "./manifest.ts";
export type { SessionLimits, SessionUsage } from "./model-sessions.ts";
export { DGM_MEDIUM, DGM_SMALL } from "./polyglot/dgm-subsets.ts";
export { loadPolyglot, type SetAsideTask } from "./polyglot/suite.ts";
export { ContainerSlots, sharedContainerSlots } from "./slots.ts";
export { type SolveFn, type SolveLimits, type SolveOutcome, solveIdentity } from "./solve-task.ts";
export { stageOfSuite, stagesOfSuite } from "./suite-stages.ts";
export {
  builtinSubsets,
  loadBuiltinIds,
  loadSuite,
  loadTask,
  SUITE_FORMS,
  type SuiteScan,
  scanBuiltinTasks,
  scanSuite,
  suiteLanguages,
} from "./suites.ts";
export { type EnvironmentTask, gradeInstance } from "./swebench/grade.ts";
export { type EnvironmentImage, environmentImages } from "./swebench/images.ts";
export { commitBase, diffFromBase, repositoryDir } from "./swebench/repository.ts";
export { formatTable } from "./table.ts";
export type * from "./task-types.ts";
