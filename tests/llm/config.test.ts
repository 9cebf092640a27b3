// Model configuration from file, environment and flags; doctor lines that never show a key; the
// price table; the shared run budget.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  adaptRequest,
  createPricing,
  createRunBudget,
  describeModelConfig,
  loadModelsConfig,
} from "../../src/llm/index.ts";

const cwd = mkdtempSync(join(tmpdir(), "dgm-config-test-"));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));
const writeConfig = (value: unknown, name = "dgm.config.json") => writeFileSync(join(cwd, name), JSON.stringify(value));

describe("loadModelsConfig", () => {
  it("defaults to the simulator for both roles", () => {
    const config = loadModelsConfig({ cwd: join(cwd, "nowhere"), env: {} });
    expect(config.solve).toEqual({ provider: "sim", model: "dgm-sim" });
    expect(config.diagnose.provider).toBe("sim");
  });

  it("layers file < environment < flags", () => {
    writeConfig({
      models: {
        solve: { provider: "openai", model: "gpt-4.1-mini", params: { temperature: 0.2 } },
        diagnose: { provider: "openai", model: "o3", apiKeyEnv: "MY_KEY" },
        prices: { "local-llama": { input: 0, output: 0 } },
      },
    });
    const fromFile = loadModelsConfig({ cwd, env: { OPENAI_BASE_URL: "http://localhost:11434/v1" } });
    expect(fromFile.solve).toEqual({
      provider: "openai",
      model: "gpt-4.1-mini",
      params: { temperature: 0.2 },
      apiKeyEnv: "OPENAI_API_KEY",
      baseUrl: "http://localhost:11434/v1",
    });
    expect(fromFile.diagnose).toMatchObject({ model: "o3", apiKeyEnv: "MY_KEY" });
    expect(fromFile.prices).toEqual({ "local-llama": { input: 0, output: 0 } });

    const fromEnv = loadModelsConfig({ cwd, env: { DGM_MODEL: "openai:gpt-4o" } });
    expect(fromEnv.solve).toMatchObject({ model: "gpt-4o", params: { temperature: 0.2 } });
    const fromFlags = loadModelsConfig({
      cwd,
      env: { DGM_MODEL: "openai:gpt-4o" },
      model: "sim",
      diagnoseModel: "replay:run-9",
    });
    expect(fromFlags.solve).toEqual({ provider: "sim", model: "dgm-sim" });
    expect(fromFlags.diagnose).toEqual({ provider: "replay", model: "replay:run-9", replayRun: "run-9" });
  });

  it("explains what is wrong with an invalid file", () => {
    writeConfig({ models: { solve: { provider: "anthropic", model: "x" } } }, "bad.json");
    expect(() => loadModelsConfig({ cwd, configFile: "bad.json", env: {} })).toThrow(
      /bad\.json[\s\S]*models\.solve\.provider/,
    );
    writeConfig({ models: { solve: { provider: "openai", model: "x", apiKeyEnv: "sk-abc123 oops" } } }, "key.json");
    expect(() => loadModelsConfig({ cwd, configFile: "key.json", env: {} })).toThrow(/NAME of an environment variable/);
    writeFileSync(join(cwd, "broken.json"), "{ nope");
    expect(() => loadModelsConfig({ cwd, configFile: "broken.json", env: {} })).toThrow(/not valid JSON/);
    expect(() => loadModelsConfig({ cwd, configFile: "missing.json", env: {} })).toThrow(/does not exist/);
    expect(() => loadModelsConfig({ cwd: join(cwd, "x"), env: {}, model: "replay:" })).toThrow(/needs a run id/);
  });

  it("describes the configuration for doctor without printing the key", () => {
    const config = loadModelsConfig({
      cwd: join(cwd, "nowhere"),
      env: {},
      model: "openai:gpt-4.1-mini",
      diagnoseModel: "sim",
    });
    const env = { OPENAI_API_KEY: "sk-very-secret-value" };
    const lines = describeModelConfig(config, env);
    expect(lines[0]).toBe(
      "solve: openai gpt-4.1-mini at https://api.openai.com/v1 (key OPENAI_API_KEY: set, output cap 16384 (default) tokens per call)",
    );
    expect(lines[1]).toMatch(/^diagnose: sim \(dgm-sim\) — the offline simulator/);
    expect(lines.join("\n")).not.toContain("sk-very-secret-value");
    expect(describeModelConfig(config, {})[0]).toContain("OPENAI_API_KEY: NOT set");
  });
});

