// Kill and resume an HGM run (`dgm evolve --scheduler hgm`, then --resume) on the in-process services:
// a crash between or inside one-task evaluations, or in the middle of an expansion. The resumed run
// keeps every result it had (same rows), solves none of them again, spends the budget exactly, and
// finishes a child that was committed before the crash.
import { describe, expect, it } from "vitest";
import { crashAndResume } from "./crash-and-resume.ts";
import type { CrashPoint } from "./crash-emulation.ts";
import { expectHgmRun } from "./hgm-support.ts";
import { loopOptions } from "./loop-support.ts";

const options = loopOptions({ scheduler: "hgm", maxTaskEvals: 24, maxGenerations: 50, workers: 2, seed: 5 });

async function crashThenResume(point: CrashPoint) {
  const resumed = await crashAndResume(options, point);
  expect(resumed.result.stop.kind, resumed.result.stop.message).toBe("limit");
  await expectHgmRun(resumed.archive, resumed.runId, options, resumed.services.searchPool);
  return resumed;
}

// Before and after the first child result, the middle and the last but one ("after #12" has its own test).
const evaluationCrashes: CrashPoint[] = [
  { call: "evaluateTask", occurrence: 1, when: "before" },
  { call: "evaluateTask", occurrence: 1, when: "after" },
  { call: "evaluateTask", occurrence: 12, when: "before" },
  { call: "evaluateTask", occurrence: 23, when: "before" },
  { call: "evaluateTask", occurrence: 23, when: "after" },
];

describe("an HGM run killed at a one-task evaluation and resumed", () => {
  const titled = evaluationCrashes.map((point) => [`${point.when} evaluateTask #${point.occurrence}`, point] as const);
  it.each(titled)("%s", async (_title, point) => {
    const { before } = await crashThenResume(point);
    // The crash came after results had landed (or, at #1, before any child's), and they all survived.
    if (point.occurrence > 1 || point.when === "after") expect(before.results.size).toBeGreaterThan(10);
  });

  it("a result recorded just before the kill is neither lost nor run again", async () => {
    const { archive, runId, before } = await crashThenResume({ call: "evaluateTask", occurrence: 12, when: "after" });
    const childResults = [...before.results.keys()].filter((key) => {
      const agentId = key.split(" ")[0]!;
      return archive.getAgent(agentId)?.parentId !== null;
    });
    // The seed's ten results are not search evaluations; the children's count towards the budget.
    expect(childResults.length).toBeGreaterThanOrEqual(11);
    expect(archive.countSearchEvaluations(runId)).toBe(24);
  });
});

describe("an HGM run killed during an expansion and resumed", () => {
  const expansionCrashes: CrashPoint[] = [
    { call: "diagnose", occurrence: 2, when: "before" },
    { call: "commitChild", occurrence: 1, when: "before" },
    // gate #1 is the seed's; #2 is the first child's.
    { call: "gate", occurrence: 2, when: "after" },
  ];
  const titled = expansionCrashes.map((point) => [`${point.when} ${point.call} #${point.occurrence}`, point] as const);
  it.each(titled)("%s", async (_title, point) => {
    await crashThenResume(point);
  });

  it("a child committed but not yet gated is gated and admitted by HGM on resume, not made again", async () => {
    const { archive, before, events } = await crashThenResume({ call: "gate", occurrence: 2, when: "before" });
    const committed = before.attempts.filter((attempt) => attempt.status === "running" && attempt.childId);
    expect(committed.length).toBeGreaterThan(0);
    for (const attempt of committed) {
      const now = archive.getAttempt(attempt.id)!;
      expect(now.childId).toBe(attempt.childId);
      const child = archive.getAgent(attempt.childId!)!;
      expect(["admitted", "invalid"]).toContain(child.status);
      expect(now.status).toBe(child.status === "admitted" ? "succeeded" : "failed");
      if (child.status === "admitted") expect(child.statusReason).toMatch(/^hgm:/);
      expect(events).toContainEqual(expect.objectContaining({ type: "attempt-ended", attemptId: attempt.id }));
    }
  });

  it("an attempt without a committed child is abandoned and redone by a new attempt", async () => {
    const { archive, before } = await crashThenResume({ call: "selfModify", occurrence: 1, when: "before" });
    const uncommitted = before.attempts.filter((attempt) => attempt.status === "running" && !attempt.childId);
    expect(uncommitted.length).toBeGreaterThan(0);
    for (const attempt of uncommitted) {
      const now = archive.getAttempt(attempt.id)!;
      expect(now.status).toBe("abandoned");
      expect(now.failureReason).toMatch(/interrupted before its child was committed/);
    }
  });
});
