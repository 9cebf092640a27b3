// The gateway tunnel on real containers: the relay runs in a NetworkMode none container as root, an
// agent (uid 1000) talks HTTP to its socket, and each connection reaches the real gateway HTTP server
// on the host through one exec stream — concurrently, with large bodies, half-closed, and with the
// relay out of the agent's reach. Destroying the container ends the tunnel and every host connection.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  type GatewayTunnel,
  openGatewayTunnel,
  RELAY_TREE,
  relayExecOptions,
} from "../../sandbox/gateway-tunnel/index.ts";
import { RELAY_SCRIPT } from "../../sandbox/gateway-tunnel/relay-exec.ts";
import type { SandboxSession } from "../../sandbox/index.ts";
import { type ServedSession, serveSession } from "../../src/llm/gateway/http.ts";
import type { ChatResponse } from "../../src/llm/types.ts";
import { describeDocker, testSandbox, testSessionOptions } from "../support/docker.ts";
import { fakeGateway } from "../support/fake-relay-stream.ts";

const SOCKET = "/tmp/gw/gateway.sock";

/** The echo model: its answer is the last message's content, so a body's round trip can be hashed. */
function echo(body: unknown): ChatResponse {
  const messages = (body as { messages?: Array<{ content?: string }> }).messages ?? [];
  const content = messages.at(-1)?.content ?? "";
  return {
    id: "echo",
    object: "chat.completion",
    created: 0,
    model: "echo",
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  };
}

// Posts `count` chat requests at once, each with a distinct body of `bytes` characters, and prints
// how many came back intact (the echoed content hashing to what was sent).
const postScript = `
const http = require("node:http");
const crypto = require("node:crypto");
const [count, bytes] = process.argv.slice(1).map(Number);
const sha = (text) => crypto.createHash("sha256").update(text).digest("hex");
function post(index) {
  const content = crypto.randomBytes(Math.ceil(bytes * 3 / 4)).toString("base64").slice(0, bytes) + "#" + index;
  const body = JSON.stringify({ model: "echo", messages: [{ role: "user", content }] });
  return new Promise((resolve) => {
    const request = http.request({ socketPath: "${SOCKET}", path: "/v1/chat/completions", method: "POST",
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (response) => {
      const parts = [];
      response.on("data", (part) => parts.push(part));
      response.on("end", () => {
        const reply = JSON.parse(Buffer.concat(parts).toString()).choices[0].message.content;
        resolve(response.statusCode === 200 && sha(reply) === sha(content) ? "intact" : "status " + response.statusCode);
      });
    });
    request.on("error", (error) => resolve(error.code || error.message));
    request.end(body);
  });
}
Promise.all(Array.from({ length: count }, (_, index) => post(index))).then((results) => {
  const tally = {};
  for (const result of results) tally[result] = (tally[result] || 0) + 1;
  console.log(JSON.stringify({ tally, uid: process.getuid() }));
});
`;

// A raw HTTP/1.1 request, then a half-close (end) before the answer: the answer must still come.
const halfCloseScript = `
const net = require("node:net");
const body = JSON.stringify({ model: "echo", messages: [{ role: "user", content: "half-closed" }] });
const socket = net.connect({ path: "${SOCKET}", allowHalfOpen: true });
const parts = [];
socket.on("data", (part) => parts.push(part));
socket.on("end", () => console.log(Buffer.concat(parts).toString()));
socket.end("POST /v1/chat/completions HTTP/1.1\\r\\nhost: gateway\\r\\ncontent-type: application/json\\r\\n" +
  "content-length: " + Buffer.byteLength(body) + "\\r\\nconnection: close\\r\\n\\r\\n" + body);
`;

// Finds the relay's process; prints its owner's uid and what uid 1000 gets trying to reach its stdout.
const relayReachScript = `
const fs = require("node:fs");
const pid = fs.readdirSync("/proc").filter((entry) => /^\\d+$/.test(entry)).find((entry) => {
  try { return fs.readFileSync("/proc/" + entry + "/cmdline", "utf8").split("\\0")[1] === "${RELAY_SCRIPT}"; } catch { return false; }
});
const owner = fs.readFileSync("/proc/" + pid + "/status", "utf8").match(/^Uid:\\s+(\\d+)/m)[1];
const attempt = (fn) => { try { fn(); return "allowed"; } catch (error) { return error.code; } };
console.log(JSON.stringify({
  owner: Number(owner),
  me: process.getuid(),
  writeStdout: attempt(() => fs.writeFileSync("/proc/" + pid + "/fd/1", Buffer.from([3, 0, 0, 0, 9, 0, 0, 0, 1, 120]))),
  readStdin: attempt(() => fs.readlinkSync("/proc/" + pid + "/fd/0")),
  kill: attempt(() => process.kill(Number(pid), "SIGKILL")),
}));
`;

async function startRelay(session: SandboxSession, hostSocketPath: string): Promise<GatewayTunnel> {
  const container = new Docker().getContainer(session.containerId);
  const exec = await container.exec(relayExecOptions(SOCKET));
  const stream = await exec.start({ hijack: true, stdin: true });
  return openGatewayTunnel(stream, { hostSocketPath });
}

