// An engine that dies mid-evaluation: its tasks are recorded as infrastructure errors and run again on
// the engine that still answers; every task ends with exactly one result, none is lost, the
// evaluation completes, and the dead engine is marked down (and kept off until it answers again).
import { afterAll, beforeAll, expect, it } from "vitest";
import { DockerSandbox, withSession } from "../../sandbox/index.ts";
import { describeDocker, testSessionOptions } from "../support/docker.ts";
import { evaluateScripted, evaluationTasks, poolOf, recordingSandbox } from "../support/engine-pool.ts";
import { startTestEngine, type TestEngine } from "../support/second-engine.ts";
import { tempDir } from "../support/temp.ts";

/** How long each agent sleeps before it answers: the kill lands inside it. */
const SLEEP_SECONDS = 4;

describeDocker("losing an engine mid-evaluation", () => {
  let second: TestEngine;

  beforeAll(async () => {
    second = await startTestEngine();
  });
  afterAll(async () => {
    await second?.stop();
  });

  it("re-runs the dead engine's tasks on the other one, nothing lost or duplicated", async () => {
    const pool = poolOf({ remotes: [second] });
    const box2 = pool.byName("box2");
    // The image is copied to the second engine first, so that its sessions start as soon as work comes.
    await withSession(
      new DockerSandbox(poolOf({ local: false, remotes: [second] })),
      testSessionOptions(),
      async () => {},
    );
    const { sandbox, engines } = recordingSandbox(pool);
    const tasks = evaluationTasks();
    let killed = false;
    let evaluated = false;
    // Kill the second engine while an agent there is in the middle of its work (its `sleep` runs).
    const agentSleeping = async (): Promise<boolean> => {
      const solving = (await box2?.docker.listContainers({ filters: { label: ["dgm.purpose=solve"] } })) ?? [];
      for (const info of solving) {
        const top = await box2?.docker
          .getContainer(info.Id)
          .top()
          .catch(() => undefined);
        if (top?.Processes?.some((row: string[]) => row.join(" ").includes(`sleep ${SLEEP_SECONDS}`))) return true;
      }
      return false;
    };
    const killer = (async () => {
      for (let tries = 0; tries < 1200 && !killed && !evaluated; tries++) {
        if (await agentSleeping().catch(() => false)) {
          await second.kill();
          killed = true;
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
    const evaluation = await evaluateScripted({
      sandbox,
      tasks,
      home: tempDir("engine-loss"),
      containers: 4,
      sleepSeconds: SLEEP_SECONDS,
    });
    evaluated = true;
    await killer;
    try {
      const rows = evaluation.archive.listEvaluations({ agentId: evaluation.agentId });
      const summary = rows.map((row) => `${row.taskId} ${row.status} ${row.warnings.join(" | ")}`).join("\n");
      expect(killed, `the agents on box2 were never seen sleeping; sessions: ${engines.join(",")}\n${summary}`).toBe(
        true,
      );
      expect(evaluation.result.stoppedAfter).toBe("small");
      const results = rows.filter((row) => row.status !== "error");
      const infrastructure = rows.filter((row) => row.status === "error");
      // Exactly one result per task, the same as the scripted model earns anywhere.
      expect(results.map((row) => row.taskId).sort()).toEqual(tasks.map((task) => task.qualifiedId).sort());
      expect(results.filter((row) => row.status === "passed")).toHaveLength(4);
      // The tasks that were on the dead engine left an infrastructure error each, never counted as a failure.
      expect(infrastructure.length).toBeGreaterThan(0);
      for (const row of infrastructure)
        expect(row.warnings.join(" ")).toMatch(/infrastructure error: engine box2 stopped answering/);
      expect(evaluation.result.scores.small).toBeCloseTo(4 / 6);
      expect(box2?.health).toBe("down");
      // After the loss, sessions go to the engine that answers.
      expect(engines.slice(-2)).not.toContain("box2");
    } finally {
      await evaluation.close();
    }
  }, 300_000);
});
