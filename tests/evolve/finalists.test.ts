// The final pick with a held-out split (--test-split, --finalists) for both schedulers, on the in-process
// services: held-out tasks stay out of the search and out of every diagnosis, the finalists are the top
// agents by the lower bound of their search results, the pick has the best held-out lower bound, and
// picking again runs nothing new.
import { describe, expect, it } from "vitest";
import type { SqliteArchive } from "../../archive/index.ts";
import { wilsonInterval } from "../../common/index.ts";
import { loadTask } from "../../evaluator/index.ts";
import { EventBus } from "../../src/evolve/events.ts";
import { runFinalists } from "../../src/evolve/finalists.ts";
import { createInProcessServices } from "../../src/evolve/in-process/index.ts";
import { defaultStages, type EvolveOptions } from "../../src/evolve/options.ts";
import { rankByLowerBound } from "../../src/evolve/picks.ts";
import { loopOptions, newRun, startLoop, testHome } from "./loop-support.ts";
import { scriptedModifier } from "./scripted-modifiers.ts";

const staged = { suite: "builtin", stages: defaultStages("builtin", false), testSplit: 0.3, finalists: 3 };
const schedulers = [
  ["dgm", loopOptions({ ...staged, maxGenerations: 2, seed: 3 })],
  ["hgm", loopOptions({ ...staged, scheduler: "hgm", maxTaskEvals: 30, maxGenerations: 50, seed: 3 })],
] as const;

/** Each agent's held-out results, the latest per task, errors left out (they say nothing of the agent). */
function heldOutResults(archive: SqliteArchive, runId: string): Map<string, Map<string, boolean>> {
  const byAgent = new Map<string, Map<string, boolean>>();
  for (const row of archive.listEvaluations({ runId, stage: "test" })) {
    if (row.status === "error") continue;
    const tasks = byAgent.get(row.agentId) ?? new Map<string, boolean>();
    tasks.set(row.taskId, row.status === "passed");
    byAgent.set(row.agentId, tasks);
  }
  return byAgent;
}

async function pickAgain(archive: SqliteArchive, runId: string, options: EvolveOptions) {
  const run = archive.getRun(runId)!;
  const wiring = createInProcessServices(archive, run, options);
  try {
    const ctx = {
      services: wiring.services,
      options,
      events: new EventBus(archive, () => runId),
      runId,
      signal: new AbortController().signal,
    };
    return await runFinalists(ctx, options.finalists);
  } finally {
    await wiring.close();
  }
}

describe.each(schedulers)("finalists on a held-out split (%s)", (scheduler, options) => {
  it("keeps held-out tasks out of the search and picks the best held-out lower bound among the top 3", async () => {
    const { home, open } = await testHome();
    const archive = await open();
    const run = newRun(archive, options);
    // The scripted modifier makes every child valid, so that there are always three agents to choose among.
    const { done, events, services } = startLoop(home, archive, run, options, { seams: scriptedModifier("add-skill") });
    const result = await done;
    expect(["finished", "limit"], result.stop.message).toContain(result.stop.kind);
    if (scheduler === "hgm") expect(archive.countSearchEvaluations(run.id)).toBe(30);

    const heldOut = new Set(services.heldOutTasks);
    expect(heldOut.size).toBeGreaterThan(0);
    const rows = archive.listEvaluations({ runId: run.id });
    const testRows = rows.filter((row) => row.stage === "test");
    expect(testRows.length).toBeGreaterThan(0);
    for (const row of testRows) expect(heldOut.has(row.taskId), `test row on ${row.taskId}`).toBe(true);
    for (const row of rows.filter((row) => row.stage !== "test")) {
      expect(heldOut.has(row.taskId), `search row on held-out ${row.taskId}`).toBe(false);
    }

    // The diagnoser never learns from a held-out task: not as an entry, not by id, not by its instructions.
    for (const attempt of archive.listAttempts(run.id)) expect(heldOut.has(attempt.entry)).toBe(false);
    const diagnoses = archive.listModelCalls({ runId: run.id }).filter((call) => call.caller.purpose === "diagnose");
    expect(diagnoses.length).toBeGreaterThan(0);
    const heldOutTexts = [...heldOut].flatMap((taskId) => [taskId, loadTask(taskId).instructions]);
    // The scan can see a task: a diagnosis of a search task quotes that task's instructions.
    const taskEntry = diagnoses.find((call) => call.caller.taskId !== null);
    expect(taskEntry, "no diagnosis of a search task").toBeDefined();
    expect(JSON.stringify(taskEntry!.request)).toContain(
      JSON.stringify(loadTask(taskEntry!.caller.taskId!).instructions).slice(1, -1),
    );
    for (const call of diagnoses) {
      const request = JSON.stringify(call.request);
      for (const text of heldOutTexts) {
        const quoted = JSON.stringify(text).slice(1, -1);
        expect(request.includes(quoted), `diagnosis saw ${text.slice(0, 60)}`).toBe(false);
      }
    }

    // The finalists: the top 3 by the lower bound of their search results, each run on every held-out task.
    const pick = result.finalPick!;
    expect(pick).not.toBeNull();
    expect(archive.getRun(run.id)?.finalPick).toEqual(pick);
    expect(result.best?.id).toBe(pick.agentId);
    const top = rankByLowerBound(archive, run.id).slice(0, 3);
    expect(top).toHaveLength(3);
    expect(new Set(pick.finalists.map((finalist) => finalist.agentId))).toEqual(
      new Set(top.map((ranked) => ranked.agent.id)),
    );
    expect(new Set(testRows.map((row) => row.agentId))).toEqual(new Set(top.map((ranked) => ranked.agent.id)));
    expect(pick.heldOutTasks).toBe(heldOut.size);

    // The pick, recomputed here: the highest 95% Wilson lower bound of the finalists' held-out results.
    const results = heldOutResults(archive, run.id);
    const lows = new Map<string, number>();
    for (const finalist of pick.finalists) {
      const outcomes = [...(results.get(finalist.agentId)?.values() ?? [])];
      const passed = outcomes.filter(Boolean).length;
      expect(outcomes).toHaveLength(heldOut.size);
      expect({ passed: finalist.passed, total: finalist.total }).toEqual({ passed, total: outcomes.length });
      const low = wilsonInterval(passed, outcomes.length, 0.95).low;
      expect(finalist.low).toBeCloseTo(low, 12);
      lows.set(finalist.agentId, low);
    }
    expect(lows.get(pick.agentId)).toBeCloseTo(Math.max(...lows.values()), 12);
    expect(events).toContainEqual(expect.objectContaining({ type: "final-pick", agentId: pick.agentId }));

    // Picking again (as `dgm best --confidence` or a resumed run would) evaluates nothing new.
    const again = await pickAgain(archive, run.id, options);
    expect(archive.listEvaluations({ runId: run.id })).toHaveLength(rows.length);
    expect(again?.agentId).toBe(pick.agentId);
    expect(again?.finalists).toEqual(pick.finalists);
  });
});
