// Database rows → the contract's row types (archive/types.ts).
import type Database from "better-sqlite3";
import { readJsonBlob } from "./blobs.ts";
import { json, num, numOrNull, type SqlRow, str, strOrNull } from "./sql.ts";
import type {
  AgentRow,
  AgentStatus,
  AttemptRow,
  AttemptStatus,
  CallerIdentity,
  EvaluationRow,
  EvaluationStageName,
  EvaluationStatus,
  EventRow,
  FinalPick,
  GradingIntegrity,
  ModelCallRow,
  RunRow,
  RunStatus,
  StageName,
} from "./types.ts";

export const stages: readonly StageName[] = ["small", "medium", "full"];
/** Stage rank as stored in agents.top_stage: larger means more tasks. */
export const stageRank: Record<StageName, number> = { small: 1, medium: 2, full: 3 };

/** Sums of known costs plus a count of calls with unknown price → the contract's "null when any unknown". */
export function rolledCost(knownUsd: number, unknownCalls: number): number | null {
  return unknownCalls > 0 ? null : knownUsd;
}

export function toRun(row: SqlRow): RunRow {
  return {
    id: str(row, "id"),
    createdAt: str(row, "created_at"),
    status: str(row, "status") as RunStatus,
    config: json<Record<string, unknown>>(row, "config"),
    seed: num(row, "seed"),
    budgetUsd: numOrNull(row, "budget_usd"),
    budgetTokens: numOrNull(row, "budget_tokens"),
    totalTokens: num(row, "total_tokens"),
    costUsd: rolledCost(num(row, "known_cost_usd"), num(row, "unknown_cost_calls")),
    estimatedCalls: num(row, "estimated_calls"),
    stopReason: strOrNull(row, "stop_reason"),
    finalPick: strOrNull(row, "final_pick") === null ? null : json<FinalPick>(row, "final_pick"),
  };
}

export function toAgent(row: SqlRow): AgentRow {
  const scores: AgentRow["scores"] = {};
  for (const stage of stages) {
    const score = numOrNull(row, `score_${stage}`);
    if (score !== null) scores[stage] = score;
  }
  return {
    id: str(row, "id"),
    runId: str(row, "run_id"),
    parentId: strOrNull(row, "parent_id"),
    commit: str(row, "commit_hash"),
    tree: str(row, "tree_hash"),
    generation: num(row, "generation"),
    status: str(row, "status") as AgentStatus,
    statusReason: strOrNull(row, "status_reason"),
    scores,
    createdAt: str(row, "created_at"),
  };
}

export function toAttempt(row: SqlRow): AttemptRow {
  const diagnosis = strOrNull(row, "diagnosis");
  return {
    id: str(row, "id"),
    runId: str(row, "run_id"),
    parentId: str(row, "parent_id"),
    generation: num(row, "generation"),
    status: str(row, "status") as AttemptStatus,
    entry: str(row, "entry"),
    diagnosis: diagnosis === null ? null : (JSON.parse(diagnosis) as Record<string, unknown>),
    problemStatement: strOrNull(row, "problem_statement"),
    childId: strOrNull(row, "child_id"),
    failureReason: strOrNull(row, "failure_reason"),
    phase: str(row, "phase"),
    startedAt: str(row, "started_at"),
    endedAt: strOrNull(row, "ended_at"),
    costUsd: rolledCost(num(row, "known_cost_usd"), num(row, "unknown_cost_calls")),
    tokens: num(row, "tokens"),
    estimatedCalls: num(row, "estimated_calls"),
  };
}

export function toEvaluation(row: SqlRow): EvaluationRow {
  return {
    id: str(row, "id"),
    agentId: str(row, "agent_id"),
    runId: str(row, "run_id"),
    taskId: str(row, "task_id"),
    suite: str(row, "suite"),
    stage: str(row, "stage") as EvaluationStageName,
    status: str(row, "status") as EvaluationStatus,
    testsPassed: num(row, "tests_passed"),
    testsTotal: num(row, "tests_total"),
    durationMs: num(row, "duration_ms"),
    costUsd: numOrNull(row, "cost_usd"),
    tokens: num(row, "tokens"),
    patch: str(row, "patch"),
    patchHash: str(row, "patch_hash"),
    warnings: json<string[]>(row, "warnings"),
    trajectoryRef: strOrNull(row, "trajectory_ref"),
    testOutput: str(row, "test_output"),
    grading: strOrNull(row, "grading") === null ? null : json<GradingIntegrity>(row, "grading"),
    cacheKey: str(row, "cache_key"),
    createdAt: str(row, "created_at"),
  };
}

export function toModelCall(db: Database.Database, row: SqlRow): ModelCallRow {
  const caller: CallerIdentity = {
    runId: strOrNull(row, "run_id"),
    agentId: strOrNull(row, "agent_id"),
    attemptId: strOrNull(row, "attempt_id"),
    evaluationKey: strOrNull(row, "evaluation_key"),
    taskId: strOrNull(row, "task_id"),
    purpose: str(row, "purpose") as CallerIdentity["purpose"],
    sessionId: str(row, "session_id"),
  };
  return {
    id: str(row, "id"),
    caller,
    role: str(row, "role") as ModelCallRow["role"],
    provider: str(row, "provider"),
    model: str(row, "model"),
    requestHash: str(row, "request_hash"),
    seq: num(row, "seq"),
    request: readJsonBlob(db, str(row, "request_ref")),
    response: readJsonBlob(db, str(row, "response_ref")),
    promptTokens: num(row, "prompt_tokens"),
    cachedTokens: num(row, "cached_tokens"),
    completionTokens: num(row, "completion_tokens"),
    usageEstimated: num(row, "usage_estimated") === 1,
    costUsd: numOrNull(row, "cost_usd"),
    latencyMs: num(row, "latency_ms"),
    error: strOrNull(row, "error"),
    createdAt: str(row, "created_at"),
  };
}

export function toEvent(row: SqlRow): EventRow {
  return {
    id: num(row, "id"),
    runId: str(row, "run_id"),
    type: str(row, "type"),
    payload: json<Record<string, unknown>>(row, "payload"),
    createdAt: str(row, "created_at"),
  };
}
