// The archive's public contract: rows as the rest of the system sees them. The SQLite schema and the
// git agent store behind it are this room's business; other rooms use only these types and index.ts.

export type RunStatus = "running" | "stopped" | "finished" | "failed";
export type AgentStatus = "pending" | "evaluating" | "admitted" | "rejected" | "invalid";
export type AttemptStatus = "running" | "succeeded" | "failed" | "abandoned";
export type EvaluationStatus = "passed" | "failed" | "error" | "timeout";
/** Evaluation stages, smallest first. A stage's score is solved/total over that stage's tasks. */
export type StageName = "small" | "medium" | "full";
/**
 * What an evaluation was for: a search stage, or "test" — the held-out split (--test-split) that only
 * finalists are run on, never the search, so that their scores are free of the winner's curse.
 */
export type EvaluationStageName = StageName | "test";

/** A finalist of a run's final pick: its results on the held-out split and their interval. */
export interface Finalist {
  agentId: string;
  passed: number;
  total: number;
  /** Bounds of the interval on its held-out pass rate. */
  low: number;
  high: number;
}

/** How a run's final agent was chosen: by the lower bound of its held-out interval among finalists. */
export interface FinalPick {
  agentId: string;
  method: "holdout-lcb";
  confidence: number;
  heldOutTasks: number;
  finalists: Finalist[];
  pickedAt: string;
}

export interface RunRow {
  id: string;
  createdAt: string;
  status: RunStatus;
  /** The full, validated run configuration as given (JSON). */
  config: Record<string, unknown>;
  seed: number;
  budgetUsd: number | null;
  budgetTokens: number | null;
  /** Rolled up from model calls. costUsd is null when any call had an unknown price. */
  totalTokens: number;
  costUsd: number | null;
  /** Calls whose server sent no usage: totalTokens and costUsd include estimates for them. */
  estimatedCalls: number;
  stopReason: string | null;
  /** Set once finalists were re-evaluated on the held-out split (end of a run, or `dgm best --confidence`). */
  finalPick: FinalPick | null;
}

export interface AgentRow {
  id: string;
  runId: string;
  parentId: string | null;
  /** The agent's git commit and tree hash in the agent store. */
  commit: string;
  tree: string;
  generation: number;
  status: AgentStatus;
  /** Why it was rejected or invalid (e.g. "type error at src/tools/editor.ts:41: …"). */
  statusReason: string | null;
  /** Score per evaluated stage, 0..1. */
  scores: Partial<Record<StageName, number>>;
  createdAt: string;
}

export interface AttemptRow {
  id: string;
  runId: string;
  parentId: string;
  generation: number;
  status: AttemptStatus;
  /** What the child should learn from: a task id or a special entry such as "solve_empty_patches". */
  entry: string;
  diagnosis: Record<string, unknown> | null;
  problemStatement: string | null;
  childId: string | null;
  failureReason: string | null;
  /** Current phase for live views: selecting, diagnosing, self-modifying, gating, evaluating, admitting, done. */
  phase: string;
  startedAt: string;
  endedAt: string | null;
  costUsd: number | null;
  tokens: number;
  /** Calls whose server sent no usage: tokens and costUsd include estimates for them. */
  estimatedCalls: number;
}

/** How a result was graded and what grading noticed about the solution (see evaluator/grading). */
export interface GradingIntegrity {
  /**
   * "guarded": the counts come from the grader's harness over a line only it could write (node --test,
   * unittest); "unguarded": parsed from the test runner's own output, which the solution shares (other
   * runners, e.g. jest and pytest in polyglot suites); "none": no test ran (in-process grading).
   */
  channel: "guarded" | "unguarded" | "none";
  /** The number of tests the task declares (task.json expectedTests), when it declares one. */
  expectedTests: number | null;
  /** Lines the solution added that touch the test framework, e.g. "lru.js:3 process.exit": a warning. */
  flags: string[];
  /** Tampering with the test framework seen at run time; a result with any is failed. */
  tamper: string[];
  /** Each named test the task requires and how it ended (SWE-bench's FAIL_TO_PASS and PASS_TO_PASS). */
  tests?: NamedTestResult[];
}

/** One test a task names, with what grading saw of it. */
export interface NamedTestResult {
  name: string;
  /** FAIL_TO_PASS: fails before the fix, must pass after it; PASS_TO_PASS: passed before, must still pass. */
  expected: "FAIL_TO_PASS" | "PASS_TO_PASS";
  /** As the runner reported it (PASSED, FAILED, ERROR, SKIPPED, XFAIL), or MISSING when it never ran. */
  status: string;
  passed: boolean;
}

export interface EvaluationRow {
  id: string;
  agentId: string;
  runId: string;
  taskId: string;
  suite: string;
  stage: EvaluationStageName;
  status: EvaluationStatus;
  testsPassed: number;
  testsTotal: number;
  durationMs: number;
  costUsd: number | null;
  tokens: number;
  /** The agent's patch to solution files (unified diff), and its sha256. */
  patch: string;
  patchHash: string;
  /** Warnings such as changes outside the solution files, never applied. */
  warnings: string[];
  /** Identifies the stored trajectory blob (read with Archive.readBlob). */
  trajectoryRef: string | null;
  /** Tail of the hidden tests' output, for the diagnoser. */
  testOutput: string;
  /** How it was graded, flags and tampering; null for results recorded before the archive kept it. */
  grading: GradingIntegrity | null;
  /** Cache key: hash of (agent tree, task content, model configuration, seed). */
  cacheKey: string;
  createdAt: string;
}

/** Who made a model call: one gateway session's identity. */
export interface CallerIdentity {
  runId: string | null;
  agentId: string | null;
  attemptId: string | null;
  evaluationKey: string | null;
  taskId: string | null;
  purpose: "solve" | "self-modify" | "diagnose" | "smoke" | "other";
  sessionId: string;
}

export interface ModelCallRow {
  id: string;
  caller: CallerIdentity;
  role: "solve" | "diagnose";
  provider: string;
  model: string;
  /** sha256 of the normalized request, used by replay. */
  requestHash: string;
  /** Position of this call within its session (0-based), used by replay. */
  seq: number;
  request: unknown;
  response: unknown;
  promptTokens: number;
  /** Of promptTokens, those served from the provider's prompt cache (priced at the cached-input rate). */
  cachedTokens: number;
  completionTokens: number;
  /** The server sent no usage: the token counts (and so the cost) are estimates. */
  usageEstimated: boolean;
  /** null: the model's price is unknown (never a silent 0). */
  costUsd: number | null;
  latencyMs: number;
  error: string | null;
  createdAt: string;
}

export interface EventRow {
  id: number;
  runId: string;
  type: string;
  payload: Record<string, unknown>;
  createdAt: string;
}

export interface CostSummary {
  calls: number;
  promptTokens: number;
  /** Of promptTokens, those served from a prompt cache. */
  cachedTokens: number;
  completionTokens: number;
  /** null when any call had unknown cost. */
  costUsd: number | null;
  unknownCostCalls: number;
  /** Calls whose server sent no usage: the tokens and cost include estimates for them. */
  estimatedCalls: number;
}
