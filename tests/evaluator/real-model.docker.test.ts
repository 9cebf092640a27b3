// The seed agent in the real sandbox, talking through the real gateway and the real `openai` package
// to a local OpenAI-compatible server (real HTTP) that answers like the servers users point dgm at:
// a refused key, tool calls in the dialects local servers speak, replies without usage, cached tokens.
// Each case checks what the user is told, whether the result is cached, and what it cost.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Archive, openArchive } from "../../archive/index.ts";
import { buildAgent } from "../../evaluator/agent-runner/index.ts";
import {
  ContainerSlots,
  type EvaluateAgentResult,
  evaluateAgent,
  loadSuite,
  type Task,
} from "../../evaluator/index.ts";
import { type ChatRequest, createGateway, createOpenAIProvider, createPricing } from "../../src/llm/index.ts";
import { type FakeOpenAI, rawCompletion, startFakeOpenAI } from "../llm/support.ts";
import { describeDocker, testSandbox } from "../support/docker.ts";

const seedDir = new URL("../../agents/seed/", import.meta.url).pathname;
const dgm = new URL("../../bin/dgm.mjs", import.meta.url).pathname;
const BAD_KEY = "sk-wrong-key-0123456789abcdef";
const GOOD_KEY = "sk-good-key-0123456789abcdef";

/** How the fake server writes its one tool call: the dialects real servers speak. */
type Dialect = "openai" | "object-arguments-no-id" | "tool_call-text";

