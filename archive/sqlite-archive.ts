// The Archive: one SQLite database (<home>/archive.db) plus one git agent store (<home>/agents.git).
import type Database from "better-sqlite3";
import type { Archive, NewAgent, NewEvaluation, NewModelCall, NewRun } from "./api.ts";
import { readBlob, writeBlob } from "./blobs.ts";
import type { GitAgentStore, SweepOptions } from "./git-store.ts";
import * as ledger from "./ledger.ts";
import * as queries from "./queries.ts";
import * as records from "./records.ts";
import { write } from "./sql.ts";
import type { AgentStatus, AttemptRow, EvaluationStageName, FinalPick, RunStatus, StageName } from "./types.ts";

export class SqliteArchive implements Archive {
  constructor(
    readonly home: string,
    readonly db: Database.Database,
    readonly store: GitAgentStore,
  ) {}

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Runs several archive writes as one transaction (BEGIN IMMEDIATE): all of them land, or none. */
  transaction<T>(fn: () => T): T {
    return write(this.db, fn);
  }

  createRun = (run: NewRun) => records.createRun(this.db, run);
  getRun = (id: string) => records.getRun(this.db, id);
  listRuns = () => records.listRuns(this.db);
  setRunStatus = (id: string, status: RunStatus, stopReason?: string | null) =>
    records.setRunStatus(this.db, id, status, stopReason);
  setRunFinalPick = (id: string, pick: FinalPick) => records.setRunFinalPick(this.db, id, pick);

  createAgent = (agent: NewAgent) => records.createAgent(this.db, agent);
  getAgent = (id: string) => records.getAgent(this.db, id);
  resolveAgent = (idOrPrefix: string) => records.resolveAgent(this.db, idOrPrefix);
  listAgents = (runId: string) => records.listAgents(this.db, runId);
  setAgentStatus = (id: string, status: AgentStatus, reason?: string | null) =>
    records.setAgentStatus(this.db, id, status, reason);
  setAgentScore = (id: string, stage: StageName, score: number) => records.setAgentScore(this.db, id, stage, score);
  findAgentsByTree = (tree: string) => records.findAgentsByTree(this.db, tree);

  createAttempt = (attempt: { runId: string; parentId: string; generation: number; entry: string }) =>
    records.createAttempt(this.db, attempt);
  updateAttempt = (id: string, patch: records.AttemptPatch) => records.updateAttempt(this.db, id, patch);
  getAttempt = (id: string): AttemptRow | undefined => records.getAttempt(this.db, id);
  listAttempts = (runId: string) => records.listAttempts(this.db, runId);

  recordEvaluation = (evaluation: NewEvaluation) => ledger.recordEvaluation(this.db, evaluation);
  findCachedEvaluation = (cacheKey: string, preferAgentId?: string) =>
    ledger.findCachedEvaluation(this.db, cacheKey, preferAgentId ?? null);
  listEvaluations = (filter: { agentId?: string; runId?: string; stage?: EvaluationStageName }) =>
    ledger.listEvaluations(this.db, filter);
  countSearchEvaluations = (runId: string) => ledger.countSearchEvaluations(this.db, runId);

  recordModelCall = (call: NewModelCall) => ledger.recordModelCall(this.db, call);
  listModelCalls = (filter: { runId?: string; sessionId?: string; agentId?: string; attemptId?: string }) =>
    ledger.listModelCalls(this.db, filter);
  findModelCallsByHash = (requestHash: string, runId?: string) =>
    ledger.findModelCallsByHash(this.db, requestHash, runId);
  costOf = (filter: ledger.CostFilter) => ledger.costOf(this.db, filter);

  appendEvent = (runId: string, type: string, payload: Record<string, unknown>) =>
    ledger.appendEvent(this.db, runId, type, payload);
  eventsSince = (runId: string, afterId: number, limit?: number) => ledger.eventsSince(this.db, runId, afterId, limit);

  writeBlob = (data: string | Buffer) => writeBlob(this.db, data);
  readBlob = (ref: string) => readBlob(this.db, ref);

  lineage = (agentId: string) => queries.lineage(this.db, agentId);
  subtree = (agentId: string) => queries.subtree(this.db, agentId);
  admittedChildCounts = (runId: string) => queries.admittedChildCounts(this.db, runId);
  bestAgent = (runId: string) => queries.bestAgent(this.db, runId);
  leaderboard = (runId: string, limit?: number) => queries.leaderboard(this.db, runId, limit);
  resultMatrix = (runId: string) => queries.resultMatrix(this.db, runId);

  /** Deletes agent branches no row points at (left by a crash between git commit and insert). */
  async sweepOrphans(options: SweepOptions = {}): Promise<number> {
    const rows = this.db.prepare("SELECT commit_hash FROM agents").pluck().all() as string[];
    return this.store.sweepOrphans(new Set(rows), options);
  }

  async verify(): Promise<{ ok: boolean; problems: string[] }> {
    const problems: string[] = [];
    const integrity = this.db.pragma("integrity_check", { simple: false }) as { integrity_check: string }[];
    for (const row of integrity) {
      if (row.integrity_check !== "ok") problems.push(`SQLite integrity_check: ${row.integrity_check}`);
    }
    const foreignKeys = this.db.pragma("foreign_key_check") as { table: string; rowid: number; parent: string }[];
    for (const row of foreignKeys) {
      problems.push(`foreign key broken: ${row.table} row ${row.rowid} points at a missing ${row.parent} row`);
    }
    problems.push(...(await this.store.fsck()));
    const commits = await this.store.allCommits();
    const agents = this.db.prepare("SELECT id, commit_hash FROM agents").all() as { id: string; commit_hash: string }[];
    for (const agent of agents) {
      if (!commits.has(agent.commit_hash)) {
        problems.push(`agent ${agent.id} points at commit ${agent.commit_hash}, which is missing from the agent store`);
      }
    }
    return { ok: problems.length === 0, problems };
  }
}
