// A run whose highest score and highest lower bound disagree, built with the real archive (SQLite + git):
//   seed   admitted  search 5/10 (small 4/5), held-out 1/3
//   lucky  admitted  search 1/1 — the highest observed score (1.00), a lower bound of only 0.21
//   steady admitted  search 8/10 (small 4/5, medium 4/5) plus one task with only an error, held-out 2/3
//   loser  rejected  search 10/10 — never a candidate: rejected agents are not picked
// Every pass/fail set is written out here so tests can recompute the numbers they expect.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type AgentRow,
  type AgentStatus,
  type EvaluationStageName,
  openArchive,
  type SqliteArchive,
} from "../../archive/index.ts";

export const SEARCH_TASKS = Array.from({ length: 10 }, (_, i) => `task-${i}`);
export const HELD_OUT_TASKS = ["held-0", "held-1", "held-2"];
/** The small stage's tasks; medium adds the other five. */
const SMALL = new Set(SEARCH_TASKS.slice(0, 5));

/** Which search tasks each agent passed (the others failed), and its held-out results. */
export const PASSED: Record<"seed" | "steady", { search: Set<string>; heldOut: Set<string> }> = {
  seed: { search: new Set(["task-0", "task-1", "task-2", "task-3", "task-8"]), heldOut: new Set(["held-0"]) },
  steady: {
    search: new Set(["task-0", "task-1", "task-2", "task-4", "task-5", "task-6", "task-7", "task-9"]),
    heldOut: new Set(["held-0", "held-1"]),
  },
};

export interface ConfidenceFixture {
  archive: SqliteArchive;
  home: string;
  runId: string;
  agents: { seed: AgentRow; lucky: AgentRow; steady: AgentRow; loser: AgentRow };
  dispose(): Promise<void>;
}

/** `scheduler`: what the run row says made it ("hgm" changes what `dgm best` calls best). */
export async function buildConfidenceRun(scheduler?: "dgm" | "hgm"): Promise<ConfidenceFixture> {
  const home = await mkdtemp(join(tmpdir(), "dgm-confidence-"));
  const archive = await openArchive(home);
  const config = scheduler ? { suite: "fixture", options: { scheduler } } : { suite: "fixture" };
  const run = archive.createRun({ config, seed: 5 });
  const source = await mkdtemp(join(tmpdir(), "dgm-confidence-src-"));
  await writeFile(join(source, "main.ts"), 'console.log("agent");\n');
  const commit = await archive.store.importDir(source, "seed");
  await rm(source, { recursive: true, force: true });

  const agent = (parent: AgentRow | null, status: AgentStatus, generation: number): AgentRow =>
    archive.createAgent({ runId: run.id, parentId: parent?.id ?? null, ...commit, generation, status });
  const result = (of: AgentRow, taskId: string, stage: EvaluationStageName, status: "passed" | "failed" | "error") =>
    archive.recordEvaluation({
      agentId: of.id,
      runId: run.id,
      taskId,
      suite: "fixture",
      stage,
      status,
      testsPassed: status === "passed" ? 2 : 0,
      testsTotal: 2,
      durationMs: 1000,
      costUsd: 0.001,
      tokens: 100,
      patch: "",
      patchHash: "",
      warnings: status === "error" ? ["evaluation failed before grading: fixture"] : [],
      trajectoryRef: null,
      testOutput: "",
      cacheKey: `${of.id}:${taskId}:${stage}`,
    });
  const searchResults = (of: AgentRow, passed: Set<string>, tasks = SEARCH_TASKS) => {
    for (const task of tasks)
      result(of, task, SMALL.has(task) ? "small" : "medium", passed.has(task) ? "passed" : "failed");
  };
  const heldOutResults = (of: AgentRow, passed: Set<string>) => {
    for (const task of HELD_OUT_TASKS) result(of, task, "test", passed.has(task) ? "passed" : "failed");
  };

  const seed = agent(null, "admitted", 0);
  searchResults(seed, PASSED.seed.search);
  heldOutResults(seed, PASSED.seed.heldOut);
  archive.setAgentScore(seed.id, "small", 0.8);
  archive.setAgentScore(seed.id, "medium", 0.5);

  const lucky = agent(seed, "admitted", 1);
  searchResults(lucky, new Set(["task-0"]), ["task-0"]);
  archive.setAgentScore(lucky.id, "small", 1);

  const steady = agent(seed, "admitted", 1);
  searchResults(steady, PASSED.steady.search);
  result(steady, "task-extra", "medium", "error");
  heldOutResults(steady, PASSED.steady.heldOut);
  archive.setAgentScore(steady.id, "small", 0.8);
  archive.setAgentScore(steady.id, "medium", 0.8);

  const loser = agent(seed, "rejected", 1);
  searchResults(loser, new Set(SEARCH_TASKS));
  archive.setRunStatus(run.id, "finished");

  const fresh = (row: AgentRow) => archive.getAgent(row.id)!;
  return {
    archive,
    home,
    runId: run.id,
    agents: { seed: fresh(seed), lucky: fresh(lucky), steady: fresh(steady), loser: fresh(loser) },
    dispose: async () => {
      archive.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}
