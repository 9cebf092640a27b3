// The race of the second Ctrl-C on real Docker: the abort removes the run's containers, but a container
// that was still starting at that moment is not among them. Its agent run must remove it at once rather
// than run the agent for minutes while the loop waits.
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { expect, it } from "vitest";
import { runAgent } from "../../evaluator/index.ts";
import type { Sandbox } from "../../sandbox/index.ts";
import { describeDocker, testSandbox } from "../support/docker.ts";
import { tempDir } from "../support/temp.ts";
import { containersOfRun } from "./support.ts";

const seedDir = new URL("../../agents/seed/", import.meta.url).pathname;

describeDocker("an abort that lands while an agent's container starts", () => {
  it("removes that container and ends the run as killed, without running the agent", async () => {
    const real = testSandbox();
    const controller = new AbortController();
    let started = 0;
    // The real sandbox, with the Ctrl-C arriving just as the container is up.
    const sandbox: Sandbox = {
      startSession: async (options) => {
        const session = await real.startSession(options);
        started += 1;
        controller.abort();
        return session;
      },
      prune: (filter) => real.prune(filter),
    };
    const runId = `vitest-abort-${randomUUID().slice(0, 8)}`;
    const result = await runAgent({
      sandbox,
      gatewaySocketPath: join(tempDir("abort-race-socket"), "gateway.sock"),
      bundleFile: join(seedDir, "package.json"),
      workspaceDir: tempDir("abort-race-workspace"),
      instructions: "never read",
      limits: { wallSeconds: 600 },
      labels: { purpose: "test", run: runId },
      signal: controller.signal,
    });

    expect(started).toBe(1);
    expect(result).toMatchObject({ status: "killed", exitCode: null, workspaceOutDir: "", trajectory: "" });
    expect(await containersOfRun(runId)).toEqual([]);
  });
});
