// Runs, agents and attempts: the rows that describe evolution itself. Every mutation is one write transaction.
import type Database from "better-sqlite3";
import type { NewAgent, NewRun } from "./api.ts";
import { ArchiveError } from "./errors.ts";
import { newId, newRunId, nowIso } from "./ids.ts";
import { toAgent, toAttempt, toRun } from "./rows.ts";
import { type SqlRow, stmt, write } from "./sql.ts";
import type { AgentRow, AgentStatus, AttemptRow, FinalPick, RunRow, RunStatus, StageName } from "./types.ts";

export function createRun(db: Database.Database, run: NewRun): RunRow {
  const id = newRunId();
  write(db, () =>
    stmt(
      db,
      `INSERT INTO runs (id, created_at, status, config, seed, budget_usd, budget_tokens)
       VALUES (?, ?, 'running', ?, ?, ?, ?)`,
    ).run(id, nowIso(), JSON.stringify(run.config), run.seed, run.budgetUsd ?? null, run.budgetTokens ?? null),
  );
  return getRun(db, id)!;
}

export function getRun(db: Database.Database, id: string): RunRow | undefined {
  const row = stmt(db, "SELECT * FROM runs WHERE id = ?").get(id) as SqlRow | undefined;
  return row ? toRun(row) : undefined;
}

export function listRuns(db: Database.Database): RunRow[] {
  return (stmt(db, "SELECT * FROM runs ORDER BY created_at, rowid").all() as SqlRow[]).map(toRun);
}

export function setRunStatus(db: Database.Database, id: string, status: RunStatus, stopReason?: string | null): void {
  write(db, () => {
    const result = stmt(db, "UPDATE runs SET status = ?, stop_reason = COALESCE(?, stop_reason) WHERE id = ?").run(
      status,
      stopReason ?? null,
      id,
    );
    if (result.changes === 0) throw new ArchiveError(`No run "${id}" in the archive; list runs with \`dgm runs\`.`);
  });
}

export function setRunFinalPick(db: Database.Database, id: string, pick: FinalPick): void {
  write(db, () => {
    const result = stmt(db, "UPDATE runs SET final_pick = ? WHERE id = ?").run(JSON.stringify(pick), id);
    if (result.changes === 0) throw new ArchiveError(`No run "${id}" in the archive; list runs with \`dgm runs\`.`);
  });
}

