// The evaluator's public entry: the task format and loaders, grading, container slots and staged
// evaluation of an agent. Other rooms import only from here.

export * from "./agent-runner/index.ts";
export { type CacheKeyParts, evaluationCacheKey, modelKeyOf } from "./cache-key.ts";
export { type CheckOptions, checkTasks, type TaskCheck } from "./check.ts";
export { TaskError } from "./errors.ts";
export {
  type EvaluateAgentOptions,
  type EvaluateAgentResult,
  type EvaluationStage,
  evaluateAgent,
  type GradeFn,
  stageScore,
} from "./evaluate.ts";
export { type FileMap, readTree } from "./files.ts";
export {
  applySolution,
  type SolutionChanges,
  solutionPatch,
  splitChanges,
  type WorkspaceChanges,
} from "./grading/changes.ts";
export { type GradeDeps, type GradeResult, type GradingPass, gradeFiles, gradePasses } from "./grading/grade.ts";
export { type GuardedCommand, guardCommand, HARNESS_ROOT } from "./grading/harness.ts";
export { parseTestCounts, type TestCounts } from "./grading/parse-results.ts";
export { scanSolution } from "./grading/scan.ts";
export {
  findVerdictLines,
  type GradingChannel,
  guardedVerdict,
  type HarnessReport,
  VERDICT_MARKER,
  verdictOf,
} from "./grading/verdict.ts";
export { checkTaskFiles, contentHashOf, loadTaskDir } from "./load-task.ts";
export { agentSeconds, DEFAULT_AGENT_SECONDS, DEFAULT_TEST_SECONDS, parseManifest, testSeconds } from "./manifest.ts";
export { JEST_BIN, loadExercise, loadPolyglot } from "./polyglot.ts";
export { simOracleFor } from "./sim-oracle.ts";
export { ContainerSlots, defaultSlotCount, sharedContainerSlots } from "./slots.ts";
export {
  type SolveFn,
  type SolveLimits,
  type SolveOutcome,
  type SolveRequest,
  solveIdentity,
  solveWithAgent,
} from "./solve-task.ts";
export { builtinStages, DEFAULT_ADVANCE_AT, type StagePlanOptions, singleStage } from "./stages.ts";
export { evaluateStandalone, type StandaloneEvalOptions, type StandaloneEvalResult } from "./standalone.ts";
export { type SuiteStage, stageOfSuite, stagesOfSuite } from "./suite-stages.ts";
export {
  BUILTIN_TASKS_DIR,
  builtinSubsets,
  builtinTaskIds,
  loadBuiltinIds,
  loadBuiltinTasks,
  loadSuite,
  loadTask,
  NAMED_SUBSETS,
  type SubsetName,
  scanBuiltinTasks,
  type TaskProblem,
} from "./suites.ts";
export { formatTable } from "./table.ts";
export type * from "./task-types.ts";
