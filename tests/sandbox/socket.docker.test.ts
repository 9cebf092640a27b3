// The model gateway reaches agents through a unix socket bind-mounted read-only into a container
// that has no network at all.
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { withSession } from "../../sandbox/index.ts";
import { describeDocker, testSandbox, testSessionOptions } from "../support/docker.ts";

describeDocker("sandbox host socket", () => {
  let scratch: string;
  let server: Server;
  let socketPath: string;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "dgm-socket-"));
    socketPath = join(scratch, "gateway.sock");
    server = createServer((request, response) => {
      response.end(JSON.stringify({ method: request.method, url: request.url }));
    });
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    await chmod(socketPath, 0o666); // uid 1000 inside must be allowed to connect
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await rm(scratch, { recursive: true, force: true });
  });

  it("answers HTTP over the mounted socket from inside a NetworkMode none container", async () => {
    const options = testSessionOptions({ mounts: [{ hostPath: socketPath, containerPath: "/run/dgm/gateway.sock" }] });
    await withSession(testSandbox(), options, async (session) => {
      const script = `require("http").get({ socketPath: "/run/dgm/gateway.sock", path: "/v1/ping" }, (res) => { let body = ""; res.on("data", (d) => (body += d)); res.on("end", () => console.log(body)); })`;
      const result = await session.exec({ cmd: ["node", "-e", script], timeoutMs: 10_000 });
      expect(result.stdout.trim()).toBe(JSON.stringify({ method: "GET", url: "/v1/ping" }));
      const net = await session.exec({ cmd: ["cat", "/proc/net/dev"], timeoutMs: 5_000 });
      expect(net.stdout).not.toMatch(/eth\d:/);
      const write = await session.exec({ cmd: ["sh", "-c", "rm /run/dgm/gateway.sock 2>&1"], timeoutMs: 5_000 });
      expect(write.exitCode).not.toBe(0);
    });
  });
});
