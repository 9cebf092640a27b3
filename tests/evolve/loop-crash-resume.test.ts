// Resume after a crash at every phase boundary of the loop, on the in-process services (no Docker):
// before and after each service call, and between the git commit of a child and its agent row. After
// each, the resumed run finishes complete and consistent, and nothing that had finished is redone.
import { describe, expect, it } from "vitest";
import { crashAndResume } from "./crash-and-resume.ts";
import type { CrashPoint } from "./crash-emulation.ts";
import { countedAttempts, expectCompleteRun, loopOptions } from "./loop-support.ts";

// Smaller than the demo (3 × 2 children) so that fourteen crashes stay quick; every phase is still hit.
const options = loopOptions({ maxGenerations: 3, seed: 7 });

async function crashThenResume(point: CrashPoint) {
  const resumed = await crashAndResume(options, point);
  expect(resumed.result.status, resumed.result.stop.message).toBe("finished");
  await expectCompleteRun(resumed.archive, resumed.runId, options);
  return resumed;
}

const boundaries: CrashPoint[] = [
  // The seed: its gate and its evaluation.
  { call: "gate", occurrence: 1, when: "before" },
  { call: "gate", occurrence: 1, when: "after" },
  { call: "evaluate", occurrence: 1, when: "before" },
  { call: "evaluate", occurrence: 1, when: "after" },
  // Children, while a sibling is in flight.
  { call: "diagnose", occurrence: 2, when: "before" },
  { call: "diagnose", occurrence: 2, when: "after" },
  { call: "selfModify", occurrence: 2, when: "before" },
  { call: "selfModify", occurrence: 2, when: "after" },
  { call: "commitChild", occurrence: 1, when: "before" },
  { call: "gate", occurrence: 3, when: "before" },
  { call: "gate", occurrence: 3, when: "after" },
  // The first child's evaluation (a later one may never come: the sim breaks or leaves unchanged ~22% of children).
  { call: "evaluate", occurrence: 2, when: "before" },
  { call: "evaluate", occurrence: 2, when: "after" },
];

describe("resume after a crash", () => {
  const titled = boundaries.map((point) => [`${point.when} ${point.call} #${point.occurrence}`, point] as const);
  it.each(titled)("%s", async (_title, point) => {
    await crashThenResume(point);
  });

  it("between the git commit of a child and its agent row: the orphan commit is ignored, the attempt redone", async () => {
    const { archive, runId, before } = await crashThenResume({ call: "commitChild", occurrence: 1, when: "after" });
    const interrupted = before.attempts.filter((attempt) => attempt.status === "running" && !attempt.childId);
    expect(interrupted.length).toBeGreaterThan(0);
    for (const attempt of interrupted) {
      expect(archive.getAttempt(attempt.id)?.status).toBe("abandoned");
    }
    expect(countedAttempts(archive, runId)).toHaveLength(6);
  });
});

describe("interrupted attempts on resume", () => {
  it("an attempt whose child was committed is finished: gated, evaluated and judged, not redone", async () => {
    const { archive, events, before } = await crashThenResume({ call: "gate", occurrence: 2, when: "before" });
    const committed = before.attempts.filter((attempt) => attempt.status === "running" && attempt.childId);
    expect(committed.length).toBeGreaterThan(0);
    for (const attempt of committed) {
      const now = archive.getAttempt(attempt.id)!;
      expect(["succeeded", "failed"]).toContain(now.status);
      expect(now.childId).toBe(attempt.childId);
      expect(["admitted", "rejected", "invalid"]).toContain(archive.getAgent(attempt.childId!)?.status);
      expect(events).toContainEqual(expect.objectContaining({ type: "attempt-ended", attemptId: attempt.id }));
    }
  });

  it("an attempt without a committed child is abandoned and redone by a new attempt", async () => {
    const { archive, runId, events, before } = await crashThenResume({
      call: "selfModify",
      occurrence: 1,
      when: "after",
    });
    const uncommitted = before.attempts.filter((attempt) => attempt.status === "running" && !attempt.childId);
    expect(uncommitted.length).toBeGreaterThan(0);
    for (const attempt of uncommitted) {
      const now = archive.getAttempt(attempt.id)!;
      expect(now.status).toBe("abandoned");
      expect(now.failureReason).toMatch(/interrupted before its child was committed/);
      expect(events).toContainEqual(
        expect.objectContaining({ type: "attempt-ended", attemptId: attempt.id, outcome: "abandoned" }),
      );
    }
    const attempts = archive.listAttempts(runId);
    expect(attempts.length).toBe(6 + attempts.filter((attempt) => attempt.status === "abandoned").length);
  });
});