async function stillOpen(tunnel: GatewayTunnel): Promise<boolean> {
  return (await Promise.race([tunnel.ended, new Promise((resolve) => setImmediate(resolve, "open"))])) === "open";
}

describeDocker("gateway tunnel through a relay exec", () => {
  let gateway: ServedSession;
  let session: SandboxSession;
  let tunnel: GatewayTunnel;
  const seenBodies: number[] = [];

  beforeAll(async () => {
    // 20 concurrent requests are more than a session's 16 connections by default (a flood guard, not
    // what this test is about).
    gateway = await serveSession(
      async (body) => {
        seenBodies.push(JSON.stringify(body).length);
        return echo(body);
      },
      tmpdir(),
      { maxConnections: 32 },
    );
    session = await testSandbox().startSession(testSessionOptions({ trees: [RELAY_TREE] }));
    tunnel = await startRelay(session, gateway.socketPath);
  });
  afterAll(async () => {
    await tunnel?.close();
    await session?.destroy();
    await gateway?.close();
  });

  it("carries a uid 1000 POST to the host gateway and its answer back", async () => {
    const result = await session.exec({ cmd: ["node", "-e", postScript, "1", "100"], timeoutMs: 30_000 });
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({ tally: { intact: 1 }, uid: 1000 });
    expect(tunnel.stats()).toMatchObject({ connections: 1, openConnections: 0 });
    expect(await stillOpen(tunnel)).toBe(true);
  });

  it("carries 20 concurrent requests of 2 MiB each way intact", async () => {
    const before = tunnel.stats();
    seenBodies.length = 0;
    const twoMiB = 2 * 1024 * 1024;
    const result = await session.exec({ cmd: ["node", "-e", postScript, "20", String(twoMiB)], timeoutMs: 120_000 });
    expect(JSON.parse(result.stdout)).toEqual({ tally: { intact: 20 }, uid: 1000 });
    expect(seenBodies).toHaveLength(20);
    const after = tunnel.stats();
    expect(after.connections - before.connections).toBe(20);
    expect(after.bytesToHost - before.bytesToHost).toBeGreaterThan(20 * twoMiB);
    expect(after.bytesToContainer - before.bytesToContainer).toBeGreaterThan(20 * twoMiB);
  });

  it("answers a client that half-closed after its request", async () => {
    const result = await session.exec({ cmd: ["node", "-e", halfCloseScript], timeoutMs: 30_000 });
    expect(result.stdout).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(result.stdout).toContain('"content":"half-closed"');
  });

  it("keeps the relay out of the agent's reach: another owner, no write to its stdout, no signal", async () => {
    const result = await session.exec({ cmd: ["node", "-e", relayReachScript], timeoutMs: 30_000 });
    expect(JSON.parse(result.stdout)).toEqual({
      owner: 0,
      me: 1000,
      writeStdout: "EACCES",
      readStdin: "EACCES",
      kill: "EPERM",
    });
    expect(await stillOpen(tunnel)).toBe(true);
    const again = await session.exec({ cmd: ["node", "-e", postScript, "1", "10"], timeoutMs: 30_000 });
    expect(JSON.parse(again.stdout).tally).toEqual({ intact: 1 });
  });
});

describeDocker("gateway tunnel when its container goes or lacks the relay", () => {
  it("fails to open with the relay's stderr when the container has no relay", async () => {
    const session = await testSandbox().startSession(testSessionOptions());
    try {
      await expect(startRelay(session, join(tmpdir(), "unused.sock"))).rejects.toThrow(
        /gateway relay in the container did not start: .*relay stderr: .*Cannot find module '\/opt\/dgm-relay\/gateway-relay\.mjs'/s,
      );
    } finally {
      await session.destroy();
    }
  });

  it("ends the tunnel and every host connection when the container is destroyed", async () => {
    const scratch = await mkdtemp(join(tmpdir(), "dgm-tunnel-"));
    const held = await fakeGateway(join(scratch, "gateway.sock"), () => {});
    const session = await testSandbox().startSession(testSessionOptions({ trees: [RELAY_TREE] }));
    try {
      const tunnel = await startRelay(session, held.path);
      // A client that connects, sends a little and waits: its host connection stays open.
      const client = `const s = require("node:net").connect("${SOCKET}"); s.write("hello"); setInterval(() => {}, 1000);`;
      const running = session.exec({ cmd: ["node", "-e", client], timeoutMs: 60_000 });
      const clientGone = running.then((result) => {
        throw new Error(`the client ended before its connection reached the host: ${result.stderr}`);
      });
      await Promise.race([held.connected(1), clientGone]);
      expect(tunnel.stats().openConnections).toBe(1);
      await session.destroy();
      expect(await tunnel.ended).toMatch(/the relay exited or its container is gone/);
      await held.drained();
      expect(tunnel.stats().openConnections).toBe(0);
      expect((await running).status).not.toBe("ok");
    } finally {
      await session.destroy();
      await held.close();
      await rm(scratch, { recursive: true, force: true });
    }
  });
});
