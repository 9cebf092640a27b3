// Ctrl-C and the budget, on the in-process services (no Docker): a first Ctrl-C lets the children in
// flight finish and starts none; a second abandons them with the archive consistent and starts no
// further task of an evaluation; a child the budget cuts short is not judged until --resume; a child
// the gate rejects is invalid whatever the budget. Each stop gives its kind and `dgm evolve`'s exit code.
import { describe, expect, it } from "vitest";
import type { SqliteArchive } from "../../archive/index.ts";
import type { InProcessSeams } from "../../src/evolve/in-process/index.ts";
import type { EvolveOptions } from "../../src/evolve/options.ts";
import { exitCodeOfStop } from "../../src/evolve/stop-reason.ts";
import { type CrashPoint, crashAt } from "./crash-emulation.ts";
import {
  beforeCall,
  expectCompleteRun,
  loopControl,
  loopOptions,
  newRun,
  runLoop,
  startLoop,
  testHome,
} from "./loop-support.ts";
import { scriptedModifier } from "./scripted-modifiers.ts";

describe("Ctrl-C", () => {
  it("once: the children in flight finish, no new one starts, and --resume finishes the run", async () => {
    const { home, open } = await testHome();
    const archive = await open();
    const options = loopOptions({ seed: 5 });
    const run = newRun(archive, options);
    const control = loopControl();
    let startedAtCtrlC = 0;
    const ctrlC = () => {
      startedAtCtrlC = archive.listAttempts(run.id).length;
      control.stop.abort("interrupted (SIGINT)");
    };
    const first = await runLoop(home, archive, run, options, { control, wrap: beforeCall("diagnose", 2, ctrlC) });

    expect(first.status).toBe("stopped");
    expect(first.stop).toEqual({ kind: "interrupted", message: "interrupted (SIGINT)" });
    expect(exitCodeOfStop(first.stop)).toBe(130);
    expect(first.events).toContainEqual({ type: "stopping", kind: "interrupted", reason: "interrupted (SIGINT)" });
    const attempts = archive.listAttempts(run.id);
    expect(startedAtCtrlC).toBe(options.workers);
    expect(attempts).toHaveLength(startedAtCtrlC);
    for (const attempt of attempts) expect(["succeeded", "failed"]).toContain(attempt.status);
    expect((await archive.verify()).problems).toEqual([]);

    const resumed = await runLoop(home, archive, run, options, { resumed: true });
    expect(resumed.status).toBe("finished");
    await expectCompleteRun(archive, run.id, options);
  });

  it("twice: the children in flight are abandoned at once, the archive stays consistent, --resume finishes", async () => {
    const { home, open } = await testHome();
    const archive = await open();
    const options = loopOptions({ seed: 5 });
    const run = newRun(archive, options);
    const control = loopControl();
    let startedAtCtrlC = 0;
    const ctrlCTwice = () => {
      startedAtCtrlC = archive.listAttempts(run.id).length;
      control.stop.abort("interrupted (SIGINT)");
      control.abort.abort();
    };
    // The first child's evaluation is about to start.
    const first = await runLoop(home, archive, run, options, { control, wrap: beforeCall("evaluate", 2, ctrlCTwice) });

    // The run says why it stopped first (the first Ctrl-C); the second shows in what became of the children.
    expect(first.status).toBe("stopped");
    expect(first.stop).toEqual({ kind: "interrupted", message: "interrupted (SIGINT)" });
    expect(exitCodeOfStop(first.stop)).toBe(130);
    expect((await archive.verify()).problems).toEqual([]);
    const attempts = archive.listAttempts(run.id);
    expect(attempts).toHaveLength(startedAtCtrlC);
    const cut = archive.listAgents(run.id).find((agent) => agent.status === "evaluating");
    expect(cut, "the child whose evaluation was aborted").toBeDefined();
    const cutAttempt = attempts.find((attempt) => attempt.childId === cut!.id)!;
    // Committed, so left for --resume to finish; aborted before its evaluation, not one task started.
    expect(cutAttempt.status).toBe("running");
    expect(archive.listEvaluations({ agentId: cut!.id })).toEqual([]);
    // Any other child in flight: abandoned, or left running only when its child is committed.
    for (const attempt of attempts.filter((attempt) => attempt !== cutAttempt && attempt.status === "running")) {
      expect(["pending", "evaluating"]).toContain(archive.getAgent(attempt.childId ?? "")?.status);
    }

    const resumed = await runLoop(home, archive, run, options, { resumed: true });
    expect(resumed.status).toBe("finished");
    await expectCompleteRun(archive, run.id, options);
    expect(["succeeded", "failed"]).toContain(archive.getAttempt(cutAttempt.id)?.status);
    expect(["admitted", "rejected"]).toContain(archive.getAgent(cut!.id)?.status);
  });

  it("twice during a child's evaluation: the task in flight is an error, no further task starts, --resume does the rest", async () => {
    const { home, open } = await testHome();
    const archive = await open();
    // One task at a time, so "the task in flight" is exactly one.
    const options = loopOptions({ seed: 5, workers: 1, maxContainers: 1 });
    const run = newRun(archive, options);
    const control = loopControl();
    const solvesByAgent = new Map<string, number>();
    let seedId: string | null = null;
    // Ctrl-C twice while the model answers the first child's third task (the seed's tasks come first).
    const seams = scriptedModifier("add-skill", ({ caller }) => {
      const agentId = caller.agentId ?? "";
      seedId ??= agentId;
      const count = (solvesByAgent.get(agentId) ?? 0) + 1;
      solvesByAgent.set(agentId, count);
      if (agentId !== seedId && count === 3) {
        control.stop.abort("interrupted (SIGINT)");
        control.abort.abort();
      }
    });
    const first = await runLoop(home, archive, run, options, { control, seams });

    expect(first.stop.kind).toBe("interrupted");
    const child = archive.listAgents(run.id).find((agent) => agent.parentId !== null);
    expect(child?.status, "the child whose evaluation was aborted").toBe("evaluating");
    // The two tasks before the abort have their verdicts; the one in flight is an error; none after it started.
    expect(solvesByAgent.get(child!.id)).toBe(3);
    const rows = archive.listEvaluations({ agentId: child!.id });
    expect(rows.map((row) => row.status === "error")).toEqual([false, false, true]);
    expect(rows[2]?.warnings.join("\n")).toMatch(/killed from outside/);
    expect((await archive.verify()).problems).toEqual([]);

    const resumed = await runLoop(home, archive, run, options, { resumed: true, seams });
    expect(resumed.status).toBe("finished");
    await expectCompleteRun(archive, run.id, options);
    // The two verdicts were kept, not redone: the child's tasks were solved 3 + 8 times in all.
    expect(solvesByAgent.get(child!.id)).toBe(3 + 8);
  });
});

