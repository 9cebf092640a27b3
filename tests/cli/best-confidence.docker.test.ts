// `dgm best --confidence` on a run with a held-out split, on real Docker: the run's services are built as
// a resume builds them (stored options and sim models), the finalists the run had not weighed are run on
// the held-out tasks in the sandbox and graded there, and the pick is printed and recorded. The run itself
// is made quickly on the in-process services; only the command's own evaluations use containers.
import { expect, it } from "vitest";
import { wilsonInterval } from "../../common/index.ts";
import { defaultStages } from "../../src/evolve/options.ts";
import type { ConfidentPick } from "../../src/run/index.ts";
import { runInspect } from "../report/cli.ts";
import { splitRun } from "../run/split-run.ts";
import { describeDocker } from "../support/docker.ts";

describeDocker("dgm best --confidence with a held-out split", () => {
  it("evaluates the extra finalist in the sandbox, prints the table and records the pick", async () => {
    const { home, archive, run } = await splitRun({
      suite: "builtin:small",
      stages: defaultStages("builtin:small", false),
      finalists: 1,
      maxGenerations: 2,
    });
    const weighed = run.finalPick!;
    expect(weighed.finalists).toHaveLength(1);
    const ranked = archive.listAgents(run.id).filter((agent) => agent.status === "admitted");
    expect(ranked.length).toBeGreaterThan(1);

    const result = JSON.parse(
      await runInspect(home, ["best", run.id, "--confidence", "--finalists", "2", "--json"]),
    ) as ConfidentPick;
    expect(result).toMatchObject({ method: "holdout-lcb", heldOutTasks: weighed.heldOutTasks, optimistic: false });
    expect(result.finalists).toHaveLength(2);
    const added = result.finalists.find((finalist) => finalist.agentId !== weighed.agentId)!;
    // The new finalist's held-out results came from containers (graded by the harness), the old one's from the loop.
    const rowsOf = (agentId: string) =>
      archive.listEvaluations({ runId: run.id, stage: "test" }).filter((row) => row.agentId === agentId);
    const fresh = rowsOf(added.agentId);
    expect(fresh).toHaveLength(weighed.heldOutTasks);
    for (const row of fresh) expect(row.grading?.channel, `${row.taskId}: ${row.testOutput}`).toBe("guarded");
    expect(rowsOf(weighed.agentId).every((row) => row.grading?.channel === "none")).toBe(true);
    const passed = fresh.filter((row) => row.status === "passed").length;
    expect(added).toMatchObject({ passed, total: fresh.length, low: wilsonInterval(passed, fresh.length).low });
    expect(archive.getRun(run.id)?.finalPick?.agentId).toBe(result.pick.agentId);

    // Again, as text: nothing is left to evaluate; the table and the pick are printed.
    const before = archive.listEvaluations({ runId: run.id }).length;
    const out = await runInspect(home, ["best", run.id, "--confidence", "--finalists", "2"]);
    expect(archive.listEvaluations({ runId: run.id })).toHaveLength(before);
    expect(out).toContain(`2 finalists re-evaluated on ${weighed.heldOutTasks} held-out tasks the search never used`);
    const { low, high } = wilsonInterval(added.passed, added.total);
    expect(out).toMatch(
      new RegExp(`${added.agentId.slice(0, 8)} +\\d+ +${passed}/${fresh.length} +${low.toFixed(2)}–${high.toFixed(2)}`),
    );
    expect(out).toContain(`pick: ${result.pick.agentId}, the highest 95% lower bound`);
  }, 300_000);
});
