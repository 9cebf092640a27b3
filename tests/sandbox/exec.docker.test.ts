// Exec semantics: cwd, env, stdin, exit codes, deadlines enforced in the container and from the
// host, and output capped while it streams (head and tail kept, our memory flat).
import { afterAll, beforeAll, expect, it } from "vitest";
import { HOST_DEADLINE_GRACE_MS, type SandboxSession } from "../../sandbox/index.ts";
import { describeDocker, testSandbox, testSessionOptions } from "../support/docker.ts";

describeDocker("sandbox exec", () => {
  const sandbox = testSandbox();
  let session: SandboxSession;

  beforeAll(async () => {
    session = await sandbox.startSession(testSessionOptions({ env: { SESSION_VAR: "from-session" } }));
  });
  afterAll(async () => {
    await session?.destroy();
  });

  it("passes cwd, session and exec env, stdin, and the exit code", async () => {
    await session.exec({ cmd: ["mkdir", "-p", "/workspace/sub"], timeoutMs: 5_000 });
    const result = await session.exec({
      cmd: ["sh", "-c", 'pwd; echo "$SESSION_VAR $EXEC_VAR"; tr a-z A-Z; echo err >&2; exit 3'],
      cwd: "/workspace/sub",
      env: { EXEC_VAR: "from-exec" },
      stdin: "piped in\n",
      timeoutMs: 5_000,
    });
    expect(result).toMatchObject({
      status: "ok",
      exitCode: 3,
      stdout: "/workspace/sub\nfrom-session from-exec\nPIPED IN\n",
      stderr: "err\n",
      droppedBytes: 0,
    });
  });

  it("ends a never-ending command at its deadline with status timeout", async () => {
    const result = await session.exec({ cmd: ["sleep", "600"], timeoutMs: 1_500 });
    expect(result.status).toBe("timeout");
    expect(result.durationMs).toBeGreaterThanOrEqual(1_500);
    // The slack absorbs a busy machine's slow exec start and teardown; the command itself sleeps 600 s.
    expect(result.durationMs).toBeLessThan(1_500 + 4_000);
  });

  it("kills the container from the host when an escaped process keeps the exec open", async () => {
    const doomed = await sandbox.startSession(testSessionOptions());
    try {
      // setsid escapes timeout's process group and keeps stdout open: only the host deadline ends it.
      const result = await doomed.exec({ cmd: ["sh", "-c", "setsid sleep 600 & sleep 600"], timeoutMs: 1_000 });
      expect(result.status).toBe("timeout");
      expect(result.durationMs).toBeLessThan(1_000 + HOST_DEADLINE_GRACE_MS + 5_000);
      const after = await doomed.exec({ cmd: ["true"], timeoutMs: 2_000 });
      expect(after.status).toBe("killed");
    } finally {
      await doomed.destroy();
    }
  });

  it("caps 100 MB of output to head and tail without our memory growing", async () => {
    // Warm up the socket and buffer pools so the measurement sees only what this exec keeps.
    await session.exec({ cmd: ["head", "-c", "20000000", "/dev/zero"], timeoutMs: 30_000, maxOutputBytes: 64 * 1024 });
    const rssBefore = process.memoryUsage().rss;
    const result = await session.exec({
      cmd: ["sh", "-c", "echo FIRST-LINE; head -c 104857600 /dev/zero | tr '\\0' x; echo; echo LAST-LINE"],
      timeoutMs: 60_000,
      maxOutputBytes: 64 * 1024,
    });
    const rssGrowth = process.memoryUsage().rss - rssBefore;
    expect(result.status).toBe("ok");
    expect(result.stdout.startsWith("FIRST-LINE\n")).toBe(true);
    expect(result.stdout.endsWith("LAST-LINE\n")).toBe(true);
    expect(result.droppedBytes).toBe(104_857_600 + "FIRST-LINE\n\nLAST-LINE\n".length - 64 * 1024);
    expect(result.stdout.length).toBeLessThan(70 * 1024);
    // Buffering the stream would cost ≥ 100 MB; what remains is V8's young generation churning, which
    // a busy machine (GC running late) lets grow past 24 MB now and then: half the buffered cost is the bound.
    expect(rssGrowth).toBeLessThan(50 * 1024 * 1024);
  });
});
