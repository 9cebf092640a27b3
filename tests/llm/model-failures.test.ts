// What a failing model server means, through the real gateway, the real `openai` provider and real
// HTTP to a fake OpenAI-compatible server: each failure gets its kind, one line in the server's own
// words, the status an agent sees, whether it is retried, and whether it stops the run.
import { beforeEach, describe, expect, it } from "vitest";
import type { Archive } from "../../archive/index.ts";
import { createGateway, createOpenAIProvider, createPricing, type Gateway, type Role } from "../../src/llm/index.ts";
import { identity, openTestArchive, postChat, rawCompletion, useFakeOpenAI } from "./support.ts";

const KEY = "sk-test-0123456789abcdefSECRET";
const ask = { messages: [{ role: "user" as const, content: "hi" }], max_tokens: 50 };

function openAIError(message: string, code: string | null = null, type = "invalid_request_error") {
  return { error: { message, type, code, param: null } };
}

describe("model failures through the gateway", () => {
  const fake = useFakeOpenAI();
  let archive: Archive;
  beforeEach(async () => {
    archive = await openTestArchive();
  });

  function gatewayFor(model = "gpt-4.1-mini", timeoutMs = 2_000): Gateway {
    const provider = createOpenAIProvider({ model, baseUrl: fake().baseUrl, apiKey: KEY, timeoutMs });
    return createGateway({
      archive,
      providers: { solve: provider, diagnose: provider },
      pricing: createPricing(),
      retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 2_000 },
    });
  }

  async function failure(gateway: Gateway, role: Role = "solve", purpose: "solve" | "diagnose" = "solve") {
    const caller = identity({ purpose });
    const error = await gateway.call(caller, role, ask).then(
      () => undefined,
      (thrown: unknown) => thrown as { status: number; message: string; code: string; final: boolean },
    );
    return { error, usage: gateway.usageOf(caller.sessionId) };
  }

  it("a 401 is sent once, keeps its status and the server's words without the key, and stops every later call", async () => {
    // Servers quote (part of) the key they were given; none of it may travel on.
    fake().queue = [
      { kind: "raw", status: 401, body: openAIError(`Incorrect API key provided: ${KEY.slice(0, 12)}***`) },
    ];
    const gateway = gatewayFor();
    const { error, usage } = await failure(gateway);
    expect(error?.status).toBe(401);
    expect(error?.final).toBe(true);
    expect(error?.message).toMatch(
      /^model call failed: 401 Incorrect API key provided: \[key\]\*\*\* \(model gpt-4\.1-mini at http/,
    );
    expect(error?.message).not.toContain(KEY.slice(0, 10));
    expect(error?.message).not.toContain("\n");
    expect(fake().received).toHaveLength(1);
    expect(usage?.modelFailure).toMatchObject({ kind: "auth", status: 401, fatal: true, agentsOwn: false });
    expect(gateway.modelFailure()?.fix).toMatch(/apiKeyEnv \(default OPENAI_API_KEY\)/);

    // A later call of the same role fails at once: the server is not asked again.
    const again = await failure(gateway);
    expect(again.error?.status).toBe(401);
    expect(again.error?.message).toMatch(/not sent: an earlier call failed this way/);
    expect(fake().received).toHaveLength(1);
    expect(archive.listModelCalls({}).map((call) => call.error?.slice(0, 3))).toEqual(["401"]);
  });

  it("an agent's socket sees the upstream status, told not to retry it", async () => {
    fake().queue = [
      { kind: "raw", status: 404, body: openAIError("The model `gpt-9` does not exist", "model_not_found") },
    ];
    const gateway = gatewayFor("gpt-9");
    const session = await gateway.openSession({ identity: identity(), role: "solve" });
    try {
      const reply = await postChat(session.socketPath, ask);
      expect(reply.status).toBe(404);
      expect(reply.headers["x-should-retry"]).toBe("false");
      expect(reply.body).toMatchObject({
        error: {
          type: "upstream_error",
          code: "upstream_404",
          message: expect.stringMatching(/^model call failed: 404 The model `gpt-9` does not exist/),
        },
      });
      expect(session.usage().modelFailure).toMatchObject({ kind: "model_not_found", fatal: true });
      expect(gateway.modelFailure()?.fix).toMatch(/does not serve this model/);
    } finally {
      await session.close();
    }
  });

  it("a 400 is final but stops the run only when dgm built the request itself (the diagnoser)", async () => {
    const body = openAIError("Unsupported value: 'reasoning_effort' does not support 'extreme'");
    fake().queue = [{ kind: "raw", status: 400, body }];
    const gateway = gatewayFor();
    const agents = await failure(gateway, "solve", "solve");
    expect(agents.error?.status).toBe(400);
    expect(agents.usage?.modelFailure).toMatchObject({ kind: "bad_request", fatal: false, agentsOwn: false });
    expect(gateway.modelFailure()).toBeNull();
    expect(fake().received).toHaveLength(1);

    fake().queue = [{ kind: "raw", status: 400, body }];
    const host = await failure(gateway, "diagnose", "diagnose");
    expect(host.error?.status).toBe(400);
    expect(gateway.modelFailure()).toMatchObject({ kind: "bad_request", fatal: true });
    expect(gateway.modelFailure()?.fix).toMatch(/models\.<role>\.params/);
  });

  it("a context-length 400 is the agent's own doing: a real result, not an infrastructure error", async () => {
    fake().queue = [
      {
        kind: "raw",
        status: 400,
        body: openAIError("This model's maximum context length is 8192 tokens.", "context_length_exceeded"),
      },
    ];
    const { error, usage } = await failure(gatewayFor());
    expect(error?.status).toBe(400);
    expect(usage?.errors).toBe(1);
    expect(usage?.modelFailure).toBeUndefined();
  });

  it("429 with Retry-After and 500 are retried; when they outlast the retries the agent may try later", async () => {
    fake().queue = [
      { kind: "status", status: 429, headers: { "retry-after": "0.2" } },
      { kind: "status", status: 500 },
      { kind: "raw", body: rawCompletion({ message: { role: "assistant", content: "ok" } }) },
    ];
    const gateway = gatewayFor();
    const reply = await gateway.call(identity(), "solve", ask);
    expect(reply.choices[0]?.message.content).toBe("ok");
    expect(fake().received).toHaveLength(3);

    fake().received.length = 0;
    fake().queue = Array.from({ length: 4 }, () => ({ kind: "status" as const, status: 429 }));
    const limited = await failure(gateway);
    expect(fake().received).toHaveLength(4);
    expect(limited.error?.status).toBe(503);
    expect(limited.error?.final).toBe(false);
    expect(limited.error?.message).toMatch(/^model call failed: 429 .*\(after 4 attempts\)/);
    expect(limited.usage?.modelFailure).toMatchObject({ kind: "rate_limited", fatal: false });

    fake().queue = Array.from({ length: 4 }, () => ({ kind: "status" as const, status: 500 }));
    const broken = await failure(gateway);
    expect(broken.error?.status).toBe(502);
    expect(broken.usage?.modelFailure).toMatchObject({ kind: "server_error", status: 500, fatal: false });
    expect(gateway.modelFailure()).toBeNull();
  });

  it("a server that does not answer in time is a timeout (504) with the fix for slow local models", async () => {
    fake().queue = Array.from({ length: 4 }, () => ({ kind: "slow" as const, delayMs: 1_000 }));
    const { error, usage } = await failure(gatewayFor("gpt-4.1-mini", 150));
    expect(error?.status).toBe(504);
    expect(usage?.modelFailure).toMatchObject({ kind: "timeout", fatal: false });
    expect(usage?.modelFailure?.fix).toMatch(/timeoutSeconds/);
  });

  it("nothing listening at the endpoint is unreachable, with the endpoint named", async () => {
    const provider = createOpenAIProvider({ model: "gpt-4.1-mini", baseUrl: "http://127.0.0.1:9/v1", apiKey: KEY });
    const gateway = createGateway({
      archive,
      providers: { solve: provider },
      pricing: createPricing(),
      retry: { maxAttempts: 2, baseDelayMs: 5 },
    });
    const { error, usage } = await failure(gateway);
    expect(error?.status).toBe(502);
    expect(usage?.modelFailure).toMatchObject({ kind: "unreachable", fatal: true });
    expect(usage?.modelFailure?.message).toMatch(
      /^model call failed: Connection error \(fetch failed\) \(after 2 attempts\) \(model gpt-4\.1-mini at http:\/\/127\.0\.0\.1:9\/v1\)$/,
    );
    expect(usage?.modelFailure?.fix).toMatch(/check OPENAI_BASE_URL/);
  });
});
