// The main job end to end, through the real CLI, real Docker, SQLite and git, with the sim simulator:
// a demo-sized run killed with SIGKILL in each phase of a child's life and resumed each time still
// ends complete, consistent and no worse than its seed; a budget stop lands within one call's cost.
// (Not "better": the simulator's draws are keyed by the run's random agent and attempt ids, so whether
// one of six children improves on the seed is chance — about one run in three here had none.)
// (Every phase boundary is covered exhaustively, in seconds, by the in-process loop tests; this
// file proves the same of the real process, the real containers and the real CLI.)
import { expect, it } from "vitest";
import { openArchive } from "../../archive/index.ts";
import { describeDocker } from "../support/docker.ts";
import { tempDir } from "../support/temp.ts";
import { type CliRun, containersOfRun, startCli } from "./support.ts";

const smallRun = ["--max-generations", "3", "--children", "2", "--seed", "11"];

/** Where each round is killed: during the seed's evaluation, then inside each phase of a child. */
const killPoints: { name: string; reached(cli: CliRun): Promise<unknown>; delayMs: number }[] = [
  { name: "seed evaluation", reached: (cli) => cli.waitFor("run-started"), delayMs: 2_500 },
  ...(["self-modifying", "committing", "gating", "evaluating"] as const).map((phase) => ({
    name: phase,
    reached: (cli: CliRun) => cli.waitFor("attempt-phase", (event) => event.phase === phase),
    // Into the phase's work: a container running, a commit half made, a task half evaluated.
    delayMs: phase === "committing" ? 0 : 400,
  })),
];

describeDocker("dgm evolve", () => {
  it("survives SIGKILL in every phase, resumes without repeating work, and ends no worse than its seed", async () => {
    const home = tempDir("evolve-kill");
    // A SIGKILLed process cannot remove its own scratch (gateway sockets, copies): keep it in here.
    const tmp = { TMPDIR: tempDir("evolve-kill-tmp") };
    const killedIn: string[] = [];
    let runId: string | undefined;
    for (let round = 0; ; round++) {
      const args = runId ? ["evolve", "--resume", runId, "--json"] : ["evolve", "--demo", ...smallRun, "--json"];
      const cli = startCli(["--home", home, ...args], tmp);
      const started = await Promise.race([cli.waitFor("run-started"), cli.exited.then(() => undefined)]);
      runId ??= started?.runId as string | undefined;
      expect(runId, `the CLI printed no run-started event: ${cli.stderr.join("\n")}`).toBeDefined();
      const point = killPoints[round];
      if (point) {
        const reached = await Promise.race([point.reached(cli).then(() => true), cli.exited.then(() => false)]);
        if (reached) {
          await new Promise((resolve) => setTimeout(resolve, point.delayMs));
          cli.child.kill("SIGKILL");
          if ((await cli.exited) === null) killedIn.push(point.name);
          continue;
        }
      }
      const code = await cli.exited;
      expect(code, cli.stderr.join("\n")).toBe(0);
      break;
    }
    expect(killedIn, "every kill point was reached and the process died there").toEqual(
      killPoints.map((point) => point.name),
    );

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
      // The best agent is the best admitted score of the run, and never below the seed it started from.
      const best = archive.bestAgent(id);
      const admittedScores = agents
        .filter((agent) => agent.status === "admitted")
        .map((agent) => agent.scores.small ?? 0);
      expect(best?.scores.small).toBe(Math.max(...admittedScores));
      expect(best?.scores.small ?? 0).toBeGreaterThanOrEqual(seed?.scores.small ?? 1);
    } finally {
      archive.close();
    }
  }, 600_000);

  it("stops at a budget within one call's cost, and resumes with a larger one without reusing cut-short results", async () => {
    const home = tempDir("evolve-budget");
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

      // One generation is enough to show that a raised budget finishes the cut-short work and goes on.
      const raised = ["--budget-usd", "100", "--max-generations", "1"];
      const resumed = startCli(["--home", home, "evolve", "--resume", run.id, ...raised, "--json"]);
      expect(await resumed.exited, resumed.stderr.join("\n")).toBe(0);
      expect(archive.getRun(run.id)?.status).toBe("finished");
      const counted = archive.listAttempts(run.id).filter((a) => a.status === "succeeded" || a.status === "failed");
      expect(counted, "the resumed run made its generation's two children").toHaveLength(2);
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
