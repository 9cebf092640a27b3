// Session lifecycle: labels for cleanup, idempotent destroy, prune of leftovers, and many sessions
// at once that do not see each other.
import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import { dockerClient } from "../../sandbox/docker.ts";
import { describeOurContainers, sandboxImageTag, withSession } from "../../sandbox/index.ts";
import { describeDocker, testSandbox } from "../support/docker.ts";

describeDocker("sandbox lifecycle", () => {
  const sandbox = testSandbox();

  it("labels containers, hardens them, and destroy is idempotent", async () => {
    const session = await sandbox.startSession({
      labels: { purpose: "test", run: "lifecycle", agent: "a1", task: "t1" },
    });
    try {
      const info = await dockerClient().getContainer(session.containerId).inspect();
      expect(info.Config.Image).toBe(sandboxImageTag());
      expect(info.Config.Labels).toMatchObject({
        "dgm.project": "dgm",
        "dgm.purpose": "test",
        "dgm.run": "lifecycle",
        "dgm.agent": "a1",
        "dgm.task": "t1",
      });
      expect(process.env.DGM_SANDBOX_OWNER).toBeTruthy(); // set by tests/global-setup.ts
      expect(info.Config.Labels["dgm.owner"]).toBe(process.env.DGM_SANDBOX_OWNER);
      expect(info.HostConfig).toMatchObject({
        NetworkMode: "none",
        CapDrop: ["ALL"],
        ReadonlyRootfs: true,
        Init: true,
        PidsLimit: 1024,
      });
      expect(info.HostConfig.SecurityOpt).toContain("no-new-privileges");
      expect(info.HostConfig.Memory).toBe(info.HostConfig.MemorySwap);
    } finally {
      await session.destroy();
      await session.destroy();
    }
    await expect(dockerClient().getContainer(session.containerId).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it("prune removes labelled leftovers of one run and leaves other runs alone", async () => {
    const run = `prune-${randomBytes(4).toString("hex")}`;
    const other = `keep-${randomBytes(4).toString("hex")}`;
    const kept = await sandbox.startSession({ labels: { purpose: "test", run: other } });
    try {
      await sandbox.startSession({ labels: { purpose: "test", run } });
      await sandbox.startSession({ labels: { purpose: "test", run } });
      expect(await describeOurContainers({ run })).toHaveLength(2);
      expect(await sandbox.prune({ run })).toBe(2);
      expect(await describeOurContainers({ run })).toHaveLength(0);
      expect(await describeOurContainers({ run: other })).toHaveLength(1);
    } finally {
      await kept.destroy();
    }
  });

  it("runs many sessions at once without interference", async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, index) =>
        withSession(sandbox, { labels: { purpose: "test", run: "parallel" } }, async (session) => {
          await session.writeFiles("/workspace", { "me.txt": `session-${index}` });
          const seen = await session.exec({
            cmd: ["sh", "-c", "sleep 0.3; cat /workspace/me.txt; ls /workspace"],
            timeoutMs: 10_000,
          });
          return seen.stdout;
        }),
      ),
    );
    expect(results).toEqual([0, 1, 2, 3].map((index) => `session-${index}me.txt\n`));
  });
});
