// The loop's policies on the in-process services (real SQLite, git and gateway; no Docker): a whole
// demo-sized run in seconds, its stop reasons, admission policies, entry choice, and reproducible
// parent selection.
import { describe, expect, it } from "vitest";
import type { SqliteArchive } from "../../archive/index.ts";
import { isSpecialEntry, specialEntries } from "../../src/evolve/entries.ts";
import { exitCodeOfStop } from "../../src/evolve/stop-reason.ts";
import { countedAttempts, expectCompleteRun, loopOptions, newRun, runLoop, testHome } from "./loop-support.ts";
import { scriptedModifier } from "./scripted-modifiers.ts";

describe("a demo-sized run without Docker", () => {
  it("runs builtin:small, 4 generations × 2 children, to the end in seconds, every call metered", async () => {
    const { home, open } = await testHome();
    const archive = await open();
    const options = loopOptions();
    const run = newRun(archive, options);
    const result = await runLoop(home, archive, run, options);

    expect(result.status).toBe("finished");
    expect(result.stop).toEqual({ kind: "finished", message: "finished" });
    expect(exitCodeOfStop(result.stop)).toBe(0);
    await expectCompleteRun(archive, run.id, options);
    expect(archive.listAttempts(run.id)).toHaveLength(8);
    const calls = archive.listModelCalls({ runId: run.id });
    expect(new Set(calls.map((call) => call.caller.purpose))).toEqual(new Set(["solve", "diagnose", "self-modify"]));
    for (const call of calls) expect(call.costUsd).toBeGreaterThan(0);
    const total = calls.reduce((sum, call) => sum + (call.costUsd ?? 0), 0);
    expect(archive.getRun(run.id)?.costUsd).toBeCloseTo(total, 10);
    const seed = archive.listAgents(run.id).find((agent) => agent.parentId === null)!;
    expect(result.best?.scores.small ?? 0).toBeGreaterThanOrEqual(seed.scores.small ?? 1);
  });
});

describe("stop reasons", () => {
  it("the budget: stops with its reason, overshooting by at most the calls in flight", async () => {
    const { home, open } = await testHome();
    const archive = await open();
    const options = loopOptions({ budgetUsd: 0.03 });
    const run = newRun(archive, options);
    const result = await runLoop(home, archive, run, options);

    expect(result.status).toBe("stopped");
    expect(result.stop).toEqual({ kind: "budget", message: "run budget of $0.03 reached" });
    expect(exitCodeOfStop(result.stop)).toBe(0);
    expect(result.events).toContainEqual({ type: "stopping", kind: "budget", reason: "run budget of $0.03 reached" });
    expect(result.events.at(-1)).toEqual({
      type: "run-ended",
      runId: run.id,
      status: "stopped",
      kind: "budget",
      reason: "run budget of $0.03 reached",
    });
    expect(archive.getRun(run.id)).toMatchObject({ status: "stopped", stopReason: "run budget of $0.03 reached" });
    expect(countedAttempts(archive, run.id).length).toBeLessThan(8);
    const calls = archive.listModelCalls({ runId: run.id });
    const largest = Math.max(...calls.map((call) => call.costUsd ?? 0));
    const spent = archive.getRun(run.id)!.costUsd!;
    expect(spent).toBeGreaterThanOrEqual(0.03);
    // Two children at once, each with up to two tasks solving at once: at most four calls in flight.
    expect(spent).toBeLessThanOrEqual(0.03 + 4 * largest);
    expect((await archive.verify()).problems).toEqual([]);
  });

  it("--max-hours: stops with its reason before the planned children", async () => {
    const { home, open } = await testHome();
    const archive = await open();
    const options = loopOptions({ maxHours: 1e-9 });
    const run = newRun(archive, options);
    const result = await runLoop(home, archive, run, options);

    expect(result.status).toBe("stopped");
    expect(result.stop).toEqual({ kind: "limit", message: "--max-hours 1e-9 reached" });
    expect(archive.listAttempts(run.id).length).toBeLessThan(8);
    expect(archive.listAttempts(run.id).filter((attempt) => attempt.status === "running")).toEqual([]);
  });
});

