// The task-evaluation budget on the in-process services (real SQLite and git, the sim behind the real
// gateway, no containers): an HGM run spends it exactly, one task at a time, and a DGM run stops its
// staged evaluations at it without judging the child it cut short.
import { describe, expect, it } from "vitest";
import type { SqliteArchive } from "../../archive/index.ts";
import type { EvolveServices } from "../../src/evolve/services.ts";
import { expectHgmRun } from "./hgm-support.ts";
import { loopOptions, newRun, startLoop, testHome } from "./loop-support.ts";
import { scriptedModifier } from "./scripted-modifiers.ts";

describe("an HGM run under --max-task-evals", () => {
  it("stops as a limit with exactly the budget spent, children admitted by HGM, results one per task", async () => {
    const { home, open } = await testHome();
    const archive = await open();
    const options = loopOptions({ scheduler: "hgm", maxTaskEvals: 40, maxGenerations: 50, workers: 2 });
    const run = newRun(archive, options);
    const { done, events, services } = startLoop(home, archive, run, options);
    const result = await done;

    expect(result.stop.kind, result.stop.message).toBe("limit");
    expect(result.stop.message).toMatch(/--max-task-evals 40/);
    expect(result.status).toBe("stopped");
    expect(archive.getRun(run.id)?.status).toBe("stopped");
    await expectHgmRun(archive, run.id, options, services.searchPool);
    expect(services.searchPool.stage).toBe("small");
    expect(services.searchPool.taskIds).toHaveLength(10);

    // One event per task evaluation, and the budget was spent on several agents, not only the first child.
    const evaluated = events.filter((event) => event.type === "task-evaluated");
    expect(evaluated).toHaveLength(40);
    const evaluatedAgents = new Set(evaluated.map((event) => event.type === "task-evaluated" && event.agentId));
    expect(evaluatedAgents.size).toBeGreaterThan(1);
    // Far fewer children than the 100 --max-generations allows: a child joins only while 40^0.6 ≈ 9.1 ≥
    // children + expansions in flight (at most one per worker beyond that), so evaluations keep ahead of them.
    const admittedChildren = archive
      .listAgents(run.id)
      .filter((agent) => agent.parentId !== null && agent.status === "admitted");
    expect(admittedChildren.length).toBeGreaterThan(2);
    expect(admittedChildren.length).toBeLessThanOrEqual(Math.floor(40 ** 0.6) + options.workers);
    // The run's best is an agent with results of its own (by lower bound), never the seed by default.
    expect(result.best).toBeDefined();
    expect(archive.listEvaluations({ agentId: result.best!.id }).length).toBeGreaterThan(0);
  });
});

/** Waits `count` turns of the event loop (not a clock): lets other work run without timing anything. */
async function eventLoopTurns(count: number): Promise<void> {
  for (let turn = 0; turn < count; turn++) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Holds each one-task evaluation until the next one starts (or the scheduler has none to start), so that
 * a result always lands while another evaluation is in flight, as with containers; and records the most
 * evaluations ever committed at once: rows recorded plus evaluations in flight.
 */
function overlappingEvaluations(archive: SqliteArchive, runId: string) {
  let inFlight = 0;
  let mostCommitted = 0;
  let releaseWaiting: (() => void) | null = null;
  const wrap = (services: EvolveServices): EvolveServices => ({
    ...services,
    async evaluateTask(...args) {
      inFlight++;
      mostCommitted = Math.max(mostCommitted, archive.countSearchEvaluations(runId) + inFlight);
      try {
        const previous = releaseWaiting;
        let release = () => {};
        const released = new Promise<void>((resolve) => {
          release = resolve;
        });
        releaseWaiting = release;
        previous?.();
        await Promise.race([released, eventLoopTurns(500)]);
        if (releaseWaiting === release) releaseWaiting = null;
        return await services.evaluateTask(...args);
      } finally {
        inFlight--;
      }
    },
  });
  return { wrap, mostCommitted: () => mostCommitted };
}

describe("HGM evaluations in flight at once", () => {
  it.each([0, 1, 2])(
    "never start past the budget (seed %i): rows plus evaluations in flight stay within it",
    async (seed) => {
      const { home, open } = await testHome();
      const archive = await open();
      // Two children made alike (the scripted modifier, so both are valid): then both workers evaluate.
      const options = loopOptions({ scheduler: "hgm", maxTaskEvals: 9, maxGenerations: 1, workers: 2, seed });
      const run = newRun(archive, options);
      const overlapping = overlappingEvaluations(archive, run.id);
      const started = startLoop(home, archive, run, options, {
        wrap: overlapping.wrap,
        seams: scriptedModifier("add-skill"),
      });
      const result = await started.done;

      expect(result.stop.kind, result.stop.message).toBe("limit");
      expect(archive.countSearchEvaluations(run.id)).toBe(9);
      expect(overlapping.mostCommitted(), "an evaluation started with the budget already committed").toBe(9);
      // Two evaluations in flight never share an (agent, task): each decision is a row of its own (a
      // repeat would be answered from the cache here, so count the decisions, not only the rows).
      const pairs = archive.listEvaluations({ runId: run.id }).map((row) => `${row.agentId} ${row.taskId}`);
      expect(new Set(pairs).size).toBe(pairs.length);
      expect(started.events.filter((event) => event.type === "task-evaluated")).toHaveLength(9);
    },
  );
});

describe("a DGM run under --max-task-evals", () => {
  it("spends at most the budget, stops as a limit, and judges no child on part of its tasks", async () => {
    const { home, open } = await testHome();
    const archive = await open();
    // builtin:small: ten tasks per child, so 25 evaluations end inside the third child's evaluation. Four
    // children at once, four tasks each: many evaluations are in flight when the budget runs out.
    const options = loopOptions({ maxTaskEvals: 25, maxGenerations: 10, workers: 4, maxContainers: 4 });
    const run = newRun(archive, options);
    const result = await startLoop(home, archive, run, options).done;

    expect(result.stop.kind, result.stop.message).toBe("limit");
    expect(result.status).toBe("stopped");
    const spent = archive.countSearchEvaluations(run.id);
    expect(spent).toBeGreaterThan(20);
    expect(spent, "search evaluations past --max-task-evals 25").toBeLessThanOrEqual(25);

    const children = archive.listAgents(run.id).filter((agent) => agent.parentId !== null);
    const resultsOf = (agentId: string) =>
      archive.listEvaluations({ agentId }).filter((row) => row.status !== "error").length;
    for (const child of children.filter((agent) => agent.status === "admitted" || agent.status === "rejected")) {
      expect(resultsOf(child.id), `judged child ${child.id}`).toBe(10);
      expect(child.scores.small).toBeDefined();
    }
    // The child cut short is left unjudged, its attempt running, for --resume to finish.
    const cut = children.filter((agent) => resultsOf(agent.id) > 0 && resultsOf(agent.id) < 10);
    expect(cut.length).toBeGreaterThan(0);
    for (const child of cut) {
      expect(["pending", "evaluating"]).toContain(child.status);
      expect(child.scores.small).toBeUndefined();
      const attempt = archive.listAttempts(run.id).find((row) => row.childId === child.id);
      expect(attempt?.status).toBe("running");
    }
  });
});
