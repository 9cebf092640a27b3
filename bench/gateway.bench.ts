// Latency the gateway adds per call: an agent's request over the unix socket → limits → provider
// (the real `openai` client) → a local fake OpenAI-compatible server → recording in a real archive,
// against calling the same fake server directly with the same client. Target: < 2 ms median added.
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openArchive } from "../archive/index.ts";
import { type ChatRequest, createGateway, createOpenAIProvider, createPricing } from "../src/llm/index.ts";
import { cannedCompletion } from "./engines/chat-server.ts";

const rounds = Number(process.env.BENCH_ROUNDS ?? 400);
const warmup = 50;
const body: ChatRequest = {
  messages: [
    { role: "system", content: "You are a coding agent. ".repeat(40) },
    { role: "user", content: "Implement the function in src/clamp.js. ".repeat(20) },
  ],
};
const canned = cannedCompletion("gpt-4.1-mini");

const fake = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(canned);
  });
});
await new Promise<void>((resolve) => fake.listen(0, "127.0.0.1", resolve));
const baseUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}/v1`;

const home = mkdtempSync(join(tmpdir(), "dgm-bench-gateway-"));
const archive = await openArchive(home);
const provider = createOpenAIProvider({ model: "gpt-4.1-mini", baseUrl, apiKey: "bench" });
const gateway = createGateway({ archive, providers: { solve: provider }, pricing: createPricing() });
const caller = {
  runId: "bench",
  agentId: null,
  attemptId: null,
  evaluationKey: null,
  taskId: null,
  purpose: "other" as const,
  sessionId: "bench-session",
};
const session = await gateway.openSession({ identity: caller, role: "solve" });
const socketAgent = new Agent({ keepAlive: true, maxSockets: 1 });
const payload = JSON.stringify(body);

function viaGateway(): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        socketPath: session.socketPath,
        path: "/v1/chat/completions",
        method: "POST",
        agent: socketAgent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
      },
      (res) => {
        res.resume();
        res.on("end", () => (res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}
const direct = () => provider.complete(body, { caller, role: "solve", seed: 0, seq: 0 }).then(() => undefined);

async function time(fn: () => Promise<void>): Promise<number> {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e6;
}
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const p90 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.9)]!;

for (let i = 0; i < warmup; i++) {
  await direct();
  await viaGateway();
}
const directTimes: number[] = [];
const gatewayTimes: number[] = [];
for (let i = 0; i < rounds; i++) {
  directTimes.push(await time(direct));
  gatewayTimes.push(await time(viaGateway));
}
const added = median(gatewayTimes) - median(directTimes);
console.log(`gateway bench: ${rounds} calls each, interleaved (archive recording included)`);
console.log(
  `  direct to fake provider : median ${median(directTimes).toFixed(3)} ms, p90 ${p90(directTimes).toFixed(3)} ms`,
);
console.log(
  `  through the gateway     : median ${median(gatewayTimes).toFixed(3)} ms, p90 ${p90(gatewayTimes).toFixed(3)} ms`,
);
console.log(
  `  added per call          : ${added.toFixed(3)} ms (ratio ${(median(gatewayTimes) / median(directTimes)).toFixed(2)}×; target < 2 ms: ${added < 2 ? "met" : "MISSED"})`,
);
console.log(`  calls recorded          : ${archive.listModelCalls({ runId: "bench" }).length}`);

socketAgent.destroy();
await gateway.close();
archive.close();
rmSync(home, { recursive: true, force: true });
fake.closeAllConnections();
fake.close();
