// What every HGM run must satisfy however it got there (a straight run, a crash and a resume), and the
// snapshot that tells whether a resume redid anything that had finished.
import { expect } from "vitest";
import type { ModelCallRow, SqliteArchive } from "../../archive/index.ts";
import type { EvolveOptions } from "../../src/evolve/options.ts";

/** The pool's stage of a one-stage run (builtin:small): where HGM files its task-by-task results. */
export interface PoolOf {
  taskIds: string[];
  stage: string;
}

/** HGM's invariants: the budget spent exactly, one result per (agent, task), children born of passing parents. */
export async function expectHgmRun(
  archive: SqliteArchive,
  runId: string,
  options: EvolveOptions,
  pool: PoolOf,
): Promise<void> {
  expect((await archive.verify()).problems).toEqual([]);
  expect(archive.countSearchEvaluations(runId)).toBe(options.maxTaskEvals);
  const agents = archive.listAgents(runId);
  const seed = agents.find((agent) => agent.parentId === null)!;
  const rows = archive.listEvaluations({ runId }).filter((row) => row.stage !== "test");

  // The seed's own staged evaluation is not spent from the budget: every counted row is a child's.
  const seedRows = rows.filter((row) => row.agentId === seed.id);
  expect(seedRows.length).toBeGreaterThan(0);
  expect(rows.length - seedRows.length).toBe(options.maxTaskEvals);

  for (const agent of agents) {
    const tasks = rows.filter((row) => row.agentId === agent.id && row.status !== "error").map((row) => row.taskId);
    expect(new Set(tasks).size, `agent ${agent.id} has two results on one task`).toBe(tasks.length);
  }

  const children = agents.filter((agent) => agent.parentId !== null);
  expect(children.length).toBeGreaterThan(0);
  for (const child of children) {
    // HGM judges no child at birth: a gated child is admitted, a broken one invalid, none rejected.
    expect(["admitted", "invalid"], `child ${child.id}`).toContain(child.status);
    if (child.status === "admitted") expect(child.statusReason).toMatch(/^hgm:/);
  }
  for (const row of rows.filter((row) => row.agentId !== seed.id)) {
    expect(row.stage, `row ${row.id}`).toBe(pool.stage);
    expect(pool.taskIds).toContain(row.taskId);
  }

  // A parent is drawn only among agents that solved something: a passed result existed before the attempt.
  const attempts = archive.listAttempts(runId);
  expect(attempts.length).toBeGreaterThan(0);
  for (const attempt of attempts) {
    const passedBefore = rows.some(
      (row) => row.agentId === attempt.parentId && row.status === "passed" && row.createdAt <= attempt.startedAt,
    );
    expect(passedBefore, `attempt ${attempt.id}'s parent ${attempt.parentId} had passed nothing`).toBe(true);
  }
}

function callKey(call: ModelCallRow): string {
  const { purpose, agentId, taskId, attemptId } = call.caller;
  return purpose === "solve" ? `solve ${agentId} ${taskId}` : `${purpose} ${attemptId}`;
}

export interface RunSnapshot {
  attempts: ReturnType<SqliteArchive["listAttempts"]>;
  /** "agentId taskId" → evaluation row id, for results that say something (not "error"). */
  results: Map<string, string>;
  calls: Map<string, number>;
}

export function snapshot(archive: SqliteArchive, runId: string): RunSnapshot {
  const calls = new Map<string, number>();
  for (const call of archive.listModelCalls({ runId })) calls.set(callKey(call), (calls.get(callKey(call)) ?? 0) + 1);
  const results = new Map(
    archive
      .listEvaluations({ runId })
      .filter((row) => row.status !== "error")
      .map((row) => [`${row.agentId} ${row.taskId}`, row.id]),
  );
  return { attempts: archive.listAttempts(runId), results, calls };
}

/** Results kept with their row ids and not solved again; finished attempts untouched; no diagnosis redone. */
export function expectNothingRedone(before: RunSnapshot, archive: SqliteArchive, runId: string): void {
  const after = snapshot(archive, runId);
  for (const [key, id] of before.results) {
    expect(after.results.get(key), `result ${key} was kept`).toBe(id);
    expect(after.calls.get(`solve ${key}`) ?? 0, `solve ${key} was run again`).toBe(
      before.calls.get(`solve ${key}`) ?? 0,
    );
  }
  for (const attempt of before.attempts) {
    const now = archive.getAttempt(attempt.id)!;
    if (attempt.status !== "running") expect(now, `attempt ${attempt.id} was done`).toEqual(attempt);
    if (attempt.status === "running" && attempt.childId) {
      expect(["succeeded", "failed"], `attempt ${attempt.id} had a committed child`).toContain(now.status);
    }
    if (attempt.status !== "running" || attempt.childId) {
      for (const purpose of ["diagnose", "self-modify"]) {
        const key = `${purpose} ${attempt.id}`;
        expect(after.calls.get(key) ?? 0, `${key} was run again`).toBe(before.calls.get(key) ?? 0);
      }
    }
  }
}
