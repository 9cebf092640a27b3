// Part 2 of bench:engines: one chat-completions request from inside a container to the host's
// gateway socket, bind-mounted (a) or tunnelled over the Docker API (b, c). Many requests run in one
// exec (a node loop in the container timing each with performance.now()), so starting the exec is
// not counted. Two series: over one kept-alive connection (what the seed agent's client does: Node's
// global agent keeps connections alive) and a fresh connection per request (each one an OPEN through
// the tunnel).
import { z } from "zod";
import type { Sandbox, SandboxSession, SessionOptions } from "../../sandbox/index.ts";
import type { HostGateway } from "./chat-server.ts";
import type { VariantKey } from "./targets.ts";

/** Requests before each timed series, not counted: the first connection and the JIT warming up. */
const WARM_UP_REQUESTS = 20;

const script = `
const http = require("node:http");
const [socketPath, countText, warmText] = process.argv.slice(1);
const body = JSON.stringify({
  model: "bench",
  messages: [
    { role: "system", content: "You are a coding agent. ".repeat(20) },
    { role: "user", content: "Implement the function in src/clamp.js." },
  ],
  max_tokens: 256,
});
function post(agent) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.request({ socketPath, path: "/v1/chat/completions", method: "POST", agent,
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (response) => {
      response.resume();
      response.on("end", () => response.statusCode === 200
        ? resolve(performance.now() - started)
        : reject(new Error("status " + response.statusCode)));
    });
    request.on("error", reject);
    request.end(body);
  });
}
async function series(agent) {
  for (let i = 0; i < Number(warmText); i++) await post(agent);
  const times = [];
  for (let i = 0; i < Number(countText); i++) times.push(await post(agent));
  return times;
}
(async () => {
  const kept = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const keepAlive = await series(kept);
  kept.destroy();
  const fresh = await series(false);
  console.log(JSON.stringify({ keepAlive, fresh }));
})().catch((error) => { console.error(String((error && error.stack) || error)); process.exit(1); });
`;

/** Requests measureRoundTrips sends in all: both series, warm-ups included. */
export function requestsSent(variants: number, requestsPerRound: number, rounds: number): number {
  return variants * rounds * 2 * (requestsPerRound + WARM_UP_REQUESTS);
}

export interface RoundTrips {
  keepAlive: number[];
  fresh: number[];
}

async function runSeries(session: SandboxSession, requests: number, socketPath: string): Promise<RoundTrips> {
  const ran = await session.exec({
    cmd: ["node", "-e", script, socketPath, String(requests), String(WARM_UP_REQUESTS)],
    timeoutMs: 300_000,
    maxOutputBytes: 4 * 1024 * 1024,
  });
  if (ran.status !== "ok" || ran.exitCode !== 0) {
    throw new Error(`the request loop on engine ${session.engine} ended ${ran.status}: ${ran.stderr.slice(-2000)}`);
  }
  const times = z.array(z.number().nonnegative()).length(requests);
  const parsed = z.strictObject({ keepAlive: times, fresh: times }).safeParse(JSON.parse(ran.stdout));
  if (!parsed.success) throw new Error(`the request loop printed an unexpected result: ${ran.stdout.slice(0, 300)}`);
  return parsed.data;
}

/**
 * One session per variant, open at once; `rounds` request loops on each, interleaved across variants.
 * Every request must have reached the host server, or the figures would time something else.
 */
export async function measureRoundTrips(
  variants: Array<{ key: VariantKey; sandbox: Sandbox }>,
  options: SessionOptions,
  server: HostGateway,
  requestsPerRound: number,
  rounds: number,
): Promise<Record<string, RoundTrips>> {
  const containerSocket = options.gateway?.containerSocketPath;
  if (!containerSocket) throw new Error("the gateway round trip needs session options with a gateway");
  const sessions: Array<{ key: VariantKey; session: SandboxSession }> = [];
  const results: Record<string, RoundTrips> = {};
  const before = server.answered();
  try {
    for (const { key, sandbox } of variants) sessions.push({ key, session: await sandbox.startSession(options) });
    for (let round = 0; round < rounds; round++) {
      for (const { key, session } of sessions) {
        const trips = await runSeries(session, requestsPerRound, containerSocket);
        const kept = results[key] ?? { keepAlive: [], fresh: [] };
        kept.keepAlive.push(...trips.keepAlive);
        kept.fresh.push(...trips.fresh);
        results[key] = kept;
      }
    }
  } finally {
    await Promise.allSettled(sessions.map(({ session }) => session.destroy()));
  }
  const expected = requestsSent(variants.length, requestsPerRound, rounds);
  if (server.answered() - before !== expected) {
    throw new Error(`the host server answered ${server.answered() - before} requests, expected ${expected}`);
  }
  return results;
}
