// The cost estimate of a run: the seed's structural prior (no history), the archive's history when it
// has some (a real archive with recorded model calls), prices with and without a cached-input rate,
// and the arithmetic underneath (stages, the resend-the-history session model).
import { afterEach, describe, expect, it } from "vitest";
import { SYSTEM_PROMPT } from "../../agents/seed/src/prompts.ts";
import { BASH_TOOL } from "../../agents/seed/src/tools/bash.ts";
import { EDITOR_TOOL } from "../../agents/seed/src/tools/editor.ts";
import { type Archive, openArchive } from "../../archive/index.ts";
import { SEED_AGENT_DIR } from "../../evaluator/index.ts";
import {
  callsRealModel,
  estimateRun,
  formatEstimate,
  type RunEstimate,
  type Spread,
} from "../../src/evolve/estimate/index.ts";
import { planStages } from "../../src/evolve/estimate/plan.ts";
import { measureSeed } from "../../src/evolve/estimate/seed-prior.ts";
import { simulateSession } from "../../src/evolve/estimate/session-model.ts";
import { defaultStages, type EvolveOptions, parseEvolveOptions } from "../../src/evolve/options.ts";
import { loadStages } from "../../src/evolve/run-resources.ts";
import { loadModelsConfig, type ModelsConfig } from "../../src/llm/index.ts";
import { modelCall } from "../archive/helpers.ts";
import { tempDir } from "../support/temp.ts";

const builtinOptions = (maxGenerations: number): EvolveOptions =>
  parseEvolveOptions({ suite: "builtin", stages: defaultStages("builtin", false), maxGenerations });
const models = (solve: string, diagnose: string, prices?: ModelsConfig["prices"]): ModelsConfig => ({
  ...loadModelsConfig({ model: solve, diagnoseModel: diagnose, env: {}, cwd: tempDir("estimate-cwd") }),
  prices,
});
const miniAndO3 = () => models("openai:gpt-4.1-mini", "openai:o3");

function expectOrdered(spread: Spread<number>): void {
  expect(spread.low).toBeLessThanOrEqual(spread.expected);
  expect(spread.expected).toBeLessThanOrEqual(spread.high);
}
const rowOf = (estimate: RunEstimate, name: string) => {
  const row = estimate.rows.find((each) => each.name === name);
  if (!row) throw new Error(`no row ${name}`);
  return row;
};
const usdOf = (estimate: RunEstimate, name: string) => rowOf(estimate, name).usd?.expected ?? Number.NaN;
const childUsd = (estimate: RunEstimate) =>
  usdOf(estimate, "task runs") + usdOf(estimate, "self-modifications") + usdOf(estimate, "diagnoses");

