// The gateway over its unix socket: answers in the OpenAI wire format, records every call, and
// refuses calls past a session limit or the run budget with an error the agent can read.
import { stat } from "node:fs/promises";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  type ChatRequest,
  createGateway,
  createPricing,
  createRunBudget,
  createScriptedProvider,
  DEFAULT_MAX_OUTPUT_TOKENS_PER_CALL,
  type Gateway,
  requestHash,
} from "../../src/llm/index.ts";
import { closeTestArchives, identity, openTestArchive, postChat } from "./support.ts";

const hello: ChatRequest = { messages: [{ role: "user", content: "hello" }] };

describe("gateway", () => {
  let gateway: Gateway | undefined;
  afterEach(async () => {
    await gateway?.close();
    gateway = undefined;
  });
  afterAll(closeTestArchives);

  it("serves chat completions on a 0666 socket in a 0755 directory and records each call", async () => {
    const archive = await openTestArchive();
    const provider = createScriptedProvider({
      model: "dgm-sim",
      scripts: { default: ["first", { toolCalls: [{ name: "bash", arguments: { command: "ls" } }] }] },
    });
    gateway = createGateway({ archive, providers: { solve: provider }, pricing: createPricing() });
    const who = identity();
    const session = await gateway.openSession({ identity: who, role: "solve" });
    expect((await stat(session.socketDir)).mode & 0o777).toBe(0o755);
    expect((await stat(session.socketPath)).mode & 0o777).toBe(0o666);
    expect(session.socketPath).toBe(`${session.socketDir}/gateway.sock`);

    const first = await postChat(session.socketPath, { ...hello, model: "whatever-the-agent-says" });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      object: "chat.completion",
      choices: [{ message: { content: "first" }, finish_reason: "stop" }],
    });
    const second = await postChat(session.socketPath, hello);
    expect(second.body).toMatchObject({
      choices: [{ finish_reason: "tool_calls", message: { tool_calls: [{ function: { name: "bash" } }] } }],
    });

    expect(archive.calls.map((call) => call.seq)).toEqual([0, 1]);
    const [row] = archive.calls;
    expect(row).toMatchObject({ caller: who, role: "solve", provider: "scripted", error: null, costUsd: 0 });
    // The hash is of what was forwarded: the request with the session's output cap filled in.
    expect(row?.requestHash).toBe(requestHash({ ...hello, max_tokens: DEFAULT_MAX_OUTPUT_TOKENS_PER_CALL }));
    expect(row?.promptTokens).toBeGreaterThan(0);
    expect(session.usage()).toMatchObject({ calls: 2, refused: 0, errors: 0 });

    await session.close();
    await expect(stat(session.socketDir)).rejects.toThrow(/ENOENT/);
  });

  it("refuses calls past the session call limit mid-session, with an OpenAI-style error", async () => {
    const archive = await openTestArchive();
    const provider = createScriptedProvider({ scripts: { default: ["a", "b", "c", "d"] } });
    gateway = createGateway({ archive, providers: { solve: provider }, pricing: createPricing() });
    const session = await gateway.openSession({ identity: identity(), role: "solve", limits: { maxCalls: 2 } });
    expect((await postChat(session.socketPath, hello)).status).toBe(200);
    expect((await postChat(session.socketPath, hello)).status).toBe(200);
    const refused = await postChat(session.socketPath, hello);
    expect(refused.status).toBe(429);
    expect(refused.headers["x-should-retry"]).toBe("false");
    expect(refused.body).toEqual({
      error: {
        message: "session call limit of 2 reached",
        type: "limit_reached",
        code: "session_call_limit",
        param: null,
      },
    });
    expect(archive.calls).toHaveLength(2);
    expect(session.usage()).toMatchObject({ calls: 2, refused: 1 });
  });

  it("enforces token limits per session and the run budget across sessions", async () => {
    const archive = await openTestArchive();
    const provider = createScriptedProvider({ scripts: { default: Array(10).fill("x".repeat(400)) } });
    const budget = createRunBudget({ tokens: 300 });
    gateway = createGateway({ archive, providers: { solve: provider }, pricing: createPricing(), budget });
    const small = await gateway.openSession({ identity: identity(), role: "solve", limits: { maxTokens: 50 } });
    expect((await postChat(small.socketPath, hello)).status).toBe(200);
    const overTokens = await postChat(small.socketPath, hello);
    expect(overTokens.status).toBe(429);
    expect((overTokens.body as { error: { message: string } }).error.message).toMatch(
      /^session token limit of 50 reached/,
    );

    const other = await gateway.openSession({ identity: identity(), role: "solve" });
    while (!budget.exhausted()) expect((await postChat(other.socketPath, hello)).status).toBe(200);
    const overBudget = await postChat(other.socketPath, hello);
    expect(overBudget.status).toBe(429);
    expect(overBudget.body).toMatchObject({
      error: { message: "run token budget of 300 reached", type: "budget_exhausted" },
    });
    // The overshoot is at most the one call that crossed the line.
    expect(budget.spent().tokens).toBeLessThan(300 + 120);
  });

  it("rejects bad requests readably and serves host-side calls in process", async () => {
    const archive = await openTestArchive();
    const provider = createScriptedProvider({ model: "dgm-sim", scripts: { default: ["diagnosis"] } });
    gateway = createGateway({ archive, providers: { solve: provider, diagnose: provider }, pricing: createPricing() });
    const session = await gateway.openSession({ identity: identity(), role: "solve" });
    const notJson = await postChat(session.socketPath, "{nope");
    expect(notJson.status).toBe(400);
    expect((notJson.body as { error: { message: string } }).error.message).toMatch(/not valid JSON/);
    expect((await postChat(session.socketPath, { messages: [] })).status).toBe(400);
    expect((await postChat(session.socketPath, { ...hello, stream: true })).body).toMatchObject({
      error: { code: "stream_unsupported" },
    });
    expect((await postChat(session.socketPath, hello, "/v1/embeddings")).status).toBe(404);

    const host = identity({ purpose: "diagnose", taskId: null });
    const reply = await gateway.call(host, "diagnose", hello);
    expect(reply.choices[0]?.message.content).toBe("diagnosis");
    expect(archive.calls.at(-1)).toMatchObject({ caller: host, role: "diagnose", seq: 0 });
    expect(gateway.usageOf(host.sessionId)).toMatchObject({ calls: 1 });
  });
});
