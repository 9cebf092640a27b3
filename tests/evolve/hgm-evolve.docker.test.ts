// `dgm evolve --scheduler hgm --demo` end to end through the real CLI, Docker, SQLite and git with the sim:
// children admitted untested and evaluated one task at a time in containers, the task-evaluation budget
// spent exactly, and finalists judged in containers on held-out tasks the search never used.
import { expect, it } from "vitest";
import { openArchive } from "../../archive/index.ts";
import { describeDocker } from "../support/docker.ts";
import { tempDir } from "../support/temp.ts";
import { containersOfRun, startCli } from "./support.ts";

describeDocker("dgm evolve --scheduler hgm", () => {
  it("runs the demo task by task under --max-task-evals and picks a finalist on held-out tasks", async () => {
    const home = tempDir("evolve-hgm");
    const budget = 8;
    const cli = startCli([
      "--home",
      home,
      "evolve",
      "--scheduler",
      "hgm",
      "--demo",
      "--max-task-evals",
      String(budget),
      "--test-split",
      "0.3",
      "--finalists",
      "2",
      "--seed",
      "3",
      "--json",
    ]);
    expect(await cli.exited, cli.stderr.join("\n")).toBe(0);
    const ended = cli.events.find((event) => event.type === "run-ended");
    expect(ended?.kind, String(ended?.reason)).toBe("limit");
    const archive = await openArchive(home);
    try {
      const run = archive.listRuns()[0]!;
      expect((await archive.verify()).problems).toEqual([]);
      expect(await containersOfRun(run.id)).toEqual([]);
      expect(archive.countSearchEvaluations(run.id)).toBe(budget);
      const rows = archive.listEvaluations({ runId: run.id });
      const heldOut = new Set(rows.filter((row) => row.stage === "test").map((row) => row.taskId));
      // builtin:small has 10 tasks: 3 held out, never searched on; the finalists ran on all 3.
      expect(heldOut.size).toBe(3);
      expect(rows.filter((row) => row.stage !== "test" && heldOut.has(row.taskId))).toEqual([]);
      for (const row of rows) expect(row.grading?.channel, `${row.taskId} graded in a container`).not.toBe("none");
      const children = archive.listAgents(run.id).filter((agent) => agent.parentId !== null);
      expect(children.filter((child) => child.status === "admitted").length).toBeGreaterThan(0);
      for (const child of children.filter((agent) => agent.status === "admitted")) {
        expect(child.statusReason).toMatch(/^hgm:/);
      }
      const pick = archive.getRun(run.id)?.finalPick;
      expect(pick?.heldOutTasks).toBe(3);
      expect(pick?.finalists.every((finalist) => finalist.total === 3)).toBe(true);
      expect(cli.events.some((event) => event.type === "final-pick" && event.agentId === pick?.agentId)).toBe(true);
    } finally {
      archive.close();
    }
  }, 600_000);
});
