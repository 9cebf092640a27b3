// A run whose model is misconfigured stops at the first refusal, says how to fix it, and keeps nothing
// it learned from the failing calls as a verdict: the real loop on in-process services, the real
// gateway and `openai` package, and a local OpenAI-compatible server (real HTTP) that refuses the key.
import { afterAll, beforeAll, expect, it } from "vitest";
import { exitCodeOfStop } from "../../src/evolve/stop-reason.ts";
import type { ModelsConfig } from "../../src/llm/index.ts";
import { type FakeOpenAI, startFakeOpenAI } from "../llm/support.ts";
import { loopOptions, newRun, runLoop, testHome } from "./loop-support.ts";

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
  fake.otherwise = {
    kind: "raw",
    status: 401,
    body: { error: { message: "Incorrect API key provided.", type: "invalid_request_error", code: "invalid_api_key" } },
  };
});
afterAll(() => fake.close());

const refusedRole = (): ModelsConfig["solve"] => ({ provider: "openai", model: "gpt-4.1-mini", baseUrl: fake.baseUrl });
const sim: ModelsConfig["solve"] = { provider: "sim", model: "dgm-sim" };

it("a refused key while evaluating the seed fails the run at once, with the fix, and admits nothing", async () => {
  fake.received.length = 0;
  const { home, open } = await testHome();
  const archive = await open();
  const options = loopOptions({ workers: 2 });
  const run = newRun(archive, options);
  const result = await runLoop(home, archive, run, options, {
    seams: { models: { solve: refusedRole(), diagnose: refusedRole() } },
  });
  expect(result.status).toBe("failed");
  expect(result.stop.kind).toBe("failed");
  expect(exitCodeOfStop(result.stop)).toBe(1);
  // Said once: the kind says "failed", the message does not repeat it.
  expect(result.stop.message).toMatch(
    /^model call failed: 401 Incorrect API key provided\. \(model gpt-4\.1-mini at http:\/\/127\.0\.0\.1:\d+\/v1\) — fix: the server refused the key/,
  );
  expect(archive.getRun(run.id)).toMatchObject({ status: "failed", stopReason: result.stop.message });
  // At most the calls already in flight when the first refusal came back; not one per task.
  expect(fake.received.length).toBeGreaterThan(0);
  expect(fake.received.length).toBeLessThanOrEqual(options.workers);
  const [seed] = archive.listAgents(run.id);
  expect(seed?.status).toBe("evaluating");
  expect(seed?.scores).toEqual({});
  const rows = archive.listEvaluations({ agentId: seed?.id });
  expect(rows.every((row) => row.status === "error")).toBe(true);
  expect(rows.length).toBeLessThan(10);
  expect(archive.listAttempts(run.id)).toEqual([]);
});

it("a refused key for the diagnoser stops the run after the first attempt, which --resume redoes", async () => {
  fake.received.length = 0;
  const { home, open } = await testHome();
  const archive = await open();
  const options = loopOptions({ workers: 1 });
  const run = newRun(archive, options);
  const result = await runLoop(home, archive, run, options, {
    seams: { models: { solve: sim, diagnose: refusedRole() } },
  });
  expect(result.status).toBe("failed");
  expect(result.stop.kind).toBe("failed");
  expect(result.stop.message).toMatch(/^model call failed: 401 Incorrect API key provided\./);
  expect(fake.received).toHaveLength(1);
  const attempts = archive.listAttempts(run.id);
  expect(attempts).toHaveLength(1);
  // Not the parent's fault and not counted against --max-generations: abandoned, so a resumed run redoes it.
  expect(attempts[0]?.status).toBe("abandoned");
  expect(attempts[0]?.failureReason).toMatch(/^stopped: model call failed: 401/);
});
