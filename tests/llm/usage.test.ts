// Cached prompt tokens and missing usage end to end: the real `openai` provider behind the real gateway
// against a fake OpenAI-compatible server; the cost recorded in a real archive, and every view that
// shows it (dgm show, dgm runs, the HTML report, the web UI's JSON) says when it is estimated.
import { describe, expect, it } from "vitest";
import { registerArchiveCommands } from "../../src/cli/commands/archive.ts";
import { loadAgentDetail, loadRunView, renderAgentDetailText, renderHtmlReport } from "../../src/report/index.ts";
import { handleApi } from "../../src/report/server/api.ts";
import { runInspect } from "../report/cli.ts";
import { identity, openTestArchive, rawCompletion, useFakeOpenAI } from "./support.ts";
import { ask, assistant, gatewayFor, tools } from "./tool-call-fixtures.ts";

const fake = useFakeOpenAI();

describe("cached tokens and missing usage", () => {
  it("charges cached prompt tokens at the cached rate (OpenAI's prompt_tokens_details)", async () => {
    const archive = await openTestArchive();
    const gateway = gatewayFor(fake(), archive, "gpt-4.1-mini");
    const usage = {
      prompt_tokens: 10_000,
      completion_tokens: 500,
      total_tokens: 10_500,
      prompt_tokens_details: { cached_tokens: 8_000 },
    };
    fake().queue = [{ kind: "raw", body: rawCompletion({ usage }) }];
    const who = identity();
    await gateway.call(who, "solve", ask);
    // gpt-4.1-mini: $0.40 / 1M input, $0.10 / 1M cached input, $1.60 / 1M output.
    const expected = (2_000 * 0.4 + 8_000 * 0.1 + 500 * 1.6) / 1e6;
    const [row] = archive.calls;
    expect(row).toMatchObject({
      promptTokens: 10_000,
      cachedTokens: 8_000,
      completionTokens: 500,
      usageEstimated: false,
    });
    expect(row?.costUsd).toBeCloseTo(expected, 12);
    expect(archive.costOf({ sessionId: who.sessionId })).toMatchObject({ cachedTokens: 8_000, estimatedCalls: 0 });
    expect(archive.costOf({ sessionId: who.sessionId }).costUsd).toBeCloseTo(expected, 12);
    expect(gateway.usageOf(who.sessionId)).toMatchObject({ cachedTokens: 8_000, estimatedCalls: 0 });
    expect(gateway.usageOf(who.sessionId)?.costUsd).toBeCloseTo(expected, 12);
  });

  it("reads DeepSeek's prompt_cache_hit_tokens too", async () => {
    const archive = await openTestArchive();
    const usage = { prompt_tokens: 4_000, completion_tokens: 100, total_tokens: 4_100, prompt_cache_hit_tokens: 3_000 };
    fake().queue = [{ kind: "raw", body: rawCompletion({ usage }) }];
    await gatewayFor(fake(), archive, "deepseek-chat").call(identity(), "solve", ask);
    expect(archive.calls[0]?.cachedTokens).toBe(3_000);
    expect(archive.calls[0]?.costUsd).toBeCloseTo((1_000 * 0.27 + 3_000 * 0.07 + 100 * 1.1) / 1e6, 12);
  });

  it("takes all-zero usage beside a real answer as no usage (servers that do not count)", async () => {
    const archive = await openTestArchive();
    const zeros = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
    fake().queue = [{ kind: "raw", body: rawCompletion({ message: assistant("done"), usage: zeros }) }];
    await gatewayFor(fake(), archive).call(identity(), "solve", ask);
    expect(archive.calls[0]).toMatchObject({ usageEstimated: true, completionTokens: 1 });
    expect(archive.calls[0]?.promptTokens).toBeGreaterThan(JSON.stringify(tools).length / 4);
  });

  it("estimates usage the server did not send, counting the tool schemas, and every view marks it estimated", async () => {
    const archive = await openTestArchive();
    const run = archive.createRun({ config: {}, seed: 1 });
    const agent = archive.createAgent({ runId: run.id, parentId: null, commit: "c0", tree: "t0", generation: 0 });
    const gateway = gatewayFor(fake(), archive, "gpt-4.1-mini");
    const who = identity({ runId: run.id, agentId: agent.id });
    const content = "All tests pass now.";
    const noUsage = { kind: "raw" as const, body: rawCompletion({ message: assistant(content), usage: null }) };
    fake().queue = [noUsage, noUsage, { kind: "raw", body: rawCompletion() }];
    await gateway.call(who, "solve", ask);
    await gateway.call(who, "solve", { messages: ask.messages, max_tokens: 200 });
    await gateway.call(who, "solve", ask);

    const [withTools, withoutTools, counted] = archive.calls;
    expect(withTools?.usageEstimated).toBe(true);
    expect(withoutTools?.usageEstimated).toBe(true);
    expect(counted?.usageEstimated).toBe(false);
    // The schemas are most of what the model reads here: they must be in the estimate.
    const schemaTokens = JSON.stringify(tools).length / 4;
    expect((withTools?.promptTokens ?? 0) - (withoutTools?.promptTokens ?? 0)).toBeGreaterThanOrEqual(schemaTokens - 2);
    expect(withTools?.completionTokens).toBe(Math.ceil(content.length / 4));
    expect(withTools?.costUsd).toBeCloseTo(
      ((withTools?.promptTokens ?? 0) * 0.4 + (withTools?.completionTokens ?? 0) * 1.6) / 1e6,
      12,
    );

    expect(gateway.usageOf(who.sessionId)?.estimatedCalls).toBe(2);
    expect(archive.costOf({ runId: run.id })).toMatchObject({ calls: 3, estimatedCalls: 2 });
    expect(archive.getRun(run.id)?.estimatedCalls).toBe(2);

    const showText = renderAgentDetailText(await loadAgentDetail(archive, agent));
    expect(showText).toMatch(/cost {8}≈\$0\.\d{4} over 3 model calls/);
    expect(showText).toContain("≈ estimated: 2 of 3 calls had no usage from the server");
    const shown = await runInspect(archive.home, ["show", agent.id]);
    expect(shown).toContain("estimated: 2 of 3 calls had no usage from the server");

    const runsOut = await runInspect(archive.home, ["runs"], registerArchiveCommands);
    expect(runsOut).toMatch(new RegExp(`${run.id} .*≈\\$0\\.\\d{4}`));
    expect(runsOut).toContain(`run ${run.id}: ≈ estimated: 2 of 3 calls had no usage from the server`);

    const html = renderHtmlReport(loadRunView(archive, run.id)!);
    expect(html).toMatch(/cost <b>≈\$0\.\d{4}<\/b>/);
    expect(html).toContain("estimated: 2 of 3 calls had no usage from the server");

    const api = await handleApi(archive, new URL(`http://localhost/api/agents/${agent.id}`));
    const body = api.body as { costNote: string; modelCalls: { usageEstimated: boolean }[] };
    expect(body.costNote).toContain("2 of 3 calls had no usage");
    expect(body.modelCalls.map((call) => call.usageEstimated)).toEqual([true, true, false]);
  });
});