export function createAgent(db: Database.Database, agent: NewAgent): AgentRow {
  const id = agent.id ?? newId();
  write(db, () =>
    stmt(
      db,
      `INSERT INTO agents (id, run_id, parent_id, commit_hash, tree_hash, generation, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      agent.runId,
      agent.parentId,
      agent.commit,
      agent.tree,
      agent.generation,
      agent.status ?? "pending",
      nowIso(),
    ),
  );
  return getAgent(db, id)!;
}

export function getAgent(db: Database.Database, id: string): AgentRow | undefined {
  const row = stmt(db, "SELECT * FROM agents WHERE id = ?").get(id) as SqlRow | undefined;
  return row ? toAgent(row) : undefined;
}

export function resolveAgent(db: Database.Database, idOrPrefix: string): AgentRow | undefined {
  const exact = getAgent(db, idOrPrefix);
  if (exact || idOrPrefix.length === 0) return exact;
  // GLOB with escaped metacharacters is an index range scan on the unique id index.
  const pattern = `${idOrPrefix.replace(/[*?[\]]/g, "[$&]")}*`;
  const rows = stmt(db, "SELECT * FROM agents WHERE id GLOB ? ORDER BY id LIMIT 6").all(pattern) as SqlRow[];
  if (rows.length > 1) {
    const ids = rows.slice(0, 5).map((row) => String(row.id));
    throw new ArchiveError(
      `agent prefix "${idOrPrefix}" is ambiguous: it matches ${ids.join(", ")}${rows.length > 5 ? ", …" : ""}`,
      { fix: "type more characters of the id" },
    );
  }
  return rows[0] ? toAgent(rows[0]) : undefined;
}

export function listAgents(db: Database.Database, runId: string): AgentRow[] {
  return (stmt(db, "SELECT * FROM agents WHERE run_id = ? ORDER BY n").all(runId) as SqlRow[]).map(toAgent);
}

export function setAgentStatus(db: Database.Database, id: string, status: AgentStatus, reason?: string | null): void {
  write(db, () => {
    const result = stmt(db, "UPDATE agents SET status = ?, status_reason = ? WHERE id = ?").run(
      status,
      reason ?? null,
      id,
    );
    if (result.changes === 0) throw new ArchiveError(`No agent "${id}" in the archive.`);
  });
}

const stageColumn: Record<StageName, string> = { small: "score_small", medium: "score_medium", full: "score_full" };

export function setAgentScore(db: Database.Database, id: string, stage: StageName, score: number): void {
  const column = stageColumn[stage];
  if (!column) throw new ArchiveError(`Unknown stage "${stage}"; use small, medium or full.`);
  if (!(score >= 0 && score <= 1)) throw new ArchiveError(`Score ${score} for agent ${id} is outside 0..1.`);
  write(db, () => {
    const result = stmt(db, `UPDATE agents SET ${column} = ? WHERE id = ?`).run(score, id);
    if (result.changes === 0) throw new ArchiveError(`No agent "${id}" in the archive.`);
    // The headline score is the one on the largest evaluated stage (kept denormalized for selection and ranking).
    stmt(
      db,
      `UPDATE agents SET
         top_stage = CASE WHEN score_full IS NOT NULL THEN 3 WHEN score_medium IS NOT NULL THEN 2
                          WHEN score_small IS NOT NULL THEN 1 END,
         top_score = COALESCE(score_full, score_medium, score_small)
       WHERE id = ?`,
    ).run(id);
  });
}

export function findAgentsByTree(db: Database.Database, tree: string): AgentRow[] {
  return (stmt(db, "SELECT * FROM agents WHERE tree_hash = ? ORDER BY n").all(tree) as SqlRow[]).map(toAgent);
}

export function createAttempt(
  db: Database.Database,
  attempt: { runId: string; parentId: string; generation: number; entry: string },
): AttemptRow {
  const id = newId();
  write(db, () =>
    stmt(
      db,
      `INSERT INTO attempts (id, run_id, parent_id, generation, status, entry, phase, started_at)
       VALUES (?, ?, ?, ?, 'running', ?, 'selecting', ?)`,
    ).run(id, attempt.runId, attempt.parentId, attempt.generation, attempt.entry, nowIso()),
  );
  return getAttempt(db, id)!;
}

export type AttemptPatch = Partial<
  Pick<AttemptRow, "status" | "diagnosis" | "problemStatement" | "childId" | "failureReason" | "phase">
> & { ended?: boolean };

export function updateAttempt(db: Database.Database, id: string, patch: AttemptPatch): void {
  const sets: string[] = [];
  const values: unknown[] = [];
  const set = (column: string, value: unknown) => {
    sets.push(`${column} = ?`);
    values.push(value);
  };
  if (patch.status !== undefined) set("status", patch.status);
  if (patch.diagnosis !== undefined)
    set("diagnosis", patch.diagnosis === null ? null : JSON.stringify(patch.diagnosis));
  if (patch.problemStatement !== undefined) set("problem_statement", patch.problemStatement);
  if (patch.childId !== undefined) set("child_id", patch.childId);
  if (patch.failureReason !== undefined) set("failure_reason", patch.failureReason);
  if (patch.phase !== undefined) set("phase", patch.phase);
  if (patch.ended) set("ended_at", nowIso());
  if (sets.length === 0) return;
  write(db, () => {
    const result = db.prepare(`UPDATE attempts SET ${sets.join(", ")} WHERE id = ?`).run(...values, id);
    if (result.changes === 0) throw new ArchiveError(`No attempt "${id}" in the archive.`);
  });
}

export function getAttempt(db: Database.Database, id: string): AttemptRow | undefined {
  const row = stmt(db, "SELECT * FROM attempts WHERE id = ?").get(id) as SqlRow | undefined;
  return row ? toAttempt(row) : undefined;
}

export function listAttempts(db: Database.Database, runId: string): AttemptRow[] {
  return (stmt(db, "SELECT * FROM attempts WHERE run_id = ? ORDER BY n").all(runId) as SqlRow[]).map(toAttempt);
}