function childrenWithParents(archive: SqliteArchive, runId: string) {
  const agents = archive.listAgents(runId);
  return agents
    .filter((agent) => agent.parentId !== null && (agent.status === "admitted" || agent.status === "rejected"))
    .map((child) => ({ child, parent: agents.find((agent) => agent.id === child.parentId)! }));
}

describe("admission", () => {
  // Every child loses two tool skills: valid, but worse than its parent.
  const worse = scriptedModifier("drop-tool-skills");

  it("keep_all admits every valid child, worse ones too", async () => {
    const { home, open } = await testHome();
    const archive = await open();
    const options = loopOptions({ admission: "keep_all", noise: 0, maxGenerations: 2 });
    const run = newRun(archive, options);
    await runLoop(home, archive, run, options, { seams: worse });

    const judged = childrenWithParents(archive, run.id);
    expect(judged.length).toBeGreaterThan(0);
    for (const { child } of judged) expect(child.status).toBe("admitted");
    expect(judged.some(({ child, parent }) => child.scores.small! < parent.scores.small!)).toBe(true);
  });

  it("keep_better rejects a child worse than its parent beyond the noise, and admits the others", async () => {
    const { home, open } = await testHome();
    const archive = await open();
    const options = loopOptions({ admission: "keep_better", noise: 0, maxGenerations: 2 });
    const run = newRun(archive, options);
    await runLoop(home, archive, run, options, { seams: worse });

    const judged = childrenWithParents(archive, run.id);
    expect(judged.some(({ child }) => child.status === "rejected")).toBe(true);
    for (const { child, parent } of judged) {
      const better = child.scores.small! >= parent.scores.small!;
      expect(child.status, `${child.scores.small} vs parent ${parent.scores.small}`).toBe(
        better ? "admitted" : "rejected",
      );
      if (!better) expect(child.statusReason).toMatch(/^keep_better: .* worse than the parent by more than 0$/);
    }
  });
});

describe("entry choice", () => {
  it("each child learns from a task its parent failed (or a special entry), and the diagnoser sees that task", async () => {
    const { home, open } = await testHome();
    const archive = await open();
    const options = loopOptions({ seed: 12 });
    const run = newRun(archive, options);
    await runLoop(home, archive, run, options);

    const attempts = archive.listAttempts(run.id);
    const taskEntries = attempts.filter((attempt) => !isSpecialEntry(attempt.entry));
    expect(taskEntries.length).toBeGreaterThan(0);
    for (const attempt of attempts) {
      if (isSpecialEntry(attempt.entry)) {
        expect(Object.values(specialEntries)).toContain(attempt.entry);
        continue;
      }
      const parentResult = archive
        .listEvaluations({ agentId: attempt.parentId })
        .find((row) => row.taskId === attempt.entry && row.status !== "error");
      expect(parentResult?.status, `entry ${attempt.entry} of attempt ${attempt.id}`).toBe("failed");
      const [diagnosis] = archive
        .listModelCalls({ attemptId: attempt.id })
        .filter((call) => call.caller.purpose === "diagnose");
      expect(diagnosis?.caller.taskId).toBe(attempt.entry);
      const prompt = JSON.stringify(diagnosis?.request);
      expect(prompt).toContain(`## Task ${attempt.entry}`);
      expect(prompt).toMatch(/in-process grading: .* differs? from the reference/);
    }
  });
});

describe("parent selection", () => {
  it("is reproducible: the same seed picks the same parents and entries in two fresh runs", async () => {
    // A deterministic modifier, so that the archive grows the same way in both runs; one worker, so
    // that children end in the same order.
    const seams = scriptedModifier("add-skill");
    const options = loopOptions({ workers: 1, maxGenerations: 4, seed: 21 });
    const sequences: string[][] = [];
    for (let round = 0; round < 2; round++) {
      const { home, open } = await testHome();
      const archive = await open();
      const run = newRun(archive, options);
      await runLoop(home, archive, run, options, { seams });
      const attempts = archive.listAttempts(run.id); // in creation order
      // Agents differ by id between runs; their source trees do not.
      sequences.push(attempts.map((attempt) => `${archive.getAgent(attempt.parentId)!.tree} ${attempt.entry}`));
    }
    expect(sequences[0]).toHaveLength(8);
    expect(sequences[1]).toEqual(sequences[0]);
    expect(new Set(sequences[0]!.map((step) => step.split(" ")[0])).size).toBeGreaterThan(2);
  });
});
