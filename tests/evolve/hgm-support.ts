// What every HGM run must satisfy however it got there (a straight run, a crash and a resume).
import { expect } from "vitest";
import type { SqliteArchive } from "../../archive/index.ts";
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
