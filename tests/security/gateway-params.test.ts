// What an agent's request may carry to a model: the gateway forwards an allowlist of fields, forces
// one answer, holds the output limit to the session's cap, and drops everything that changes the
// price, what the provider stores, or what it fetches — naming what it dropped to the agent and in
// the call record. A field it would forward but cannot read is a 400 that reaches no provider.
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  type ChatRequest,
  createGateway,
  createPricing,
  createProvider,
  createScriptedProvider,
  type Gateway,
} from "../../src/llm/index.ts";
import {
  closeTestArchives,
  type FakeOpenAI,
  identity,
  openTestArchive,
  postChat,
  startFakeOpenAI,
} from "../llm/support.ts";

const forwardable = new Set([
  "messages",
  "tools",
  "tool_choice",
  "parallel_tool_calls",
  "temperature",
  "top_p",
  "presence_penalty",
  "frequency_penalty",
  "stop",
  "seed",
  "response_format",
  "reasoning_effort",
  "max_tokens",
  "max_completion_tokens",
]);

const forbidden = {
  n: 64,
  max_tokens: 1_000_000,
  service_tier: "priority",
  store: true,
  metadata: { owner: "agent" },
  audio: { voice: "alloy", format: "wav" },
  modalities: ["text", "audio"],
  web_search_options: { search_context_size: "high" },
  prediction: { type: "content", content: "x".repeat(100) },
  logprobs: true,
  top_logprobs: 20,
  user: "agent-7",
  logit_bias: { "50256": -100 },
  functions: [{ name: "legacy", parameters: {} }],
  stream: false,
  stream_options: { include_usage: true },
  extra_body: { service_tier: "priority" },
};

/** An agent's request: legitimate fields, the forbidden ones, and extras hidden inside messages and tools. */
function greedyRequest(): Record<string, unknown> {
  return {
    model: "gpt-4.1-the-agent-wants",
    messages: [
      { role: "system", content: "You are a coding agent.", name: "boss" },
      // Text parts, as many clients send them: joined into one string.
      {
        role: "user",
        content: [
          { type: "text", text: "Fix " },
          { type: "text", text: "the bug." },
        ],
      },
      { role: "assistant", content: null, audio: { id: "audio_1" }, tool_calls: [] },
    ],
    tools: [
      {
        type: "function",
        function: { name: "bash", parameters: { type: "object", properties: { command: { type: "string" } } } },
        cache_control: { type: "ephemeral" },
      },
    ],
    tool_choice: "auto",
    temperature: 0.2,
    seed: 7,
    ...forbidden,
  };
}

/** A function tool whose parameter schema nests `depth` levels: only there to overflow a stack. */
function deeplyNestedTool(depth: number): Record<string, unknown> {
  let schema: Record<string, unknown> = { type: "string" };
  for (let level = 0; level < depth; level += 1) schema = { type: "object", properties: { inner: schema } };
  return { type: "function", function: { name: "deep", parameters: schema } };
}

const notesOf = (body: unknown): string[] => (body as { gateway_notes?: string[] }).gateway_notes ?? [];

