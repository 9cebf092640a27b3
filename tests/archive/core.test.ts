import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ArchiveError, openArchive, type SqliteArchive } from "../../archive/index.ts";
import { evaluation, modelCall, tempDir, writeTree } from "./helpers.ts";

describe("archive core", () => {
  let home: ReturnType<typeof tempDir>;
  let archive: SqliteArchive;

  beforeEach(async () => {
    home = tempDir();
    archive = await openArchive(home.path);
  });
  afterEach(() => {
    archive.close();
    home.remove();
  });

  it("opens a home with a WAL database and a bare agent repository", () => {
    expect(existsSync(join(home.path, "archive.db"))).toBe(true);
    expect(existsSync(join(home.path, "agents.git", "HEAD"))).toBe(true);
    expect(archive.db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(archive.db.pragma("foreign_keys", { simple: true })).toBe(1);
  });

  it("stores runs, agents as git commits, and checks any agent out", async () => {
    const run = archive.createRun({ config: { strategy: "score_child_prop" }, seed: 7, budgetUsd: 5 });
    expect(archive.getRun(run.id)).toMatchObject({ status: "running", seed: 7, budgetUsd: 5, costUsd: 0 });

    const src = join(home.path, "seed-src");
    await writeTree(src, { "src/agent.ts": "export const v = 1;\n", "README.md": "seed\n" });
    const seedCommit = await archive.store.importDir(src, "seed");
    const seed = archive.createAgent({ runId: run.id, parentId: null, ...seedCommit, generation: 0 });
    await archive.store.setBranch(seed.id, seed.commit);

    await writeTree(src, { "src/agent.ts": "export const v = 2;\n" });
    const childCommit = await archive.store.commitChild(seed.commit, src, "child1", "child");
    const child = archive.createAgent({
      id: "child1",
      runId: run.id,
      parentId: seed.id,
      ...childCommit,
      generation: 1,
    });

    const out = join(home.path, "out");
    await archive.store.checkout(seed.commit, out);
    expect(readFileSync(join(out, "src/agent.ts"), "utf8")).toBe("export const v = 1;\n");
    expect(await archive.store.diff(seed.commit, child.commit)).toContain("+export const v = 2;");
    await expect(archive.store.checkout(child.commit, out)).rejects.toThrow(ArchiveError);

    expect(archive.lineage(child.id).map((a) => a.id)).toEqual([seed.id, child.id]);
    expect(archive.subtree(seed.id).map((a) => a.id)).toEqual([seed.id, child.id]);
    expect(archive.resolveAgent(child.id.slice(0, 4))?.id).toBe(child.id);
    expect(archive.findAgentsByTree(seedCommit.tree).map((a) => a.id)).toEqual([seed.id]);

    const bundle = join(home.path, "child.bundle");
    await archive.store.exportBundle(child.commit, bundle);
    expect(readFileSync(bundle, "utf8").startsWith("# v2 git bundle")).toBe(true);
    expect(await archive.verify()).toEqual({ ok: true, problems: [] });
  });

  it("ranks agents by the score on their largest evaluated stage", async () => {
    const run = archive.createRun({ config: {}, seed: 1 });
    const make = (id: string, status: "admitted" | "rejected") =>
      archive.createAgent({
        id,
        runId: run.id,
        parentId: null,
        commit: "a".repeat(40),
        tree: "b".repeat(40),
        generation: 0,
        status,
      });
    make("small-perfect", "admitted");
    make("full-good", "admitted");
    make("tie-later", "admitted");
    make("rejected-best", "rejected");
    archive.setAgentScore("small-perfect", "small", 1);
    archive.setAgentScore("small-perfect", "medium", 0.4); // its headline is now 0.4 (largest stage)
    archive.setAgentScore("full-good", "small", 0.9);
    archive.setAgentScore("full-good", "full", 0.7);
    archive.setAgentScore("tie-later", "full", 0.7);
    archive.setAgentScore("rejected-best", "full", 0.99);

    expect(archive.bestAgent(run.id)?.id).toBe("full-good"); // tie with tie-later → earlier created
    expect(archive.leaderboard(run.id).map((a) => a.id)).toEqual([
      "rejected-best",
      "full-good",
      "tie-later",
      "small-perfect",
    ]);
    expect(archive.getAgent("small-perfect")?.scores).toEqual({ small: 1, medium: 0.4 });
    expect(() => archive.setAgentScore("full-good", "full", 1.5)).toThrow(ArchiveError);

    archive.createAgent({
      id: "kid",
      runId: run.id,
      parentId: "full-good",
      commit: "c".repeat(40),
      tree: "d".repeat(40),
      generation: 1,
      status: "admitted",
    });
    archive.createAgent({
      id: "kid2",
      runId: run.id,
      parentId: "full-good",
      commit: "c".repeat(40),
      tree: "d".repeat(40),
      generation: 1,
      status: "invalid",
    });
    expect(archive.admittedChildCounts(run.id)).toEqual(new Map([["full-good", 1]]));
  });

  it("rolls model-call costs up into attempts and runs in the same transaction", () => {
    const run = archive.createRun({ config: {}, seed: 1 });
    const seed = archive.createAgent({
      runId: run.id,
      parentId: null,
      commit: "a".repeat(40),
      tree: "b".repeat(40),
      generation: 0,
    });
    const attempt = archive.createAttempt({ runId: run.id, parentId: seed.id, generation: 1, entry: "task-1" });
    const caller = {
      runId: run.id,
      agentId: seed.id,
      attemptId: attempt.id,
      evaluationKey: null,
      taskId: null,
      purpose: "diagnose" as const,
      sessionId: "s-a",
    };
    const first = archive.recordModelCall(
      modelCall({ caller, costUsd: 0.25, promptTokens: 100, completionTokens: 20 }),
    );
    expect(first.request).toEqual({ messages: [{ role: "user", content: "hi" }] });
    archive.recordModelCall(modelCall({ caller: { ...caller, sessionId: "s-b" }, costUsd: 0.5, seq: 1 }));

    expect(archive.getRun(run.id)).toMatchObject({ totalTokens: 135, costUsd: 0.75 });
    expect(archive.getAttempt(attempt.id)).toMatchObject({ tokens: 135, costUsd: 0.75 });
    expect(archive.costOf({ sessionId: "s-a" })).toEqual({
      calls: 1,
      promptTokens: 100,
      cachedTokens: 0,
      completionTokens: 20,
      costUsd: 0.25,
      unknownCostCalls: 0,
      estimatedCalls: 0,
    });

    // One call with an unknown price makes every roll-up that includes it unknown, never a silent 0.
    archive.recordModelCall(modelCall({ caller, costUsd: null }));
    expect(archive.getRun(run.id)?.costUsd).toBeNull();
    expect(archive.getAttempt(attempt.id)?.costUsd).toBeNull();
    expect(archive.costOf({ runId: run.id })).toMatchObject({ calls: 3, costUsd: null, unknownCostCalls: 1 });
    expect(archive.costOf({ sessionId: "s-b" }).costUsd).toBe(0.5);
    expect(archive.findModelCallsByHash("h1", run.id)).toHaveLength(3);
    expect(archive.listModelCalls({ sessionId: "s-a" }).map((c) => c.seq)).toEqual([0, 0]);
  });

  it("records attempts, evaluations, the result matrix, events and compressed blobs", () => {
    const run = archive.createRun({ config: {}, seed: 1 });
    const seed = archive.createAgent({
      runId: run.id,
      parentId: null,
      commit: "a".repeat(40),
      tree: "b".repeat(40),
      generation: 0,
    });
    const attempt = archive.createAttempt({
      runId: run.id,
      parentId: seed.id,
      generation: 1,
      entry: "solve_empty_patches",
    });
    archive.updateAttempt(attempt.id, { phase: "diagnosing", diagnosis: { why: "x" }, problemStatement: "fix it" });
    archive.updateAttempt(attempt.id, {
      status: "failed",
      failureReason: "gate: type error",
      phase: "done",
      ended: true,
    });
    expect(archive.getAttempt(attempt.id)).toMatchObject({
      status: "failed",
      diagnosis: { why: "x" },
      problemStatement: "fix it",
      phase: "done",
    });
    expect(archive.getAttempt(attempt.id)?.endedAt).not.toBeNull();

    const trajectory = JSON.stringify({
      steps: Array.from({ length: 500 }, (_, i) => ({ i, text: "same text again" })),
    });
    const ref = archive.writeBlob(trajectory);
    expect(archive.readBlob(ref)?.toString("utf8")).toBe(trajectory);
    const stored = archive.db.prepare("SELECT length(data) AS bytes FROM blobs WHERE ref = ?").get(ref) as {
      bytes: number;
    };
    expect(stored.bytes).toBeLessThan(trajectory.length / 5);
    expect(archive.writeBlob(trajectory)).toBe(ref); // content-addressed: stored once

    archive.recordEvaluation(
      evaluation({ agentId: seed.id, runId: run.id, taskId: "t1", status: "failed", trajectoryRef: ref }),
    );
    archive.recordEvaluation(
      evaluation({ agentId: seed.id, runId: run.id, taskId: "t1", status: "passed", cacheKey: "k2" }),
    );
    archive.recordEvaluation(
      evaluation({
        agentId: seed.id,
        runId: run.id,
        taskId: "t2",
        status: "timeout",
        stage: "medium",
        warnings: ["touched tests"],
      }),
    );
    expect(archive.resultMatrix(run.id)).toEqual(
      new Map([
        ["t1", new Map([[seed.id, "passed"]])],
        ["t2", new Map([[seed.id, "timeout"]])],
      ]),
    );
    expect(archive.findCachedEvaluation("k2")?.status).toBe("passed");
    expect(archive.listEvaluations({ agentId: seed.id, stage: "medium" })[0]?.warnings).toEqual(["touched tests"]);

    const first = archive.appendEvent(run.id, "attempt.started", { attemptId: attempt.id });
    archive.appendEvent(run.id, "attempt.ended", { attemptId: attempt.id });
    expect(archive.eventsSince(run.id, first.id).map((e) => e.type)).toEqual(["attempt.ended"]);
  });

  it("reuses a cached result: never an error row, and the asking agent's own row before another's", () => {
    const run = archive.createRun({ config: {}, seed: 1 });
    const agent = (commit: string) =>
      archive.createAgent({
        runId: run.id,
        parentId: null,
        commit: commit.repeat(40),
        tree: "b".repeat(40),
        generation: 0,
      });
    const [x, y] = [agent("a"), agent("c")];
    const own = archive.recordEvaluation(
      evaluation({ agentId: x.id, runId: run.id, cacheKey: "same", status: "failed" }),
    );
    archive.recordEvaluation(evaluation({ agentId: y.id, runId: run.id, cacheKey: "same", status: "passed" }));
    archive.recordEvaluation(evaluation({ agentId: y.id, runId: run.id, cacheKey: "same", status: "error" }));
    expect(archive.findCachedEvaluation("same", x.id)?.id).toBe(own.id);
    expect(archive.findCachedEvaluation("same")).toMatchObject({ agentId: y.id, status: "passed" });
    archive.recordEvaluation(evaluation({ agentId: y.id, runId: run.id, cacheKey: "broken", status: "error" }));
    expect(archive.findCachedEvaluation("broken")).toBeUndefined();
  });

  it("refuses an archive written by a newer dgm", () => {
    archive.close();
    const db = new Database(join(home.path, "archive.db"));
    db.pragma("user_version = 999");
    db.close();
    return expect(openArchive(home.path)).rejects.toThrow(/schema version 999, newer than this dgm understands/);
  });

  it("rejects rows pointing at missing parents (foreign keys are on)", () => {
    const run = archive.createRun({ config: {}, seed: 1 });
    expect(() =>
      archive.createAgent({
        runId: run.id,
        parentId: "nope",
        commit: "a".repeat(40),
        tree: "b".repeat(40),
        generation: 1,
      }),
    ).toThrow(/FOREIGN KEY/);
  });
});
