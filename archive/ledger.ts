// What evolution spends and observes: evaluations, model calls (with cost roll-ups) and the event log.
import type Database from "better-sqlite3";
import type { NewEvaluation, NewModelCall } from "./api.ts";
import { writeJsonBlob } from "./blobs.ts";
import { newId, nowIso } from "./ids.ts";
import { toEvaluation, toEvent, toModelCall } from "./rows.ts";
import { type SqlRow, stmt, write } from "./sql.ts";
import type {
  CallerIdentity,
  CostSummary,
  EvaluationRow,
  EvaluationStageName,
  EventRow,
  ModelCallRow,
} from "./types.ts";

export function recordEvaluation(db: Database.Database, evaluation: NewEvaluation): EvaluationRow {
  const id = newId(8);
  write(db, () =>
    stmt(
      db,
      `INSERT INTO evaluations (id, agent_id, run_id, task_id, suite, stage, status, tests_passed, tests_total,
         duration_ms, cost_usd, tokens, patch, patch_hash, warnings, trajectory_ref, test_output, cache_key, created_at,
         grading)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      evaluation.agentId,
      evaluation.runId,
      evaluation.taskId,
      evaluation.suite,
      evaluation.stage,
      evaluation.status,
      evaluation.testsPassed,
      evaluation.testsTotal,
      Math.round(evaluation.durationMs),
      evaluation.costUsd,
      evaluation.tokens,
      evaluation.patch,
      evaluation.patchHash,
      JSON.stringify(evaluation.warnings),
      evaluation.trajectoryRef,
      evaluation.testOutput,
      evaluation.cacheKey,
      nowIso(),
      evaluation.grading ? JSON.stringify(evaluation.grading) : null,
    ),
  );
  return toEvaluation(stmt(db, "SELECT * FROM evaluations WHERE id = ?").get(id) as SqlRow);
}

/**
 * The result to reuse for a cache key: never an "error" (our machinery failed, not the agent), and the
 * asking agent's own row first, so that an agent re-evaluated after a crash never gains a second row
 * copied from another agent with the same source.
 */
export function findCachedEvaluation(
  db: Database.Database,
  cacheKey: string,
  preferAgentId: string | null = null,
): EvaluationRow | undefined {
  const row = stmt(
    db,
    "SELECT * FROM evaluations WHERE cache_key = ? AND status != 'error' ORDER BY agent_id IS ? DESC, n DESC LIMIT 1",
  ).get(cacheKey, preferAgentId) as SqlRow | undefined;
  return row ? toEvaluation(row) : undefined;
}

export function listEvaluations(
  db: Database.Database,
  filter: { agentId?: string; runId?: string; stage?: EvaluationStageName },
): EvaluationRow[] {
  const where = conditions({ agent_id: filter.agentId, run_id: filter.runId, stage: filter.stage });
  return (db.prepare(`SELECT * FROM evaluations ${where.sql} ORDER BY n`).all(...where.values) as SqlRow[]).map(
    toEvaluation,
  );
}

export function countSearchEvaluations(db: Database.Database, runId: string): number {
  const row = stmt(
    db,
    `SELECT COUNT(*) AS n FROM evaluations e JOIN agents a ON a.id = e.agent_id
     WHERE e.run_id = ? AND e.stage != 'test' AND a.parent_id IS NOT NULL`,
  ).get(runId) as { n: number };
  return row.n;
}

export function recordModelCall(db: Database.Database, call: NewModelCall): ModelCallRow {
  const id = newId(8);
  const { caller } = call;
  const tokens = call.promptTokens + call.completionTokens;
  const unknown = call.costUsd === null ? 1 : 0;
  const estimated = call.usageEstimated ? 1 : 0;
  write(db, () => {
    const requestRef = writeJsonBlob(db, call.request);
    const responseRef = writeJsonBlob(db, call.response);
    stmt(
      db,
      `INSERT INTO model_calls (id, run_id, agent_id, attempt_id, evaluation_key, task_id, purpose, session_id, role,
         provider, model, request_hash, seq, request_ref, response_ref, prompt_tokens, cached_tokens, completion_tokens,
         usage_estimated, cost_usd, latency_ms, error, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      caller.runId,
      caller.agentId,
      caller.attemptId,
      caller.evaluationKey,
      caller.taskId,
      caller.purpose,
      caller.sessionId,
      call.role,
      call.provider,
      call.model,
      call.requestHash,
      call.seq,
      requestRef,
      responseRef,
      call.promptTokens,
      call.cachedTokens ?? 0,
      call.completionTokens,
      estimated,
      call.costUsd,
      Math.round(call.latencyMs),
      call.error,
      nowIso(),
    );
    // Running totals live on the run and attempt rows, updated with the call itself: budgets read one row.
    const rollUp = `SET tokens_column = tokens_column + ?, known_cost_usd = known_cost_usd + ?,
                       unknown_cost_calls = unknown_cost_calls + ?, estimated_calls = estimated_calls + ? WHERE id = ?`;
    if (caller.runId) {
      stmt(db, `UPDATE runs ${rollUp.replaceAll("tokens_column", "total_tokens")}`).run(
        tokens,
        call.costUsd ?? 0,
        unknown,
        estimated,
        caller.runId,
      );
    }
    if (caller.attemptId) {
      stmt(db, `UPDATE attempts ${rollUp.replaceAll("tokens_column", "tokens")}`).run(
        tokens,
        call.costUsd ?? 0,
        unknown,
        estimated,
        caller.attemptId,
      );
    }
  });
  return toModelCall(db, stmt(db, "SELECT * FROM model_calls WHERE id = ?").get(id) as SqlRow);
}

