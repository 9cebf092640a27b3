// Sessions over a pool of real engines: the main one, and a second dockerd on this machine reached
// over TCP+TLS (and over SSH) that shares none of this machine's files with its containers. The image
// and our read-only trees are copied to it once, the bundle is copied in, the gateway is tunnelled
// through the Docker API, and an evaluation spread over both gives what it gives on one.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, expect, it } from "vitest";
import { harnessTree } from "../../evaluator/grading/harness.ts";
import {
  DockerSandbox,
  Engine,
  EnginePool,
  parseEngineSection,
  prepareToolchain,
  sandboxImageTag,
  withSession,
} from "../../sandbox/index.ts";
import { describeDocker, testSessionOptions } from "../support/docker.ts";
import { evaluateScripted, evaluationTasks, poolOf, recordingSandbox } from "../support/engine-pool.ts";
import { startTestEngine, type TestEngine } from "../support/second-engine.ts";
import { startSshEngine, type TestSshEngine } from "../support/ssh-engine.ts";
import { tempDir } from "../support/temp.ts";

const NODE_GET = (socket: string) =>
  `require("http").request({socketPath:${JSON.stringify(socket)},path:"/v1/chat/completions",method:"POST"},r=>{let b="";r.on("data",d=>b+=d);r.on("end",()=>console.log(r.statusCode,b))}).end("{}")`;