describe("pricing, parameters and budget", () => {
  it("prices known models (with prefixes and dates), the simulator nonzero, and overrides win", () => {
    const pricing = createPricing({ "gpt-4o": { input: 1, output: 1 } }, () => {});
    const tokens = (promptTokens: number, completionTokens: number, cachedTokens = 0) => ({
      promptTokens,
      cachedTokens,
      completionTokens,
    });
    expect(pricing.cost("gpt-4.1-mini", tokens(1_000_000, 0))).toBeCloseTo(0.4);
    expect(pricing.cost("openai/gpt-4.1-mini-2025-04-14", tokens(0, 1_000_000))).toBeCloseTo(1.6);
    expect(pricing.cost("dgm-sim", tokens(1_000_000, 1_000_000))).toBeCloseTo(2);
    expect(pricing.priceOf("dgm-sim")?.note).toMatch(/simulated/);
    expect(pricing.cost("gpt-4o", tokens(1_000_000, 0))).toBe(1);
    expect(pricing.cost("who-knows", tokens(10, 10))).toBeNull();
    // Cached prompt tokens at their own rate (gpt-4.1-mini: $0.40 fresh, $0.10 cached); no cached rate → input rate.
    expect(pricing.cost("gpt-4.1-mini", tokens(1_000_000, 0, 600_000))).toBeCloseTo(0.4 * 0.4 + 0.6 * 0.1);
    expect(pricing.cost("gpt-4o", tokens(1_000_000, 0, 600_000))).toBe(1);
    // Never more cached than prompt tokens (a server's miscount cannot make a call cheaper than all-cached).
    expect(pricing.cost("gpt-4.1-mini", tokens(1_000_000, 0, 5_000_000))).toBeCloseTo(0.1);
  });

  it("takes cachedInput in configured prices and names a wrong price field", () => {
    writeConfig({ models: { prices: { local: { input: 1, cachedInput: 0.25, output: 2 } } } }, "cached.json");
    const config = loadModelsConfig({ cwd, configFile: "cached.json", env: {} });
    expect(config.prices?.local).toEqual({ input: 1, cachedInput: 0.25, output: 2 });
    const pricing = createPricing(config.prices, () => {});
    expect(pricing.cost("local", { promptTokens: 1_000_000, cachedTokens: 1_000_000, completionTokens: 0 })).toBe(0.25);
    writeConfig({ models: { prices: { local: { input: 1, cached: 0.25, output: 2 } } } }, "typo.json");
    expect(() => loadModelsConfig({ cwd, configFile: "typo.json", env: {} })).toThrow(
      /models\.prices\.local: unknown price field "cached": a price has "input", "output" and optionally "cachedInput"/,
    );
  });

  it("keeps max_completion_tokens and drops temperature only for reasoning models", () => {
    const request = { messages: [{ role: "user" as const, content: "x" }], max_tokens: 9, temperature: 0.5 };
    expect(adaptRequest(request, "gpt-5-mini")).toEqual({
      messages: request.messages,
      model: "gpt-5-mini",
      max_completion_tokens: 9,
    });
    expect(adaptRequest(request, "openrouter/o4-mini", { reasoning_effort: "low" })).toMatchObject({
      reasoning_effort: "low",
    });
    expect(adaptRequest(request, "gpt-4.1", { reasoning_effort: "low" })).toEqual({ ...request, model: "gpt-4.1" });
  });

  it("reports exhaustion by money or tokens", () => {
    const budget = createRunBudget({ usd: 1, tokens: 1000 });
    budget.charge(500, 0.5);
    expect(budget.exhausted()).toBe(false);
    budget.charge(100, 0.6);
    expect(budget.exhaustedReason()).toBe("run budget of $1.00 reached");
    const tokens = createRunBudget({ tokens: 10 });
    tokens.charge(10, null);
    expect(tokens.exhaustedReason()).toBe("run token budget of 10 reached");
    expect(tokens.spent()).toEqual({ tokens: 10, usd: 0, unknownCostCalls: 1 });
  });
});