/**
 * Runs until a crash at `point` (one worker, so the run is a single line of work), reopens the archive,
 * and returns it with what was spent so far: the state a stopped run is resumed from.
 */
async function runUntilCrash(options: EvolveOptions, point: CrashPoint, seams?: InProcessSeams) {
  const { home, open } = await testHome();
  const archive = await open();
  const run = newRun(archive, options);
  const crash = crashAt(archive, point);
  const first = startLoop(home, archive, run, options, { wrap: crash.wrap, seams });
  first.done.catch(() => {});
  await Promise.race([crash.crashed, first.done.then(() => Promise.reject(new Error("no crash")))]);
  await crash.quiet();
  const reopened = await open();
  return { home, archive: reopened, run: reopened.getRun(run.id)! };
}

function seedSolveTokens(archive: SqliteArchive, runId: string, seedId: string): number {
  const calls = archive.listModelCalls({ runId, agentId: seedId }).filter((call) => call.caller.purpose === "solve");
  return calls.reduce((sum, call) => sum + call.promptTokens + call.completionTokens, 0) / calls.length;
}

describe("the budget", () => {
  const options = loopOptions({ workers: 1, maxContainers: 1, seed: 3 });

  it("cuts a child's evaluation short: the child is not judged, and --resume with more budget finishes it without redoing results", async () => {
    const { home, archive, run } = await runUntilCrash(options, { call: "evaluate", occurrence: 2, when: "before" });
    const child = archive.listAgents(run.id).find((agent) => agent.status === "evaluating")!;
    const seed = archive.listAgents(run.id).find((agent) => agent.parentId === null)!;
    // Room for about three of the child's ten tasks.
    const budgetTokens = Math.round(run.totalTokens + 2.5 * seedSolveTokens(archive, run.id, seed.id));
    const tight = { ...options, budgetTokens };
    const stopped = await runLoop(home, archive, run, tight, { resumed: true });

    expect(stopped.status).toBe("stopped");
    expect(stopped.stop).toEqual({ kind: "budget", message: `run token budget of ${budgetTokens} reached` });
    expect(exitCodeOfStop(stopped.stop)).toBe(0);
    expect(archive.getAgent(child.id)?.status).toBe("evaluating");
    const attempt = archive.listAttempts(run.id).find((row) => row.childId === child.id)!;
    expect(attempt.status).toBe("running");
    const rows = archive.listEvaluations({ agentId: child.id });
    const kept = rows.filter((row) => row.status !== "error");
    const cut = rows.filter((row) => row.status === "error");
    expect(kept.length).toBeGreaterThan(0);
    expect(cut.length).toBeGreaterThan(0);
    for (const row of cut) expect(row.warnings.join("\n")).toMatch(/budget ran out/);
    expect(archive.listAttempts(run.id).filter((row) => row.startedAt > attempt.startedAt)).toEqual([]);
    const solveCallsBefore = archive.listModelCalls({ runId: run.id, agentId: child.id }).length;

    const finished = await runLoop(home, archive, run, { ...options, budgetTokens: null }, { resumed: true });
    expect(finished.status).toBe("finished");
    await expectCompleteRun(archive, run.id, options);
    expect(["admitted", "rejected"]).toContain(archive.getAgent(child.id)?.status);
    expect(archive.getAttempt(attempt.id)?.status).toBe("succeeded");
    const results = archive.listEvaluations({ agentId: child.id }).filter((row) => row.status !== "error");
    for (const row of kept) expect(results).toContainEqual(row);
    const solveCalls = archive
      .listModelCalls({ runId: run.id, agentId: child.id })
      .filter((call) => call.caller.purpose === "solve");
    expect(solveCalls.length).toBe(solveCallsBefore + cut.length);
  });

  it("does not save a child the gate rejects: it is invalid whatever the budget says", async () => {
    const seams = scriptedModifier("break-build");
    const { home, archive, run } = await runUntilCrash(options, { call: "gate", occurrence: 2, when: "before" }, seams);
    const child = archive.listAgents(run.id).find((agent) => agent.status === "pending")!;
    const attempt = archive.listAttempts(run.id).find((row) => row.childId === child.id)!;
    // Spent already: the budget is exhausted from the first moment of the resume.
    const spent = { ...options, budgetTokens: run.totalTokens };
    const result = await runLoop(home, archive, run, spent, { resumed: true, seams });

    expect(result.status).toBe("stopped");
    expect(result.stop).toEqual({ kind: "budget", message: `run token budget of ${run.totalTokens} reached` });
    const judged = archive.getAgent(child.id)!;
    expect(judged.status).toBe("invalid");
    expect(judged.statusReason).toMatch(/^typecheck: type error at src\/prompts\.ts:5:\d+: TS2554 /);
    const ended = archive.getAttempt(attempt.id)!;
    expect(ended.status).toBe("failed");
    expect(ended.failureReason).toBe(judged.statusReason);
    expect(archive.listAttempts(run.id)).toHaveLength(1);
  });
});
