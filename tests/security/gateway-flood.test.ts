// A connection flood against a session's socket: past the session's cap, connections are closed as
// soon as they are accepted, so the host process keeps a bounded number of descriptors however many
// the agent opens; connections that stall in their headers or body are cut off; a body declared
// larger than the cap is refused before it is read. The flooding agent starves only itself.
import { readdirSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  createGateway,
  createPricing,
  createScriptedProvider,
  DEFAULT_SESSION_HTTP_LIMITS,
  type Gateway,
  type GatewaySession,
} from "../../src/llm/index.ts";
import { closeTestArchives, identity, openTestArchive, postChat } from "../llm/support.ts";
import { until } from "./gateway-support.ts";

const hello = { messages: [{ role: "user", content: "hello" }] };
const openDescriptors = (): number => readdirSync("/proc/self/fd").length;

/** Everything a raw connection hears until the gateway closes it. */
function listen(socket: Socket): Promise<string> {
  let heard = "";
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => {
    heard += chunk;
  });
  return new Promise((resolve) => {
    socket.on("close", () => resolve(heard));
    socket.on("error", () => {});
  });
}

/** Fails when the gateway has not closed the connection long after it should have (seconds, not minutes). */
function closedWithin(heard: Promise<string>, ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the gateway kept the connection open for ${ms} ms`)), ms);
    heard.then((text) => {
      clearTimeout(timer);
      resolve(text);
    }, reject);
  });
}

describe("gateway connection flood", () => {
  let gateway: Gateway | undefined;
  afterEach(async () => {
    await gateway?.close();
    gateway = undefined;
  });
  afterAll(closeTestArchives);

  async function session(http: Parameters<typeof createGateway>[0]["http"]): Promise<GatewaySession> {
    const archive = await openTestArchive();
    const provider = createScriptedProvider({ scripts: { default: Array(40).fill("ok") } });
    gateway = createGateway({ archive, providers: { solve: provider }, pricing: createPricing(), http });
    return gateway.openSession({ identity: identity(), role: "solve" });
  }

  it("closes connections past the session's cap at once and keeps the host's descriptors bounded", async () => {
    // Long timeouts: here only the cap may close a connection.
    const served = await session({ headersTimeoutMs: 600_000, requestTimeoutMs: 600_000 });
    const cap = DEFAULT_SESSION_HTTP_LIMITS.maxConnections;
    const flood = 300;
    const before = openDescriptors();
    const sockets = Array.from({ length: flood }, () => connect(served.socketPath));
    const closed = { count: 0 };
    for (const socket of sockets) {
      socket.on("error", () => {});
      socket.on("close", () => {
        closed.count += 1;
      });
    }
    // Connected, or refused by a full listen queue (then never accepted: it counts as closed).
    await Promise.all(
      sockets.map((socket) => new Promise((resolve) => socket.once("connect", resolve).once("close", resolve))),
    );

    // Accepted after the whole flood, so answered only if the gateway kept every connection.
    const late = await postChat(served.socketPath, hello).catch((error: Error) => error);
    expect(late).toBeInstanceOf(Error);
    await until(() => closed.count >= flood - cap);
    expect(closed.count).toBe(flood - cap);
    // Our own client ends of the held connections, plus the gateway's ends of them, plus slack.
    expect(openDescriptors() - before).toBeLessThanOrEqual(2 * cap + 8);

    // The held connections still work, and once they are gone the session serves new ones.
    const held = sockets.filter((socket) => !socket.destroyed);
    expect(held).toHaveLength(cap);
    const answers = held.map(listen);
    const request = JSON.stringify(hello);
    for (const socket of held) {
      socket.write(
        `POST /v1/chat/completions HTTP/1.1\r\nHost: gateway\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${request.length}\r\n\r\n${request}`,
      );
    }
    for (const answer of await Promise.all(answers)) expect(answer).toMatch(/^HTTP\/1\.1 200 OK/);
    await until(async () => (await postChat(served.socketPath, hello).catch(() => null))?.status === 200);
  });

  it("cuts off a connection that sends nothing, stalls in its headers, or stalls in its body", async () => {
    const served = await session({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
    const silent = connect(served.socketPath);
    const partialHeaders = connect(served.socketPath);
    partialHeaders.write("POST /v1/chat/completions HTTP/1.1\r\nHost: gateway\r\n");
    const partialBody = connect(served.socketPath);
    partialBody.write(
      'POST /v1/chat/completions HTTP/1.1\r\nHost: gateway\r\nContent-Length: 1000\r\n\r\n{"messages": [',
    );
    // Node's own defaults would hold these for a minute or more; the gateway's limits, a second or so.
    const heard = await Promise.all([silent, partialHeaders, partialBody].map((s) => closedWithin(listen(s), 30_000)));
    expect(heard[1]).toMatch(/^HTTP\/1\.1 408/);
    expect(heard[2]).toMatch(/^HTTP\/1\.1 408/);
    expect((await postChat(served.socketPath, hello)).status).toBe(200);
  });

  it("refuses a body declared larger than the cap before reading it", async () => {
    const served = await session({});
    const socket = connect(served.socketPath);
    const heard = listen(socket);
    const declared = DEFAULT_SESSION_HTTP_LIMITS.maxBodyBytes + 1;
    socket.write(
      `POST /v1/chat/completions HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n{`,
    );
    const answer = await closedWithin(heard, 30_000);
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer).toContain("request body too large (8 MiB max)");
  });
});
