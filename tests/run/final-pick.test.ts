// The use case behind `dgm best --confidence` on a run with a held-out split, on the in-process services
// (real SQLite, git and gateway; the simulator decides outcomes) through its services seam: more finalists
// than the run weighed are evaluated on the held-out tasks, the pick has the best held-out lower bound
// (recomputed here), and it is recorded as the run's final pick. The Docker wiring is the resume's own.
import { describe, expect, it } from "vitest";
import { wilsonInterval } from "../../common/index.ts";
import { CommandError, PickInterrupted, pickWithConfidence } from "../../src/run/index.ts";
import { inProcess, splitRun } from "./split-run.ts";

describe("pickWithConfidence on a held-out split", () => {
  it("evaluates the extra finalists on the held-out tasks, picks the best lower bound and records it", async () => {
    const { archive, run } = await splitRun();
    const weighed = run.finalPick!;
    expect(weighed.finalists).toHaveLength(2);
    const admitted = archive.listAgents(run.id).filter((agent) => agent.status === "admitted").length;
    expect(admitted, "the run needs more admitted agents than its loop weighed").toBeGreaterThan(2);

    const progress: string[] = [];
    const result = await pickWithConfidence({
      archive,
      run,
      finalists: 4,
      openServices: inProcess,
      onProgress: (line) => progress.push(line),
    });
    const count = Math.min(4, admitted);
    expect(result).toMatchObject({ runId: run.id, method: "holdout-lcb", optimistic: false });
    expect(result.heldOutTasks).toBe(weighed.heldOutTasks);
    expect(result.finalists).toHaveLength(count);
    // Only the agents the loop had not weighed were evaluated now, each on every held-out task.
    expect(progress.filter((line) => /^ {2}\w{8} /.test(line))).toHaveLength((count - 2) * weighed.heldOutTasks);

    const rows = archive.listEvaluations({ runId: run.id, stage: "test" }).filter((row) => row.status !== "error");
    const lows = result.finalists.map((finalist) => {
      const mine = rows.filter((row) => row.agentId === finalist.agentId);
      const passed = mine.filter((row) => row.status === "passed").length;
      expect({ passed: finalist.passed, total: finalist.total }).toEqual({ passed, total: weighed.heldOutTasks });
      const exact = wilsonInterval(passed, mine.length);
      expect(finalist.low).toBe(exact.low);
      expect(finalist.high).toBe(exact.high);
      return exact.low;
    });
    expect(result.pick.low).toBe(Math.max(...lows));
    const recorded = archive.getRun(run.id)!.finalPick!;
    expect(recorded.agentId).toBe(result.pick.agentId);
    expect(recorded.finalists.map((finalist) => finalist.agentId)).toEqual(
      result.finalists.map((finalist) => finalist.agentId),
    );
  });

  it("refuses a run that is still running, and an interrupted pick ends with exit code 130 and no new pick", async () => {
    const { archive, run } = await splitRun();
    const before = archive.getRun(run.id)!.finalPick;
    const interrupted = new AbortController();
    interrupted.abort();
    const attempt = pickWithConfidence({
      archive,
      run,
      finalists: 4,
      openServices: inProcess,
      signal: interrupted.signal,
    });
    await expect(attempt).rejects.toBeInstanceOf(PickInterrupted);
    await expect(attempt).rejects.toMatchObject({ exitCode: 130 });
    expect(archive.getRun(run.id)!.finalPick).toEqual(before);

    archive.setRunStatus(run.id, "running", null);
    const running = pickWithConfidence({ archive, run: archive.getRun(run.id)!, openServices: inProcess });
    await expect(running).rejects.toBeInstanceOf(CommandError);
    await expect(running).rejects.toThrow(/is still running/);
  });
});