describe("the seed's structural prior (no history)", () => {
  it("estimates a 20-generation builtin run with gpt-4.1-mini/o3: every row, a range around the expected value", async () => {
    const estimate = await estimateRun({ options: builtinOptions(20), models: miniAndO3() });
    expect(estimate.children).toBe(40);
    expect(estimate.rows.map((row) => row.name)).toEqual([
      "seed evaluation",
      "task runs",
      "self-modifications",
      "diagnoses",
    ]);
    expect(estimate.stages).toEqual(["small (10 tasks)", "medium (+40 tasks) when small ≥ 0.4"]);
    expect(estimate.models.solve).toMatchObject({ model: "gpt-4.1-mini", real: true, price: { input: 0.4 } });
    expect(estimate.models.diagnose).toMatchObject({ model: "o3", real: true, price: { input: 2 } });
    for (const row of estimate.rows) {
      expectOrdered(row.count);
      expect(row.usd).not.toBeNull();
      if (row.usd) expectOrdered(row.usd);
      expect(row.tokens.expected.cached).toBeLessThanOrEqual(row.tokens.expected.prompt);
    }
    // One diagnosis and one self-modification per child; the seed's small stage always runs.
    expect(rowOf(estimate, "diagnoses").count).toEqual({ low: 40, expected: 40, high: 40 });
    expect(rowOf(estimate, "seed evaluation").count.low).toBeGreaterThanOrEqual(10);
    expect(rowOf(estimate, "task runs").count.high).toBeLessThanOrEqual(40 * 50);
    const usd = estimate.total.usd;
    expect(usd).not.toBeNull();
    if (!usd) return;
    expectOrdered(usd);
    expect(usd.low).toBeLessThan(usd.expected);
    expect(usd.high).toBeGreaterThan(usd.expected);
    const sum = estimate.rows.reduce((total, row) => total + (row.usd?.expected ?? 0), 0);
    expect(usd.expected).toBeCloseTo(sum, 6);
    expect(estimate.basis.join("\n")).toMatch(/^prior: the seed's structural estimate, no history/);
    expect(estimate.basis.join("\n")).not.toMatch(/history:/);
    expect(estimate.assumptions.join("\n")).toMatch(/prior, not measured/);
  });

  it("doubling the generations doubles the children's part and leaves the seed's evaluation alone", async () => {
    const twenty = await estimateRun({ options: builtinOptions(20), models: miniAndO3() });
    const forty = await estimateRun({ options: builtinOptions(40), models: miniAndO3() });
    expect(childUsd(forty) / childUsd(twenty)).toBeCloseTo(2, 6);
    expect(usdOf(forty, "seed evaluation")).toBeCloseTo(usdOf(twenty, "seed evaluation"), 9);
  });

  it("--max-task-evals bounds the task runs; HGM grows about budget^alpha children", async () => {
    const runs = (estimate: RunEstimate) => estimate.rows.find((row) => row.name === "task runs")!.count;
    const capped = await estimateRun({ options: { ...builtinOptions(20), maxTaskEvals: 300 }, models: miniAndO3() });
    expect(runs(capped).high).toBeLessThanOrEqual(300);
    expect(capped.children).toBe(40);
    const hgm = await estimateRun({
      options: { ...builtinOptions(200), scheduler: "hgm", maxTaskEvals: 800 },
      models: miniAndO3(),
    });
    // 800^0.6 = 55.1: the tree HGM's expand rule allows, far below the 400 attempts --max-generations leaves.
    expect(hgm.children).toBe(56);
    expect(hgm.scope).toMatch(/about 56 children \(hgm/);
    expect(runs(hgm).expected).toBe(800);
  });

  it("a cached-input rate lowers the cost of the same tokens", async () => {
    const full = { input: 0.4, cachedInput: 0.4, output: 1.6 };
    const withoutDiscount = await estimateRun({
      options: builtinOptions(20),
      models: models("openai:gpt-4.1-mini", "openai:o3", { "gpt-4.1-mini": full }),
    });
    const withDiscount = await estimateRun({
      options: builtinOptions(20),
      models: models("openai:gpt-4.1-mini", "openai:o3", { "gpt-4.1-mini": { ...full, cachedInput: 0.1 } }),
    });
    expect(withDiscount.total.tokens).toEqual(withoutDiscount.total.tokens);
    // Most of a session's prompt is the resent history, most of that from the cache: a large saving.
    expect(usdOf(withDiscount, "task runs")).toBeLessThan(usdOf(withoutDiscount, "task runs") * 0.8);
    expect(usdOf(withDiscount, "diagnoses")).toBeCloseTo(usdOf(withoutDiscount, "diagnoses"), 9);
  });

  it("an unknown price gives tokens only and the config line that fixes it; sim calls no paid model", async () => {
    const unknown = await estimateRun({ options: builtinOptions(2), models: models("openai:my-local-model", "sim") });
    expect(unknown.models.solve.price).toBeNull();
    expect(unknown.models.solve.priceFix).toMatch(/"prices": \{"my-local-model": \{"input"/);
    expect(rowOf(unknown, "task runs").usd).toBeNull();
    expect(unknown.total.usd).toBeNull();
    expect(unknown.total.tokens.expected).toBeGreaterThan(0);
    expect(rowOf(unknown, "diagnoses").usd).toEqual({ low: 0, expected: 0, high: 0 });
    const text = formatEstimate(unknown);
    expect(text).toMatch(/no price known: tokens only \(add "prices"/);
    expect(text).toMatch(/sim:dgm-sim\s+no real model: nothing is spent/);

    expect(callsRealModel(models("sim", "sim"))).toBe(false);
    expect(callsRealModel(models("sim", "openai:o3"))).toBe(true);
    expect(callsRealModel(models("openai:gpt-4.1-mini", "openai:gpt-4.1-mini"))).toBe(true);
  });

  it("measures the seed's prompt and tool schemas from its source, close to what it really sends", async () => {
    const seed = await measureSeed(SEED_AGENT_DIR);
    expect(seed.systemPromptChars).toBe(SYSTEM_PROMPT.length);
    const tools = JSON.stringify([BASH_TOOL, EDITOR_TOOL]).length;
    expect(Math.abs(seed.toolSchemaChars - tools) / tools).toBeLessThan(0.1);
    expect(seed.source["src/loop.ts"]).toBeDefined();
  });
});

describe("the arithmetic underneath", () => {
  it("a stage runs only the tasks no earlier stage ran, as the evaluator does", () => {
    const plan = planStages(loadStages(parseEvolveOptions({ stages: defaultStages("builtin", true) })).stages);
    expect(plan.map((stage) => [stage.name, stage.fresh.length, stage.after])).toEqual([
      ["small", 10, 0],
      ["medium", 40, 0.4],
      // The medium subset is every built-in task today: full adds none.
      ["full", 0, 0.4],
    ]);
  });

  it("resending the history makes prompt tokens grow quadratically; the session cap and the cache bound them", () => {
    const shape = {
      fixedPrompt: 1000,
      steps: 10,
      outputPerStep: 200,
      toolResultPerStep: 800,
      readOnce: 0,
      maxSessionTokens: 10_000_000,
      cacheHitShare: 0,
    };
    const ten = simulateSession(shape);
    const twenty = simulateSession({ ...shape, steps: 20 });
    // Σ (1000 + 1000·k) for k < n: 10 steps → 55,000; 20 steps → 210,000.
    expect(ten.prompt).toBe(55_000);
    expect(twenty.prompt).toBe(210_000);
    expect(twenty.completion).toBe(2 * ten.completion);
    const capped = simulateSession({ ...shape, steps: 20, maxSessionTokens: 60_000 });
    expect(capped.prompt + capped.completion).toBeLessThanOrEqual(60_000);
    const cached = simulateSession({ ...shape, cacheHitShare: 1 });
    // Every call starts with the previous call's whole prompt, cached once it is ≥ 1,024 tokens:
    // all prompts but the last (10,000) and the first (1,000, too short to cache).
    expect(cached.cached).toBe(ten.prompt - 10_000 - 1_000);
  });
});

describe("from the archive's history", () => {
  let archive: Archive | undefined;
  afterEach(() => archive?.close());

  it("chooses the history basis and follows the recorded tokens; simulated calls are not history", async () => {
    archive = await openArchive(tempDir("estimate-history"));
    const options = builtinOptions(20);
    const config = miniAndO3();
    const run = archive.createRun({ config: { options, models: config }, seed: 0 });
    // Identities as the loop records them: a task session under the agent evaluated, a diagnosis and a
    // self-modification under their attempt (and the parent).
    const seed = archive.createAgent({ runId: run.id, parentId: null, commit: "c0", tree: "t0", generation: 0 });
    const record = (session: string, purpose: "solve" | "self-modify" | "diagnose", model: string, calls: number[]) => {
      const attemptId =
        purpose === "solve"
          ? null
          : (archive?.createAttempt({ runId: run.id, parentId: seed.id, generation: 1, entry: "x" }).id ?? null);
      calls.forEach((prompt, seq) => {
        archive?.recordModelCall(
          modelCall({
            caller: {
              runId: run.id,
              agentId: seed.id,
              attemptId,
              evaluationKey: null,
              taskId: null,
              purpose,
              sessionId: session,
            },
            role: purpose === "diagnose" ? "diagnose" : "solve",
            provider: "openai",
            model,
            seq,
            promptTokens: prompt,
            cachedTokens: Math.floor(prompt / 2),
            completionTokens: 100,
          }),
        );
      });
    };
    // Six task sessions of gpt-4.1-mini: 3 calls each, 6,000 + 1,000·i prompt tokens in all.
    for (let i = 0; i < 6; i++) record(`task-${i}`, "solve", "gpt-4.1-mini", [1000, 2000, 3000 + 1000 * i]);
    for (let i = 0; i < 5; i++) record(`modify-${i}`, "self-modify", "gpt-4.1-mini", [20_000, 30_000]);
    // Diagnoses by o3: only 2, but 5 by another model: the other model's figures are used, and said so.
    for (let i = 0; i < 2; i++) record(`diag-o3-${i}`, "diagnose", "o3", [9000]);
    for (let i = 0; i < 5; i++) record(`diag-other-${i}`, "diagnose", "o1", [7000]);
    // The simulator's sessions are not a model's behaviour: huge, and ignored.
    for (let i = 0; i < 10; i++) {
      archive.recordModelCall(
        modelCall({
          caller: {
            runId: run.id,
            agentId: seed.id,
            attemptId: null,
            evaluationKey: null,
            taskId: null,
            purpose: "solve",
            sessionId: `sim-${i}`,
          },
          provider: "sim",
          model: "dgm-sim",
          promptTokens: 5_000_000,
        }),
      );
    }

    const estimate = await estimateRun({ options, models: config, archive });
    expect(estimate.basis).toContain("history: 6 task sessions of gpt-4.1-mini in this archive (task runs)");
    expect(estimate.basis).toContain(
      "history: 5 self-modification sessions of gpt-4.1-mini in this archive (self-modifications)",
    );
    expect(estimate.basis.join("\n")).toMatch(/history: 7 diagnosis calls of other models \(o3, o1\)[^\n]*; 2 of o3/);
    expect(estimate.assumptions.join("\n")).not.toMatch(/tasks take/);

    const perUnit = (name: string) => {
      const row = rowOf(estimate, name);
      const n = row.count.expected;
      return {
        prompt: row.tokens.expected.prompt / n,
        cached: row.tokens.expected.cached / n,
        completion: row.tokens.expected.completion / n,
      };
    };
    // Mean of 6,000 + 1,000·i for i < 6 = 8,500 prompt tokens per session, 300 completion.
    expect(perUnit("task runs").prompt).toBeCloseTo(8500, 6);
    expect(perUnit("task runs").completion).toBeCloseTo(300, 6);
    expect(perUnit("task runs").cached).toBeCloseTo(4250, 6);
    expect(perUnit("self-modifications")).toEqual({ prompt: 50_000, cached: 25_000, completion: 200 });
    expect(perUnit("diagnoses").prompt).toBeCloseTo((2 * 9000 + 5 * 7000) / 7, 6);
    const taskRow = rowOf(estimate, "task runs");
    expect(taskRow.tokens.low.prompt / taskRow.count.low).toBeLessThan(8500);
    expect(taskRow.tokens.high.prompt / taskRow.count.high).toBeGreaterThan(8500);
  });
  it("takes the shares of children evaluated and reaching medium from real-model runs, not from simulated ones", async () => {
    archive = await openArchive(tempDir("estimate-shares"));
    const options = builtinOptions(20);
    const addRun = (solve: string, evaluated: number, reachedMedium: number) => {
      const run = archive?.createRun({ config: { options, models: models(solve, solve) }, seed: 0 });
      if (!archive || !run) throw new Error("no archive");
      const seed = archive.createAgent({ runId: run.id, parentId: null, commit: "c", tree: "t", generation: 0 });
      for (let i = 0; i < 6; i++) {
        const attempt = archive.createAttempt({ runId: run.id, parentId: seed.id, generation: 1, entry: "x" });
        const child = archive.createAgent({
          runId: run.id,
          parentId: seed.id,
          commit: `c${i}`,
          tree: `t${i}`,
          generation: 1,
        });
        if (i < evaluated) archive.setAgentScore(child.id, "small", 0.5);
        if (i < reachedMedium) archive.setAgentScore(child.id, "medium", 0.5);
        archive.setAgentStatus(child.id, i < evaluated ? "admitted" : "invalid", "test");
        archive.updateAttempt(attempt.id, { status: "succeeded", childId: child.id, phase: "done", ended: true });
      }
    };
    addRun("openai:gpt-4.1-mini", 5, 2);
    addRun("sim", 6, 6);
    const estimate = await estimateRun({ options, models: miniAndO3(), archive });
    expect(estimate.basis).toContain("children evaluated: history: 5 of 6 attempts of real-model runs in this archive");
    expect(estimate.basis).toContain(
      "reaching the next stage: history: 2 of 5 evaluations of real-model runs in this archive",
    );
    // 40 children × 5/6 evaluated, each running small and 2/5 of them medium's 40 more tasks.
    expect(rowOf(estimate, "task runs").count.expected).toBeCloseTo(40 * (5 / 6) * (10 + 0.4 * 40), 6);
    expect(estimate.assumptions.join("\n")).not.toMatch(/of children are evaluated/);
  });
});
