// The gateway from inside a real hardened sandbox container (no network): the agent reaches the
// model only through the read-only /gateway socket, and the API key the gateway uses on the host
// appears nowhere in the container's environment or filesystem.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createGateway, createPricing, createProvider } from "../../src/llm/index.ts";
import { describeDocker, testSandbox, testSessionOptions } from "../support/docker.ts";
import { closeTestArchives, type FakeOpenAI, identity, openTestArchive, startFakeOpenAI } from "./support.ts";

const clientScript = `
const http = require("node:http");
const body = JSON.stringify({ model: "anything", messages: [{ role: "user", content: "hello from the container" }] });
const req = http.request({ socketPath: "/gateway/gateway.sock", path: "/v1/chat/completions", method: "POST",
  headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
  let text = ""; res.on("data", (c) => (text += c)); res.on("end", () => console.log(res.statusCode + " " + text));
});
req.on("error", (e) => { console.log("ERROR " + e.message); process.exit(1); });
req.end(body);
`;

describeDocker("gateway from inside a sandbox container", () => {
  const secret = `sk-dgm-test-${randomBytes(12).toString("hex")}`;
  const previousKey = process.env.DGM_TEST_SECRET_KEY;
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
    process.env.DGM_TEST_SECRET_KEY = secret;
  });
  afterAll(async () => {
    if (previousKey === undefined) delete process.env.DGM_TEST_SECRET_KEY;
    else process.env.DGM_TEST_SECRET_KEY = previousKey;
    closeTestArchives();
    await fake.close();
  });

  it("answers over the mounted socket, meters the call, and never exposes the key", async () => {
    const archive = await openTestArchive();
    // The key is read from the host environment by the provider factory, as in a real run.
    const provider = createProvider({
      provider: "openai",
      model: "gpt-4.1-mini",
      baseUrl: fake.baseUrl,
      apiKeyEnv: "DGM_TEST_SECRET_KEY",
    });
    const gateway = createGateway({ archive, providers: { solve: provider }, pricing: createPricing() });
    const caller = identity({ purpose: "solve" });
    const session = await gateway.openSession({ identity: caller, role: "solve", limits: { maxCalls: 1 } });
    const sandbox = testSandbox();
    const box = await sandbox.startSession(
      testSessionOptions({ mounts: [{ hostPath: session.socketDir, containerPath: "/gateway" }] }),
    );
    try {
      const first = await box.exec({ cmd: ["node", "-e", clientScript], timeoutMs: 30_000 });
      expect(first.stdout).toMatch(/^200 /);
      expect(JSON.parse(first.stdout.slice(4))).toMatchObject({ choices: [{ message: { content: "hello" } }] });
      const second = await box.exec({ cmd: ["node", "-e", clientScript], timeoutMs: 30_000 });
      expect(second.stdout).toMatch(/^429 .*session call limit of 1 reached/);

      expect(fake.received.at(-1)?.authorization).toBe(`Bearer ${secret}`);
      expect(archive.calls).toHaveLength(1);
      expect(archive.calls[0]).toMatchObject({ caller, error: null, model: "gpt-4.1-mini" });

      // No network in the container, and the socket directory is read-only there.
      const probe = await box.exec({
        cmd: ["sh", "-c", "id -u; touch /gateway/x 2>&1 || echo RO"],
        timeoutMs: 10_000,
      });
      expect(probe.stdout).toMatch(/^1000\n/);
      expect(probe.stdout).toContain("RO");

      const envDump = await box.exec({ cmd: ["env"], timeoutMs: 10_000 });
      expect(envDump.status).toBe("ok");
      expect(envDump.stdout).not.toContain(secret);
      const scanFor = (needle: string) =>
        box.exec({
          cmd: [
            "sh",
            "-c",
            `grep -rlsF --exclude-dir=proc --exclude-dir=sys --exclude-dir=dev '${needle}' / ; echo "scan-exit=$?"`,
          ],
          timeoutMs: 90_000,
          user: "0:0",
        });
      // The scan itself works: a marker planted in the container is found.
      const marker = `marker-${randomBytes(8).toString("hex")}`;
      await box.exec({ cmd: ["sh", "-c", `echo ${marker} > /tmp/planted`], timeoutMs: 10_000 });
      expect((await scanFor(marker)).stdout).toContain("/tmp/planted");
      const scan = await scanFor(secret);
      expect(scan.status).toBe("ok");
      expect(scan.stdout.trim()).toBe("scan-exit=1");
    } finally {
      await box.destroy();
      await session.close();
    }
  });
});
