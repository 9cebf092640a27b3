// What untrusted code meets inside a session: no network, no privileges, no host secrets, a
// read-only root, and limits that contain fork bombs, memory hogs and disk fillers.
import { afterAll, beforeAll, expect, it } from "vitest";
import { dockerClient } from "../../sandbox/docker.ts";
import type { SandboxSession } from "../../sandbox/index.ts";
import { describeDocker, testSandbox, testSessionOptions } from "../support/docker.ts";

const MiB = 1024 * 1024;

describeDocker("sandbox hardening", () => {
  const sandbox = testSandbox();
  let session: SandboxSession;

  beforeAll(async () => {
    process.env.DGM_TEST_HOST_SECRET = "host-secret-value";
    session = await sandbox.startSession(testSessionOptions({ limits: { tmpBytes: 8 * MiB } }));
  });
  afterAll(async () => {
    await session?.destroy();
  });

  it("has no network: a fetch to an outside address fails and only loopback exists", async () => {
    const script = `fetch("http://1.1.1.1/", { signal: AbortSignal.timeout(3000) }).then(() => console.log("REACHED"), (e) => console.log("FAILED", e.cause?.code ?? e.name))`;
    const fetched = await session.exec({ cmd: ["node", "-e", script], timeoutMs: 10_000 });
    expect(fetched.stdout).toContain("FAILED");
    expect(fetched.stdout).not.toContain("REACHED");
    const interfaces = await session.exec({ cmd: ["cat", "/proc/net/dev"], timeoutMs: 5_000 });
    expect(interfaces.stdout).toContain("lo:");
    expect(interfaces.stdout).not.toMatch(/eth\d:/);
  });

  it("runs as uid 1000 with zero effective capabilities and no new privileges", async () => {
    const result = await session.exec({
      cmd: ["sh", "-c", "id -u; id -g; grep -E 'CapEff|NoNewPrivs' /proc/self/status"],
      timeoutMs: 5_000,
    });
    expect(result.stdout).toMatch(/^1000\n1000\n/);
    expect(result.stdout).toMatch(/CapEff:\s+0000000000000000/);
    expect(result.stdout).toMatch(/NoNewPrivs:\s+1/);
  });

  it("sees none of the host's environment", async () => {
    const result = await session.exec({ cmd: ["env"], timeoutMs: 5_000 });
    expect(result.stdout).not.toContain("host-secret-value");
    for (const name of ["DGM_TEST_HOST_SECRET", "PATH=/root", "npm_", "VITEST"])
      expect(result.stdout).not.toContain(name);
  });

  it("has a read-only root but writable, size-capped /tmp that fails with ENOSPC past its cap", async () => {
    const root = await session.exec({
      cmd: ["sh", "-c", "touch /usr/evil 2>&1; touch /etc/evil 2>&1; echo done"],
      timeoutMs: 5_000,
    });
    expect(root.stdout).toMatch(/Read-only file system/);
    const fill = await session.exec({
      cmd: [
        "python3",
        "-c",
        "import os\ntry:\n  open('/tmp/big','wb').write(os.urandom(16*1024*1024))\nexcept OSError as e:\n  print('ERRNO', e.errno)",
      ],
      timeoutMs: 15_000,
    });
    expect(fill.stdout).toContain("ERRNO 28"); // ENOSPC
    const writable = await session.exec({
      cmd: ["sh", "-c", "rm -f /tmp/big; echo ok > /workspace/f && cat /workspace/f && echo ok > $HOME/f"],
      timeoutMs: 5_000,
    });
    expect(writable).toMatchObject({ status: "ok", exitCode: 0, stdout: "ok\n" });
  });

  it("contains a fork bomb with the pids limit; the host stays responsive and the container is removable", async () => {
    const bombed = await sandbox.startSession(testSessionOptions({ limits: { pidsLimit: 64 } }));
    try {
      const bomb = bombed.exec({ cmd: ["bash", "-c", "bomb() { bomb | bomb & }; bomb; sleep 3"], timeoutMs: 4_000 });
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const pingStarted = Date.now();
      await dockerClient().ping();
      // Milliseconds when quiet; the bound leaves room for a busy machine, not for a starved engine.
      expect(Date.now() - pingStarted).toBeLessThan(5_000);
      const stats = await dockerClient().getContainer(bombed.containerId).stats({ stream: false });
      expect(stats.pids_stats?.current ?? 0).toBeLessThanOrEqual(64);
      await bomb;
    } finally {
      await bombed.destroy();
    }
    await expect(dockerClient().getContainer(bombed.containerId).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it("reports a memory hog as oom (a value, not an exception) and the session lives on", async () => {
    const hogged = await sandbox.startSession(testSessionOptions({ limits: { memoryBytes: 128 * MiB } }));
    try {
      const hog = await hogged.exec({
        cmd: ["python3", "-c", "x = []\nwhile True: x.append(bytearray(10 * 1024 * 1024))"],
        timeoutMs: 30_000,
      });
      expect(hog.status).toBe("oom");
      const after = await hogged.exec({ cmd: ["echo", "alive"], timeoutMs: 5_000 });
      expect(after).toMatchObject({ status: "ok", stdout: "alive\n" });
    } finally {
      await hogged.destroy();
    }
  });
});
