// The real `openai` provider behind the gateway, against a fake OpenAI-compatible server that
// misbehaves: 429 with Retry-After, 500, slow responses and malformed JSON are retried with
// backoff; client errors are not; attempts are bounded; unknown models are priced as unknown.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Archive } from "../../archive/index.ts";
import { createGateway, createOpenAIProvider, createPricing, type Gateway } from "../../src/llm/index.ts";
import { closeTestArchives, type FakeOpenAI, identity, openTestArchive, startFakeOpenAI } from "./support.ts";

const ask = { messages: [{ role: "user" as const, content: "hi" }], temperature: 0.3, max_tokens: 50 };

describe("openai provider through the gateway", () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(async () => {
    closeTestArchives();
    await fake.close();
  });

  function gatewayFor(model: string, archive: Archive, warn?: (message: string) => void): Gateway {
    const provider = createOpenAIProvider({ model, baseUrl: fake.baseUrl, apiKey: "sk-test-secret", timeoutMs: 300 });
    return createGateway({
      archive,
      providers: { solve: provider },
      pricing: createPricing({}, warn),
      retry: { maxAttempts: 6, baseDelayMs: 10, maxDelayMs: 2000 },
    });
  }

  it("retries 429 (honouring Retry-After), 500, a slow response and malformed JSON, then succeeds", async () => {
    fake.received.length = 0;
    fake.queue = [
      { kind: "status", status: 429, headers: { "retry-after": "1" } },
      { kind: "status", status: 500 },
      { kind: "slow", delayMs: 1500 },
      { kind: "malformed" },
      { kind: "ok", content: "finally" },
    ];
    const archive = await openTestArchive();
    const gateway = gatewayFor("gpt-4.1-mini", archive);
    const started = Date.now();
    const reply = await gateway.call(identity(), "solve", ask);
    expect(reply.choices[0]?.message.content).toBe("finally");
    expect(fake.received).toHaveLength(5);
    // Our own backoff starts at 10 ms: only the server's Retry-After explains a wait of a second.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(fake.received[0]?.authorization).toBe("Bearer sk-test-secret");
    expect(archive.calls).toHaveLength(1);
    const [row] = archive.calls;
    expect(row).toMatchObject({ error: null, model: "gpt-4.1-mini", promptTokens: 100, completionTokens: 20 });
    expect(row?.costUsd).toBeCloseTo((100 * 0.4 + 20 * 1.6) / 1e6, 12);
  });

  it("does not retry a 400, bounds attempts on persistent 500s, and records the failures", async () => {
    const archive = await openTestArchive();
    const gateway = gatewayFor("gpt-4.1-mini", archive);
    fake.received.length = 0;
    fake.queue = [{ kind: "status", status: 400 }];
    await expect(gateway.call(identity(), "solve", ask)).rejects.toThrow(/^model call failed: 400 fake 400/);
    expect(fake.received).toHaveLength(1);

    fake.received.length = 0;
    fake.queue = Array.from({ length: 10 }, () => ({ kind: "status" as const, status: 503 }));
    await expect(gateway.call(identity(), "solve", ask)).rejects.toThrow(/^model call failed: 503 .*after 6 attempts/);
    expect(fake.received).toHaveLength(6);
    fake.queue = [];
    expect(archive.calls.map((call) => call.error !== null)).toEqual([true, true]);
    expect(archive.calls[1]?.response).toBeNull();
  });

  it("adapts parameters for reasoning models in one place", async () => {
    fake.received.length = 0;
    await gatewayFor("o3-mini", await openTestArchive()).call(identity(), "solve", ask);
    const body = fake.received[0]?.body;
    expect(body).toMatchObject({ model: "o3-mini", max_completion_tokens: 50 });
    expect(body).not.toHaveProperty("temperature");
    expect(body).not.toHaveProperty("max_tokens");

    fake.received.length = 0;
    await gatewayFor("gpt-4o", await openTestArchive()).call(identity(), "solve", ask);
    expect(fake.received[0]?.body).toMatchObject({ model: "gpt-4o", max_tokens: 50, temperature: 0.3 });
  });

  it("records an unknown model's calls with unknown cost and warns once", async () => {
    const archive = await openTestArchive();
    const warn = vi.fn();
    const gateway = gatewayFor("mystery-model-7b", archive, warn);
    const session = identity();
    await gateway.call(session, "solve", ask);
    await gateway.call(session, "solve", ask);
    expect(archive.calls.map((call) => call.costUsd)).toEqual([null, null]);
    expect(archive.calls.map((call) => call.promptTokens)).toEqual([100, 100]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/no price known for model "mystery-model-7b"/);
    expect(gateway.usageOf(session.sessionId)).toMatchObject({ calls: 2, costUsd: null, promptTokens: 200 });
  });
});