describeDocker("the seed agent against a real-model server", () => {
  const work = mkdtempSync(join(tmpdir(), "dgm-real-model-"));
  const [task] = loadSuite("builtin:fn-js-run-length") as [Task];
  const solution = task.reference["rle.js"]?.toString() ?? "";
  const editorArguments = { command: "create", path: "rle.js", file_text: solution };
  let fake: FakeOpenAI;
  let archive: Archive;
  let seedBundle = "";
  let runId = "";
  let tree = "";

  /** A server that follows the conversation: the solution in one tool call, then a summary. */
  const solver =
    (dialect: Dialect, usage: Record<string, unknown> | null) =>
    (body: ChatRequest & Record<string, unknown>): unknown => {
      const toolDone = body.messages.some((message) => message.role === "tool");
      if (toolDone) return rawCompletion({ message: { role: "assistant", content: "Done." }, usage });
      if (dialect === "tool_call-text") {
        const text = `I will write the file.\n<tool_call>\n${JSON.stringify({ name: "editor", arguments: editorArguments })}\n</tool_call>`;
        return rawCompletion({ message: { role: "assistant", content: text }, usage });
      }
      const call =
        dialect === "openai"
          ? { id: "call_1", type: "function", function: { name: "editor", arguments: JSON.stringify(editorArguments) } }
          : { type: "function", function: { name: "editor", arguments: editorArguments } };
      return rawCompletion({
        message: { role: "assistant", content: null, tool_calls: [call] },
        finish_reason: "tool_calls",
        usage,
      });
    };

  // Each case has its own model key: the cache (agent tree, task, model, seed) must not answer for another case.
  const evaluate = async (agentId: string, apiKey: string, modelKey: string): Promise<EvaluateAgentResult> => {
    const gateway = createGateway({
      archive,
      providers: { solve: createOpenAIProvider({ model: "gpt-4.1-mini", baseUrl: fake.baseUrl, apiKey }) },
      pricing: createPricing(),
      retry: { maxAttempts: 3, baseDelayMs: 5 },
    });
    try {
      return await evaluateAgent({
        archive,
        sandbox: testSandbox(),
        gateway,
        agent: { id: agentId, tree, bundleFile: seedBundle },
        runId,
        stages: [{ name: "small", tasks: [task] }],
        seed: 1,
        modelKey,
        slots: new ContainerSlots(1),
        limits: { wallSeconds: 60, maxSteps: 6 },
        halted: () => gateway.modelFailure()?.message ?? null,
      });
    } finally {
      await gateway.close();
    }
  };
  const newAgent = () => archive.createAgent({ runId, parentId: null, commit: "0".repeat(40), tree, generation: 0 }).id;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    archive = await openArchive(join(work, "home"));
    const bundle = await buildAgent({ sandbox: testSandbox(), sourceDir: seedDir, outFile: join(work, "seed.mjs") });
    if (!bundle.ok) throw new Error(`${bundle.stage}: ${bundle.reason}`);
    seedBundle = bundle.outFile;
    runId = archive.createRun({ config: { test: "real-model" }, seed: 1 }).id;
    tree = (await archive.store.importDir(seedDir, "seed")).tree;
  }, 180_000);
  afterAll(async () => {
    await fake.close();
    archive.close();
    rmSync(work, { recursive: true, force: true });
  });

  it("a refused key is an error, sent once, never cached; with the key fixed the task runs and cached input is priced at its rate", {
    timeout: 180_000,
  }, async () => {
    fake.received.length = 0;
    fake.queue = [
      {
        kind: "raw",
        status: 401,
        body: { error: { message: "Incorrect API key provided: sk-wrong-k***cdef.", code: "invalid_api_key" } },
      },
    ];
    const agentId = newAgent();
    const refused = await evaluate(agentId, BAD_KEY, "refused-key");
    const [row] = refused.results;
    expect(row?.status).toBe("error");
    expect(row?.warnings[0]).toMatch(
      /^model call failed: 401 Incorrect API key provided: \[key\]\*\*\*cdef\. \(model gpt-4\.1-mini at http/,
    );
    // The agent stopped at the first refusal: one request, not the seed's three retries of a "502".
    expect(fake.received).toHaveLength(1);
    expect(refused.haltedBy).toMatch(/^model call failed: 401/);
    const trajectory = archive.readBlob(row?.trajectoryRef ?? "")?.toString() ?? "";
    expect(trajectory).toMatch(/"type":"end","reason":"gateway replied 401: model call failed: 401 Incorrect API key/);
    expect(trajectory).not.toContain(BAD_KEY);

    // Fixed key: the same agent, task, model and seed run again (an error is never a cached verdict).
    const usage = {
      prompt_tokens: 1000,
      completion_tokens: 50,
      total_tokens: 1050,
      prompt_tokens_details: { cached_tokens: 800 },
    };
    fake.otherwise = { kind: "respond", answer: solver("openai", usage) };
    const fixed = await evaluate(agentId, GOOD_KEY, "refused-key");
    fake.otherwise = undefined;
    expect(fixed.results[0]).toMatchObject({ status: "passed", testsPassed: 6 });
    expect(fixed.haltedBy).toBeNull();
    // Two calls, each 200 fresh + 800 cached input tokens and 50 output tokens at gpt-4.1-mini's rates.
    const perCall = (200 * 0.4 + 800 * 0.1 + 50 * 1.6) / 1e6;
    expect(fixed.results[0]?.costUsd).toBeCloseTo(2 * perCall, 12);
  });

  for (const dialect of ["tool_call-text", "object-arguments-no-id"] as const) {
    it(`a tool call written as ${dialect} is carried out, and a server sending no usage is priced as estimated`, {
      timeout: 120_000,
    }, async () => {
      fake.received.length = 0;
      fake.otherwise = { kind: "respond", answer: solver(dialect, null) };
      const result = await evaluate(newAgent(), GOOD_KEY, dialect);
      fake.otherwise = undefined;
      expect(result.results[0]).toMatchObject({ status: "passed", testsPassed: 6 });
      const calls = archive.listModelCalls({ runId }).slice(-2);
      expect(calls.map((call) => call.usageEstimated)).toEqual([true, true]);
      // The estimate counts the tool schemas the agent sent, not only its messages.
      const request = fake.received[0]?.body;
      const messagesOnly = Math.ceil(JSON.stringify(request?.messages).length / 4);
      expect(calls[0]?.promptTokens).toBeGreaterThan(messagesOnly + 100);
    });
  }

  it("a reply that claims tool calls but carries none usable is an error the agent sees, never 'finished'", {
    timeout: 120_000,
  }, async () => {
    fake.otherwise = {
      kind: "respond",
      answer: () =>
        rawCompletion({
          message: { role: "assistant", content: "<tool_call>{not json</tool_call>" },
          finish_reason: "tool_calls",
        }),
    };
    const result = await evaluate(newAgent(), GOOD_KEY, "no-usable-call");
    fake.otherwise = undefined;
    const [row] = result.results;
    expect(row?.status).toBe("error");
    expect(row?.warnings[0]).toMatch(/^model call failed: .*tool call/);
    const trajectory = archive.readBlob(row?.trajectoryRef ?? "")?.toString() ?? "";
    expect(trajectory).not.toContain('"reason":"finished"');
    expect(trajectory).toMatch(/"type":"end","reason":"gateway replied 502: model call failed: /);
  });

  it("`dgm eval` and `dgm agent run` say what failed in one line, with the fix; eval is not cached afterwards", {
    timeout: 240_000,
  }, async () => {
    const home = join(work, "cli-home");
    const env = { OPENAI_BASE_URL: fake.baseUrl, OPENAI_API_KEY: BAD_KEY, DGM_HOME: home, NO_COLOR: "1", CI: "" };
    const refusal = { kind: "raw" as const, status: 401, body: { error: { message: "Incorrect API key provided." } } };
    fake.queue = [refusal];
    const args = ["eval", seedDir, "--suite", "builtin:fn-js-run-length", "--model", "openai:gpt-4.1-mini"];
    const refused = await execa("node", [dgm, ...args], { env, reject: false });
    expect(refused.exitCode).toBe(1);
    expect(refused.stdout).toMatch(/fn-js-run-length\s+error/);
    expect(refused.stdout).toMatch(
      /^not scored: model call failed: 401 Incorrect API key provided\. \(model gpt-4\.1-mini at http\S+\) — fix: the server refused the key/m,
    );

    fake.otherwise = { kind: "respond", answer: solver("openai", null) };
    const fixed = await execa("node", [dgm, ...args], { env: { ...env, OPENAI_API_KEY: GOOD_KEY }, reject: false });
    fake.otherwise = undefined;
    expect(fixed.exitCode).toBe(0);
    expect(fixed.stdout).toMatch(/fn-js-run-length\s+passed\s+6\/6/);
    expect(fixed.stdout).not.toMatch(/cached/);

    mkdirSync(join(work, "empty-ws"));
    const instructions = join(work, "task.md");
    writeFileSync(instructions, "Create rle.js.");
    fake.queue = [refusal];
    const agentRun = await execa(
      "node",
      [
        dgm,
        "agent",
        "run",
        "seed",
        "--workspace",
        join(work, "empty-ws"),
        "--instructions",
        instructions,
        "--model",
        "openai:gpt-4.1-mini",
      ],
      { env, reject: false },
    );
    expect(agentRun.exitCode).toBe(1);
    expect(agentRun.stdout).toMatch(/stopped, exit code 1/);
    expect(agentRun.stdout).toMatch(/^ {2}model call failed: 401 Incorrect API key provided\./m);
    expect(agentRun.stdout).toMatch(/^ {2}fix: the server refused the key/m);
  });
});
