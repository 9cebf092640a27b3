// The main job end to end, through the real CLI, real Docker, SQLite and git, with the sim simulator:
// a demo-sized run killed with SIGKILL at random moments and resumed each time still ends complete,
// consistent and better than its seed; a budget stop lands within one call's cost.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { mulberry32, openArchive } from "../../archive/index.ts";
import { describeDocker } from "../support/docker.ts";
import { containersOfRun, startCli } from "./support.ts";

const smallRun = ["--max-generations", "3", "--children", "2", "--seed", "11"];

describeDocker("dgm evolve", () => {
  it("survives SIGKILL at random moments, resumes without repeating work, and beats its seed", async () => {
    const home = mkdtempSync(join(tmpdir(), "dgm-evolve-kill-"));
    const random = mulberry32(2026);
    const kills = 10;
    let runId: string | undefined;
    for (let round = 0; ; round++) {
      const args = runId ? ["evolve", "--resume", runId, "--json"] : ["evolve", "--demo", ...smallRun, "--json"];
      const cli = startCli(["--home", home, ...args]);
      const started = await Promise.race([cli.waitFor("run-started"), cli.exited.then(() => undefined)]);
      runId ??= started?.runId as string | undefined;
      expect(runId, `the CLI printed no run-started event: ${cli.stderr.join("\n")}`).toBeDefined();
      if (round < kills) {
        // Kill somewhere in the first seconds of work: seed evaluation, diagnosis, self-modification,
        // gating or evaluation, whichever is going on then.
        await new Promise((resolve) => setTimeout(resolve, 1_500 + random() * 6_000));
        cli.child.kill("SIGKILL");
        await cli.exited;
        continue;
      }
      const code = await cli.exited;
      expect(code, cli.stderr.join("\n")).toBe(0);
      break;
    }

    const archive = await openArchive(home);
    try {
      const id = runId as string;
      const check = await archive.verify();
      expect(check.problems).toEqual([]);
      expect(archive.getRun(id)?.status).toBe("finished");
      expect(await containersOfRun(id)).toEqual([]);

      const attempts = archive.listAttempts(id);
      const counted = attempts.filter((attempt) => attempt.status === "succeeded" || attempt.status === "failed");
      expect(counted).toHaveLength(6);
      expect(attempts.some((attempt) => attempt.status === "running")).toBe(false);

      const agents = archive.listAgents(id);
      const seed = agents.find((agent) => agent.parentId === null);
      expect(agents.filter((agent) => agent.parentId === null)).toHaveLength(1);
      const evaluated = agents.filter((agent) => agent.status === "admitted" || agent.status === "rejected");
      for (const agent of evaluated) {
        const rows = archive.listEvaluations({ agentId: agent.id }).filter((row) => row.status !== "error");
        const tasks = rows.map((row) => row.taskId);
        expect(new Set(tasks).size, `duplicate results for agent ${agent.id}`).toBe(tasks.length);
        expect(tasks.length, `missing results for agent ${agent.id}`).toBe(10);
      }
      const children = agents.filter((agent) => agent.parentId !== null && agent.status === "admitted");
      expect(children.length).toBeGreaterThan(0);
      const best = archive.bestAgent(id);
      expect(best?.scores.small ?? 0).toBeGreaterThan(seed?.scores.small ?? 1);
    } finally {
      archive.close();
    }
  }, 900_000);

  it("stops at a budget within one call's cost, and resumes with a larger one without reusing cut-short results", async () => {
    const home = mkdtempSync(join(tmpdir(), "dgm-evolve-budget-"));
    const budgetUsd = 0.01;
    const cli = startCli([
      "--home",
      home,
      "evolve",
      "--demo",
      ...smallRun,
      "--budget-usd",
      String(budgetUsd),
      "--json",
    ]);
    const code = await cli.exited;
    expect(code, cli.stderr.join("\n")).toBe(0);
    const ended = cli.events.find((event) => event.type === "run-ended");
    expect(ended?.reason).toMatch(/budget/);
    const archive = await openArchive(home);
    try {
      const run = archive.listRuns()[0]!;
      expect(run.status).toBe("stopped");
      const calls = archive.listModelCalls({ runId: run.id });
      const largest = Math.max(...calls.map((call) => call.costUsd ?? 0));
      expect(run.costUsd).not.toBeNull();
      expect(run.costUsd!).toBeGreaterThanOrEqual(budgetUsd);
      expect(run.costUsd!).toBeLessThanOrEqual(budgetUsd + largest);
      expect(await containersOfRun(run.id)).toEqual([]);
      const cut = archive.listEvaluations({ runId: run.id }).filter((row) => row.status === "error");
      expect(cut.length, "tasks the budget cut short are recorded as errors").toBeGreaterThan(0);

      const resumed = startCli(["--home", home, "evolve", "--resume", run.id, "--budget-usd", "100", "--json"]);
      expect(await resumed.exited, resumed.stderr.join("\n")).toBe(0);
      expect(archive.getRun(run.id)?.status).toBe("finished");
      for (const agent of archive
        .listAgents(run.id)
        .filter((a) => a.status === "admitted" || a.status === "rejected")) {
        const rows = archive.listEvaluations({ agentId: agent.id }).filter((row) => row.status !== "error");
        expect(new Set(rows.map((row) => row.taskId)).size).toBe(10);
        expect(rows).toHaveLength(10);
      }
    } finally {
      archive.close();
    }
  }, 600_000);
});