describe("gateway request allowlist", () => {
  let gateway: Gateway | undefined;
  let fake: FakeOpenAI | undefined;
  afterEach(async () => {
    await gateway?.close();
    gateway = undefined;
  });
  afterAll(async () => {
    closeTestArchives();
    await fake?.close();
  });

  it("hands the provider only allowlisted fields, one answer and a capped output limit, and names what it dropped", async () => {
    const archive = await openTestArchive();
    const seen: ChatRequest[] = [];
    const record = (request: ChatRequest) => {
      seen.push(structuredClone(request));
      return "ok";
    };
    const provider = createScriptedProvider({ scripts: { default: [record, record] } });
    gateway = createGateway({ archive, providers: { solve: provider }, pricing: createPricing() });
    const session = await gateway.openSession({
      identity: identity(),
      role: "solve",
      limits: { maxOutputTokensPerCall: 2048 },
    });

    const reply = await postChat(session.socketPath, greedyRequest());
    expect(reply.status).toBe(200);
    const [forwarded] = seen;
    expect(Object.keys(forwarded ?? {}).every((key) => forwardable.has(key))).toBe(true);
    expect(forwarded).toEqual({
      messages: [
        { role: "system", content: "You are a coding agent." },
        { role: "user", content: "Fix the bug." },
        { role: "assistant", content: null, tool_calls: [] },
      ],
      tools: [
        {
          type: "function",
          function: { name: "bash", parameters: { type: "object", properties: { command: { type: "string" } } } },
        },
      ],
      tool_choice: "auto",
      temperature: 0.2,
      seed: 7,
      max_tokens: 2048,
    });

    const notes = notesOf(reply.body);
    const dropped = notes.find((note) => note.startsWith("dropped fields"));
    for (const name of [
      "service_tier",
      "store",
      "metadata",
      "audio",
      "modalities",
      "web_search_options",
      "prediction",
      "logprobs",
      "top_logprobs",
      "user",
      "logit_bias",
      "functions",
      "stream_options",
      "extra_body",
      "messages[].name",
      "messages[].audio",
      "tools[].cache_control",
    ]) {
      expect(dropped).toContain(name);
    }
    expect(notes).toContain("n forced to 1: the gateway returns one answer per call");
    expect(notes.some((note) => note.includes("max_tokens 1000000 lowered to the session's cap of 2048"))).toBe(true);
    // The call record holds what was forwarded and what the agent was told.
    const [row] = archive.calls;
    expect(row?.request).toEqual(forwarded);
    expect(row?.response).toMatchObject({ gateway_notes: notes });

    // Host-side calls (the diagnoser's) pass the same policy.
    await gateway.call(identity(), "solve", greedyRequest() as unknown as ChatRequest);
    expect(seen[1]).toEqual({ ...forwarded, max_tokens: 16_384 });
  });

  it("sends upstream only allowlisted fields, with the host's key in the Authorization header and nowhere else", async () => {
    fake = await startFakeOpenAI();
    // As in a run: the key is in the gateway process's environment, named by the role's configuration.
    // tests/global-setup.ts puts a canary there for every worker; one is made here if it did not.
    process.env.DGM_TEST_CANARY_KEY ??= `sk-canary-${randomBytes(16).toString("hex")}`;
    const canary = process.env.DGM_TEST_CANARY_KEY;
    const archive = await openTestArchive();
    const provider = createProvider({
      provider: "openai",
      model: "gpt-4.1-mini",
      baseUrl: fake.baseUrl,
      apiKeyEnv: "DGM_TEST_CANARY_KEY",
    });
    gateway = createGateway({ archive, providers: { solve: provider }, pricing: createPricing() });
    const session = await gateway.openSession({ identity: identity(), role: "solve" });

    const reply = await postChat(session.socketPath, { ...greedyRequest(), api_key: "agent-guess" });
    expect(reply.status).toBe(200);
    const [received] = fake.received;
    expect(received?.authorization).toBe(`Bearer ${canary}`);
    const upstream = received?.body ?? {};
    expect(Object.keys(upstream).filter((key) => key !== "model" && !forwardable.has(key))).toEqual([]);
    expect(upstream).toMatchObject({ model: "gpt-4.1-mini", max_tokens: 16_384 });
    expect(upstream).not.toHaveProperty("n");
    for (const text of [JSON.stringify(upstream), JSON.stringify(reply.body), JSON.stringify(archive.calls)]) {
      expect(text).not.toContain(canary);
      expect(text).not.toContain("priority");
    }
  });

  it("answers a malformed forwarded field with a 400 that names it, and calls no provider", async () => {
    const archive = await openTestArchive();
    // No script steps: any call that reached the provider would fail loudly as a 502.
    const provider = createScriptedProvider({ scripts: {} });
    gateway = createGateway({ archive, providers: { solve: provider }, pricing: createPricing() });
    const session = await gateway.openSession({ identity: identity(), role: "solve" });
    const user = { role: "user", content: "hi" };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ messages: "hi" }, /'messages' Invalid input: expected array/],
      [
        { messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "http://example.com/x" } }] }] },
        /'messages\[0\]\.content.*' must be a string or text parts/,
      ],
      [{ messages: [{ role: "narrator", content: "x" }] }, /'messages\[0\]\.role'/],
      [{ messages: [user], tools: [{ type: "web_search" }] }, /'tools\[0\]\.type' only tools of type "function"/],
      [{ messages: [user], temperature: "hot" }, /'temperature'/],
      [{ messages: [user], max_tokens: -5 }, /'max_tokens'/],
      [{ messages: [user], tools: [deeplyNestedTool(200)] }, /nests deeper than 64 levels/],
    ];
    for (const [body, message] of cases) {
      const reply = await postChat(session.socketPath, body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body).toMatchObject({ error: { type: "invalid_request_error", message } });
    }
    expect(archive.calls).toEqual([]);
    expect(session.usage().calls).toBe(0);
  });
});
