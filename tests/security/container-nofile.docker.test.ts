// Session containers run with a nofile limit of 4096 (soft and hard): node, python and tsc work as
// before, but an agent can no longer open tens of thousands of sockets to the gateway — it runs out
// of descriptors itself (EMFILE), and the gateway keeps answering.
import { afterAll, expect, it } from "vitest";
import { DEFAULT_LIMITS, prepareToolchain, withSession } from "../../sandbox/index.ts";
import { createGateway, createPricing, createScriptedProvider } from "../../src/llm/index.ts";
import { closeTestArchives, identity, openTestArchive, postChat } from "../llm/support.ts";
import { describeDocker, testSandbox, testSessionOptions } from "../support/docker.ts";
import { until } from "./gateway-support.ts";

// Opens 20k connections to the gateway at once and reports how each attempt ended.
const floodScript = `
const net = require("node:net");
const total = 20000;
const ends = {};
let settled = 0;
const end = (how) => {
  ends[how] = (ends[how] || 0) + 1;
  if (++settled === total) { console.log(JSON.stringify(ends)); process.exit(0); }
};
for (let i = 0; i < total; i++) {
  const socket = net.connect("/gateway/gateway.sock");
  let done = false;
  const once = (how) => { if (!done) { done = true; end(how); } };
  socket.on("connect", () => once("connected"));
  socket.on("error", (error) => once(error.code || "error"));
}
`;

describeDocker("container nofile limit", () => {
  afterAll(closeTestArchives);

  it("limits open files to 4096, keeps node, python and tsc working, and stops a socket flood at EMFILE", async () => {
    expect(DEFAULT_LIMITS.openFiles).toBe(4096);
    const archive = await openTestArchive();
    const provider = createScriptedProvider({ scripts: { default: Array(20).fill("ok") } });
    const gateway = createGateway({ archive, providers: { solve: provider }, pricing: createPricing() });
    const session = await gateway.openSession({ identity: identity(), role: "solve" });
    const toolchain = await prepareToolchain();
    const options = testSessionOptions({
      trees: [toolchain.tree],
      gateway: { hostSocketPath: session.socketPath, containerSocketPath: "/gateway/gateway.sock" },
      env: { PATH: toolchain.path },
    });
    try {
      await withSession(testSandbox(), options, async (box) => {
        const shell = await box.exec({ cmd: ["sh", "-c", "ulimit -Sn; ulimit -Hn"], timeoutMs: 10_000 });
        expect(shell.stdout).toBe("4096\n4096\n");

        const python = await box.exec({
          cmd: ["python3", "-c", "import resource; print(resource.getrlimit(resource.RLIMIT_NOFILE))"],
          timeoutMs: 10_000,
        });
        expect(python.stdout.trim()).toBe("(4096, 4096)");

        const tsc = await box.exec({
          cmd: ["sh", "-c", "cat > /workspace/ok.ts && tsc --strict --noEmit /workspace/ok.ts && echo typed"],
          stdin: "export const answer: number = 42;\n",
          timeoutMs: 60_000,
        });
        expect(tsc).toMatchObject({ status: "ok", exitCode: 0, stdout: "typed\n" });

        const flood = await box.exec({ cmd: ["node", "-e", floodScript], timeoutMs: 120_000 });
        expect(flood.exitCode, flood.stderr).toBe(0);
        const ends = JSON.parse(flood.stdout) as Record<string, number>;
        // The container ran out of descriptors long before 20k sockets.
        expect(ends.EMFILE ?? 0).toBeGreaterThan(15_000);
        expect(ends.connected ?? 0).toBeLessThan(4096);
      });
      await until(
        async () =>
          (
            await postChat(session.socketPath, { messages: [{ role: "user", content: "still there?" }] }).catch(
              () => null,
            )
          )?.status === 200,
      );
    } finally {
      await gateway.close();
    }
  });
});