export function listModelCalls(
  db: Database.Database,
  filter: { runId?: string; sessionId?: string; agentId?: string; attemptId?: string },
): ModelCallRow[] {
  const where = conditions({
    run_id: filter.runId,
    session_id: filter.sessionId,
    agent_id: filter.agentId,
    attempt_id: filter.attemptId,
  });
  const rows = db.prepare(`SELECT * FROM model_calls ${where.sql} ORDER BY n`).all(...where.values) as SqlRow[];
  return rows.map((row) => toModelCall(db, row));
}

export function findModelCallsByHash(db: Database.Database, requestHash: string, runId?: string): ModelCallRow[] {
  const where = conditions({ request_hash: requestHash, run_id: runId });
  const rows = db.prepare(`SELECT * FROM model_calls ${where.sql} ORDER BY n`).all(...where.values) as SqlRow[];
  return rows.map((row) => toModelCall(db, row));
}

export type CostFilter = Partial<
  Pick<CallerIdentity, "runId" | "agentId" | "attemptId" | "sessionId" | "evaluationKey">
>;

/** Cost of every call matching all given caller fields (no fields: the whole archive). */
export function costOf(db: Database.Database, filter: CostFilter): CostSummary {
  const where = conditions({
    run_id: filter.runId,
    agent_id: filter.agentId,
    attempt_id: filter.attemptId,
    session_id: filter.sessionId,
    evaluation_key: filter.evaluationKey,
  });
  const row = db
    .prepare(
      `SELECT COUNT(*) AS calls, COALESCE(SUM(prompt_tokens), 0) AS prompt, COALESCE(SUM(cached_tokens), 0) AS cached,
              COALESCE(SUM(completion_tokens), 0) AS completion, COALESCE(SUM(cost_usd), 0) AS known,
              COALESCE(SUM(cost_usd IS NULL), 0) AS unknown, COALESCE(SUM(usage_estimated), 0) AS estimated
       FROM model_calls ${where.sql}`,
    )
    .get(...where.values) as {
    calls: number;
    prompt: number;
    cached: number;
    completion: number;
    known: number;
    unknown: number;
    estimated: number;
  };
  return {
    calls: row.calls,
    promptTokens: row.prompt,
    cachedTokens: row.cached,
    completionTokens: row.completion,
    costUsd: row.unknown > 0 ? null : row.known,
    unknownCostCalls: row.unknown,
    estimatedCalls: row.estimated,
  };
}

export function appendEvent(
  db: Database.Database,
  runId: string,
  type: string,
  payload: Record<string, unknown>,
): EventRow {
  const createdAt = nowIso();
  const id = write(
    db,
    () =>
      stmt(db, "INSERT INTO events (run_id, type, payload, created_at) VALUES (?, ?, ?, ?)").run(
        runId,
        type,
        JSON.stringify(payload),
        createdAt,
      ).lastInsertRowid,
  );
  return { id: Number(id), runId, type, payload, createdAt };
}

export function eventsSince(db: Database.Database, runId: string, afterId: number, limit = 1000): EventRow[] {
  const rows = stmt(db, "SELECT * FROM events WHERE run_id = ? AND id > ? ORDER BY id LIMIT ?").all(
    runId,
    afterId,
    limit,
  ) as SqlRow[];
  return rows.map(toEvent);
}

/** WHERE clause from the defined entries of `fields` (column → value; null matches NULL). */
function conditions(fields: Record<string, string | null | undefined>): { sql: string; values: string[] } {
  const parts: string[] = [];
  const values: string[] = [];
  for (const [column, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (value === null) {
      parts.push(`${column} IS NULL`);
      continue;
    }
    parts.push(`${column} = ?`);
    values.push(value);
  }
  return { sql: parts.length > 0 ? `WHERE ${parts.join(" AND ")}` : "", values };
}