describeDocker("a pool of engines", () => {
  let second: TestEngine;
  let pool: EnginePool;

  beforeAll(async () => {
    second = await startTestEngine();
    pool = poolOf({ remotes: [second] });
  });
  afterAll(async () => {
    await second?.stop();
  });

  it("places each session on the least loaded engine and labels it with its engine", async () => {
    const sandbox = new DockerSandbox(pool);
    const sessions = [];
    try {
      for (let index = 0; index < 4; index++) sessions.push(await sandbox.startSession(testSessionOptions()));
      expect(sessions.map((session) => session.engine)).toEqual(["local", "box2", "local", "box2"]);
      const remote = pool.byName("box2");
      const labels = (await remote?.docker.getContainer(sessions[1]?.containerId ?? "").inspect())?.Config.Labels;
      expect(labels?.["dgm.engine"]).toBe("box2");
      expect(remote?.active).toBe(2);
    } finally {
      await Promise.all(sessions.map((session) => session.destroy()));
    }
    expect(pool.engines.map((engine) => engine.active)).toEqual([0, 0]);
    // The image came over once and stays: the engine now has the current recipe's tag.
    expect((await pool.byName("box2")?.docker.getImage(sandboxImageTag()).inspect())?.RepoTags).toContain(
      sandboxImageTag(),
    );
  });

  it("copies trees and files to the remote engine: tools run, files are read-only, no host path is mounted", async () => {
    const remoteOnly = poolOf({ local: false, remotes: [second] });
    const sandbox = new DockerSandbox(remoteOnly);
    const toolchain = await prepareToolchain();
    const bundle = join(tempDir("pool-files"), "agent.mjs");
    writeFileSync(bundle, `console.log("bundle ${"x".repeat(5000)}");\n`);
    const digest = createHash("sha256").update(readFileSync(bundle)).digest("hex");
    const remote = remoteOnly.engines[0];
    const volumesBefore = (await remote?.docker.listVolumes())?.Volumes?.length ?? 0;
    const options = testSessionOptions({
      trees: [toolchain.tree, harnessTree()],
      files: [{ hostPath: bundle, containerPath: "/agent/agent.mjs" }],
      env: { PATH: toolchain.path },
    });
    await withSession(sandbox, options, async (session) => {
      expect(session.engine).toBe("box2");
      const tsc = await session.exec({ cmd: ["tsc", "--version"], timeoutMs: 60_000 });
      expect(tsc.stdout).toMatch(/^Version \d+\.\d+/);
      const grader = await session.exec({ cmd: ["ls", "/opt/dgm-grader"], timeoutMs: 10_000 });
      expect(grader.stdout).toMatch(/unittest_runner\.py/);
      const copied = await session.exec({ cmd: ["sha256sum", "/agent/agent.mjs"], timeoutMs: 10_000 });
      expect(copied.stdout.split(" ")[0]).toBe(digest);
      const write = await session.exec({ cmd: ["sh", "-c", "echo evil > /agent/agent.mjs"], timeoutMs: 10_000 });
      expect(write.exitCode).not.toBe(0);
      const toolWrite = await session.exec({ cmd: ["touch", "/opt/dgm-tools/bin/tsc"], timeoutMs: 10_000 });
      expect(toolWrite.exitCode).not.toBe(0);
      const info = await remote?.docker.getContainer(session.containerId).inspect();
      expect(info?.HostConfig.Binds ?? []).toEqual([]);
      expect(info?.Mounts.every((mount) => mount.Type === "volume" && mount.RW === false)).toBe(true);
    });
    const volumesAfterFirst = (await remote?.docker.listVolumes())?.Volumes?.length ?? 0;
    // A tree is copied once per engine (a data volume and its completion mark), then reused.
    await withSession(sandbox, options, async () => {});
    expect((await remote?.docker.listVolumes())?.Volumes?.length ?? 0).toBe(volumesAfterFirst);
    expect(volumesAfterFirst - volumesBefore).toBeLessThanOrEqual(4);
  });

  it("tunnels the gateway socket through the Docker API, with no network, over TCP and SSH", async () => {
    const dir = tempDir("pool-gateway");
    const socketPath = join(dir, "gateway.sock");
    const server: Server = createServer((req, res) => {
      req.resume();
      req.on("end", () => res.end(`hello from the host to ${req.method} ${req.url}`));
    });
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    let ssh: TestSshEngine | undefined;
    try {
      ssh = await startSshEngine(second);
      // The host key pinned by its fingerprint, as `ssh-keygen -lf` prints it; another key is refused.
      const fingerprint = (await execa("ssh-keygen", ["-lf", ssh.hostPublicKeyPath])).stdout.split(" ")[1] ?? "";
      const sshEngine = (hostKey: string) =>
        new EnginePool(
          parseEngineSection(
            { engines: [{ name: "box3", host: ssh?.host, ssh: { privateKey: ssh?.privateKeyPath, hostKey } }] },
            { source: "test", baseDir: "/", localSlots: 1 },
          ).map((spec) => new Engine(spec)),
        );
      const impostor = sshEngine(`SHA256:${"A".repeat(43)}`).engines[0];
      expect(await impostor?.probe()).toBe(false);
      expect(impostor?.lastError).toMatch(/Host denied \(verification failed\)/);
      const pools = [poolOf({ local: false, remotes: [second] }), sshEngine(fingerprint)];
      for (const onePool of pools) {
        const options = testSessionOptions({
          gateway: { hostSocketPath: socketPath, containerSocketPath: "/gateway/gateway.sock" },
        });
        await withSession(new DockerSandbox(onePool), options, async (session) => {
          const reply = await session.exec({
            cmd: ["node", "-e", NODE_GET("/gateway/gateway.sock")],
            timeoutMs: 30_000,
          });
          expect(reply.stdout.trim()).toBe("200 hello from the host to POST /v1/chat/completions");
          const network = await session.exec({
            cmd: ["node", "-e", 'require("net").connect(53,"1.1.1.1").on("error",e=>console.log(e.code))'],
            timeoutMs: 30_000,
          });
          expect(network.stdout.trim()).toMatch(/ENETUNREACH|EAI_AGAIN|ECONNREFUSED/);
          const engine = onePool.engines[0];
          const info = await engine?.docker.getContainer(session.containerId).inspect();
          expect(info?.HostConfig.NetworkMode).toBe("none");
          // The host's secrets stay on the host: not in the container's environment, not in any process's.
          const canary = process.env.DGM_TEST_CANARY_KEY ?? "sk-canary-missing";
          expect(JSON.stringify(info?.Config.Env)).not.toContain(canary);
          const environ = await session.exec({
            cmd: ["sh", "-c", "cat /proc/*/environ 2>/dev/null | tr '\\0' '\\n'"],
            timeoutMs: 10_000,
          });
          expect(environ.stdout).not.toContain(canary);
          // The socket's directory belongs to root: the agent can neither replace the relay's socket nor fill it.
          const replace = await session.exec({ cmd: ["rm", "-f", "/gateway/gateway.sock"], timeoutMs: 10_000 });
          expect(replace.exitCode).not.toBe(0);
        });
      }
    } finally {
      await ssh?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("gives the same results evaluated over two engines as on one", async () => {
    const tasks = evaluationTasks();
    const oneEngine = recordingSandbox(poolOf({ remotes: [] }));
    const twoEngines = recordingSandbox(pool);
    const statuses = async (sandbox: typeof oneEngine.sandbox, label: string) => {
      const evaluation = await evaluateScripted({ sandbox, tasks, home: tempDir(label), containers: 4 });
      try {
        const rows = evaluation.archive.listEvaluations({ agentId: evaluation.agentId });
        // Every model call was metered on the host, whichever engine the agent ran on.
        const calls = evaluation.archive.listModelCalls({ runId: evaluation.runId });
        expect(calls.length).toBeGreaterThanOrEqual(tasks.length * 2);
        return new Map(rows.map((row) => [row.taskId, row.status]));
      } finally {
        await evaluation.close();
      }
    };
    const single = await statuses(oneEngine.sandbox, "pool-one");
    const spread = await statuses(twoEngines.sandbox, "pool-two");
    expect([...spread.entries()].sort()).toEqual([...single.entries()].sort());
    expect([...single.values()].filter((status) => status === "passed")).toHaveLength(4);
    expect(new Set(twoEngines.engines)).toEqual(new Set(["local", "box2"]));
    expect(new Set(oneEngine.engines)).toEqual(new Set(["local"]));
  });
});
