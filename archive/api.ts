// The operations other rooms need from the archive. archive/index.ts exports `openArchive(home)`
// returning an object that satisfies `Archive`. Every mutating method is one SQLite transaction.
import type {
  AgentRow,
  AgentStatus,
  AttemptRow,
  CallerIdentity,
  CostSummary,
  EvaluationRow,
  EvaluationStageName,
  EventRow,
  FinalPick,
  ModelCallRow,
  RunRow,
  RunStatus,
  StageName,
} from "./types.ts";

export interface AgentStore {
  /** Imports a directory as a root agent commit (no parent). Returns the commit and tree hashes. */
  importDir(dir: string, message: string): Promise<{ commit: string; tree: string }>;
  /** Commits `dir` as a child of `parentCommit` on branch agents/<agentId>. */
  commitChild(
    parentCommit: string,
    dir: string,
    agentId: string,
    message: string,
  ): Promise<{ commit: string; tree: string }>;
  /** Points branch agents/<agentId> at a commit (for roots imported before their id existed). */
  setBranch(agentId: string, commit: string): Promise<void>;
  /** Writes the agent's files into `dir` (created, must be empty or missing); time independent of depth. */
  checkout(commit: string, dir: string): Promise<void>;
  /** Unified diff from `a` to `b`. */
  diff(a: string, b: string): Promise<string>;
  /** Writes a git bundle of the agent's history to `file`. */
  exportBundle(commit: string, file: string): Promise<void>;
  /** Commits not referenced by any agent row are swept (branches deleted). Returns how many. */
  sweepOrphans(knownCommits: Set<string>, options?: { graceMs?: number }): Promise<number>;
  hasCommit(commit: string): Promise<boolean>;
}

export interface NewRun {
  config: Record<string, unknown>;
  seed: number;
  budgetUsd?: number | null;
  budgetTokens?: number | null;
}

export interface NewAgent {
  runId: string;
  parentId: string | null;
  commit: string;
  tree: string;
  generation: number;
  status?: AgentStatus;
  /** Optional explicit id (e.g. to name the branch before insert); generated otherwise. */
  id?: string;
}

export type NewEvaluation = Omit<EvaluationRow, "id" | "createdAt" | "grading"> & {
  grading?: EvaluationRow["grading"];
};
/** cachedTokens defaults to 0 and usageEstimated to false (failed calls, providers that count exactly). */
export type NewModelCall = Omit<ModelCallRow, "id" | "createdAt" | "cachedTokens" | "usageEstimated"> &
  Partial<Pick<ModelCallRow, "cachedTokens" | "usageEstimated">>;

export interface Archive {
  readonly home: string;
  readonly store: AgentStore;
  close(): void;

  createRun(run: NewRun): RunRow;
  getRun(id: string): RunRow | undefined;
  listRuns(): RunRow[];
  setRunStatus(id: string, status: RunStatus, stopReason?: string | null): void;
  setRunFinalPick(id: string, pick: FinalPick): void;

  createAgent(agent: NewAgent): AgentRow;
  getAgent(id: string): AgentRow | undefined;
  /** Accepts a full id or a unique prefix. */
  resolveAgent(idOrPrefix: string): AgentRow | undefined;
  listAgents(runId: string): AgentRow[];
  setAgentStatus(id: string, status: AgentStatus, reason?: string | null): void;
  setAgentScore(id: string, stage: StageName, score: number): void;
  /** Agents whose tree hash equals `tree` (any run) — for reusing seed evaluations across runs. */
  findAgentsByTree(tree: string): AgentRow[];

  createAttempt(attempt: { runId: string; parentId: string; generation: number; entry: string }): AttemptRow;
  updateAttempt(
    id: string,
    patch: Partial<
      Pick<AttemptRow, "status" | "diagnosis" | "problemStatement" | "childId" | "failureReason" | "phase">
    > & {
      ended?: boolean;
    },
  ): void;
  getAttempt(id: string): AttemptRow | undefined;
  listAttempts(runId: string): AttemptRow[];

  recordEvaluation(evaluation: NewEvaluation): EvaluationRow;
  /** An earlier result to reuse for a cache key (any run): never an "error" row, and `preferAgentId`'s own row first. */
  findCachedEvaluation(cacheKey: string, preferAgentId?: string): EvaluationRow | undefined;
  listEvaluations(filter: { agentId?: string; runId?: string; stage?: EvaluationStageName }): EvaluationRow[];
  /**
   * Task evaluations spent by a run's search: its agents other than the seed (parentless) on search
   * stages (not the held-out split). What --max-task-evals counts.
   */
  countSearchEvaluations(runId: string): number;

  recordModelCall(call: NewModelCall): ModelCallRow;
  listModelCalls(filter: { runId?: string; sessionId?: string; agentId?: string; attemptId?: string }): ModelCallRow[];
  /** Finds recorded calls for replay by request hash (optionally within a run). */
  findModelCallsByHash(requestHash: string, runId?: string): ModelCallRow[];
  costOf(
    filter: Partial<Pick<CallerIdentity, "runId" | "agentId" | "attemptId" | "sessionId" | "evaluationKey">>,
  ): CostSummary;

  appendEvent(runId: string, type: string, payload: Record<string, unknown>): EventRow;
  eventsSince(runId: string, afterId: number, limit?: number): EventRow[];

  /** Compressed blob storage for large data (trajectories). Returns a reference. */
  writeBlob(data: string | Buffer): string;
  readBlob(ref: string): Buffer | undefined;

  /** Lineage root → agent (inclusive). */
  lineage(agentId: string): AgentRow[];
  /** The agent and all its descendants. */
  subtree(agentId: string): AgentRow[];
  /** Admitted children per agent id for one run. */
  admittedChildCounts(runId: string): Map<string, number>;
  /** Best agent of a run: highest score on its largest evaluated stage; ties → larger stage, then earlier created. */
  bestAgent(runId: string): AgentRow | undefined;
  leaderboard(runId: string, limit?: number): AgentRow[];
  /** task id → agent id → status, for one run. */
  resultMatrix(runId: string): Map<string, Map<string, EvaluationRow["status"]>>;

  /** PRAGMA integrity_check + git fsck + every agent row's commit exists. */
  verify(): Promise<{ ok: boolean; problems: string[] }>;
}
