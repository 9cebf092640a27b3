// Read-only questions about a run's tree: lineage, subtrees, rankings and the task × agent matrix.
import type Database from "better-sqlite3";
import { toAgent } from "./rows.ts";
import { type SqlRow, stmt } from "./sql.ts";
import type { AgentRow, EvaluationRow } from "./types.ts";

/** Root → agent, inclusive; empty when the agent is unknown. One recursive query over the id index. */
export function lineage(db: Database.Database, agentId: string): AgentRow[] {
  // The recursion carries whole rows, so each generation costs one index lookup (no second join at the end).
  const rows = stmt(
    db,
    `WITH RECURSIVE chain AS (
       SELECT agents.*, 0 AS depth FROM agents WHERE id = ?
       UNION ALL
       SELECT agents.*, chain.depth + 1 FROM agents JOIN chain ON agents.id = chain.parent_id
     )
     SELECT * FROM chain ORDER BY depth DESC`,
  ).all(agentId) as SqlRow[];
  return rows.map(toAgent);
}

/** The agent and all its descendants, in creation order. */
export function subtree(db: Database.Database, agentId: string): AgentRow[] {
  const rows = stmt(
    db,
    `WITH RECURSIVE below(id) AS (
       SELECT id FROM agents WHERE id = ?
       UNION ALL
       SELECT agents.id FROM agents JOIN below ON agents.parent_id = below.id
     )
     SELECT agents.* FROM below JOIN agents ON agents.id = below.id ORDER BY agents.n`,
  ).all(agentId) as SqlRow[];
  return rows.map(toAgent);
}

export function admittedChildCounts(db: Database.Database, runId: string): Map<string, number> {
  const rows = stmt(
    db,
    `SELECT parent_id, COUNT(*) AS children FROM agents
     WHERE run_id = ? AND status = 'admitted' AND parent_id IS NOT NULL GROUP BY parent_id`,
  ).all(runId) as { parent_id: string; children: number }[];
  return new Map(rows.map((row) => [row.parent_id, row.children]));
}

// The ranking used everywhere: score on the agent's largest evaluated stage, ties → larger stage, then earlier.
const ranking = "ORDER BY top_score DESC, top_stage DESC, n ASC";

/** The best admitted agent of a run (see `ranking`); undefined when no admitted agent has a score yet. */
export function bestAgent(db: Database.Database, runId: string): AgentRow | undefined {
  const row = stmt(
    db,
    `SELECT * FROM agents WHERE run_id = ? AND status = 'admitted' AND top_score IS NOT NULL ${ranking} LIMIT 1`,
  ).get(runId) as SqlRow | undefined;
  return row ? toAgent(row) : undefined;
}

/** Every scored agent of a run (any status, so rejected ones show why they lost), best first. */
export function leaderboard(db: Database.Database, runId: string, limit = 20): AgentRow[] {
  const rows = stmt(db, `SELECT * FROM agents WHERE run_id = ? AND top_score IS NOT NULL ${ranking} LIMIT ?`).all(
    runId,
    limit,
  ) as SqlRow[];
  return rows.map(toAgent);
}

/** task id → agent id → status; a task evaluated twice for an agent shows its latest result. */
export function resultMatrix(db: Database.Database, runId: string): Map<string, Map<string, EvaluationRow["status"]>> {
  const rows = stmt(db, "SELECT task_id, agent_id, status FROM evaluations WHERE run_id = ? ORDER BY n").all(runId) as {
    task_id: string;
    agent_id: string;
    status: EvaluationRow["status"];
  }[];
  const matrix = new Map<string, Map<string, EvaluationRow["status"]>>();
  for (const row of rows) {
    let byAgent = matrix.get(row.task_id);
    if (!byAgent) {
      byAgent = new Map();
      matrix.set(row.task_id, byAgent);
    }
    byAgent.set(row.agent_id, row.status);
  }
  return matrix;
}
