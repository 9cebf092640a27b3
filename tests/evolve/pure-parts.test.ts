import { describe, expect, it } from "vitest";
import type { AgentRow, EvaluationRow } from "../../archive/index.ts";
import { stageOfSuite } from "../../evaluator/index.ts";
import { decideAdmission } from "../../src/evolve/admission.ts";
import { parseDiagnosis, selfImprovementInstructions } from "../../src/evolve/diagnose-prompt.ts";
import { chooseEntry, specialEntries } from "../../src/evolve/entries.ts";
import { defaultStages, demoOptions, parseEvolveOptions } from "../../src/evolve/options.ts";

function evaluation(taskId: string, status: EvaluationRow["status"], patch = "diff"): EvaluationRow {
  return {
    id: `e-${taskId}`,
    agentId: "a",
    runId: "r",
    taskId,
    suite: "builtin",
    stage: "small",
    status,
    testsPassed: 0,
    testsTotal: 1,
    durationMs: 1,
    costUsd: 0,
    tokens: 0,
    patch,
    patchHash: "h",
    warnings: [],
    trajectoryRef: null,
    testOutput: "",
    grading: null,
    cacheKey: `k-${taskId}`,
    createdAt: "2026-01-01T00:00:00Z",
  };
}

function agent(scores: AgentRow["scores"]): AgentRow {
  return {
    id: "x",
    runId: "r",
    parentId: null,
    commit: "c",
    tree: "t",
    generation: 0,
    status: "evaluating",
    statusReason: null,
    scores,
    createdAt: "2026-01-01T00:00:00Z",
  };
}

/** A polyglot benchmark root (the fixture's, holding one exercise per language). */
const polyglotRoot = new URL("../fixtures/polyglot", import.meta.url).pathname;

const sequence = (...values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length]!;
};

describe("choosing what a child learns from", () => {
  it("picks a failed task when no special entry applies", () => {
    const rows = [evaluation("t1", "passed"), evaluation("t2", "failed"), evaluation("t3", "error")];
    expect(chooseEntry(rows, sequence(0.5, 0.0))).toBe("t2");
    expect(chooseEntry(rows, sequence(0.5, 0.99))).toBe("t3");
  });

  it("still gives a parent with no failure an entry", () => {
    expect(chooseEntry([evaluation("t1", "passed")], sequence(0.5, 0.5))).toBe(specialEntries.stochasticity);
    expect(chooseEntry([], sequence(0.5, 0.5))).toBe(specialEntries.stochasticity);
  });

  it("sends a parent with many empty patches to the empty-patch entry", () => {
    const rows = [evaluation("t1", "failed", ""), evaluation("t2", "failed", ""), evaluation("t3", "passed")];
    expect(chooseEntry(rows, sequence(0.1, 0.5))).toBe(specialEntries.emptyPatches);
  });
});

describe("admission", () => {
  it("keep_better compares on the largest stage both were evaluated on", () => {
    const parent = agent({ small: 0.6, medium: 0.5 });
    expect(decideAdmission(agent({ small: 0.9 }), parent, "keep_better", 0.1).admitted).toBe(true);
    expect(decideAdmission(agent({ small: 0.4 }), parent, "keep_better", 0.1).admitted).toBe(false);
    expect(decideAdmission(agent({ small: 0.9, medium: 0.3 }), parent, "keep_better", 0.1).admitted).toBe(false);
  });

  it("keep_all admits any evaluated child, but not an unevaluated one", () => {
    const parent = agent({ small: 0.9 });
    expect(decideAdmission(agent({ small: 0.1 }), parent, "keep_all", 0).admitted).toBe(true);
    expect(decideAdmission(agent({}), parent, "keep_all", 0).admitted).toBe(false);
  });
});

describe("parsing the diagnoser's reply", () => {
  it("extracts the JSON proposal from surrounding prose", () => {
    const diagnosis = parseDiagnosis(
      'Here you go:\n```json\n{"observation": "o", "problem_statement": "Make the agent run the tests before it finishes."}\n```',
    );
    expect(diagnosis.problem_statement).toContain("run the tests");
    expect(selfImprovementInstructions(diagnosis)).toContain(diagnosis.problem_statement);
  });

  it("says what is wrong with a malformed reply", () => {
    expect(() => parseDiagnosis(null)).toThrow(/empty/);
    expect(() => parseDiagnosis("no json here")).toThrow(/no JSON object/);
    expect(() => parseDiagnosis('{"problem_statement": 3}')).toThrow(/malformed/);
    expect(() => parseDiagnosis("{not json}")).toThrow(/not valid JSON/);
  });
});

describe("evolve options", () => {
  it("the demo preset is valid and small", () => {
    const options = parseEvolveOptions(demoOptions());
    expect(options.maxGenerations * options.childrenPerGeneration).toBeLessThanOrEqual(10);
    expect(options.stages[0]?.suite).toBe("builtin:small");
  });

  it("stages the built-in suite and a polyglot root as DGM does and any other suite as one stage", () => {
    expect(defaultStages("builtin", false).map((stage) => stage.suite)).toEqual(["builtin:small", "builtin:medium"]);
    expect(defaultStages("builtin", true).at(-1)).toMatchObject({ name: "full", suite: "builtin:full" });
    expect(defaultStages(`polyglot:${polyglotRoot}`, false).map((stage) => stage.suite)).toEqual([
      `polyglot:${polyglotRoot}:dgm-small`,
      `polyglot:${polyglotRoot}:dgm-medium`,
    ]);
    expect(defaultStages(`polyglot:${polyglotRoot}:python`, false)).toEqual([
      { name: "full", suite: `polyglot:${polyglotRoot}:python`, passThreshold: 0 },
    ]);
    // A directory that is not there cannot be told apart from a language directory: one stage, which
    // then fails to load with the path named.
    expect(defaultStages("polyglot:/data/polyglot", false)).toHaveLength(1);
    expect(defaultStages("builtin:fn-js-run-length", false)).toHaveLength(1);
  });

  it("files a built-in subset under its own tier, in dgm evolve and dgm eval alike", () => {
    // --suite builtin:small is one stage named small (it was once reported as "full").
    const options = parseEvolveOptions({ suite: "builtin:small", stages: defaultStages("builtin:small", false) });
    expect(options.stages).toEqual([{ name: "small", suite: "builtin:small", passThreshold: 0.4 }]);
    expect(defaultStages("builtin:small", true)).toHaveLength(1);
    expect(defaultStages("builtin:medium", false).map((stage) => [stage.name, stage.passThreshold])).toEqual([
      ["small", 0.4],
      ["medium", 0.4],
    ]);
    // dgm eval files a suite's score under the last tier evolve would reach on it.
    const filed = [
      "builtin:small",
      "builtin:medium",
      "builtin",
      "builtin:full",
      "builtin:fn-js-run-length",
      "polyglot:/p",
      `polyglot:${polyglotRoot}:dgm-small`,
      `polyglot:${polyglotRoot}:dgm-medium`,
      `polyglot:${polyglotRoot}`,
    ];
    expect(filed.map(stageOfSuite)).toEqual([
      "small",
      "medium",
      "full",
      "full",
      "full",
      "full",
      "small",
      "medium",
      "full",
    ]);
    for (const suite of filed) expect(stageOfSuite(suite)).toBe(defaultStages(suite, true).at(-1)?.name);
  });

  it("rejects nonsense with the field named", () => {
    expect(() => parseEvolveOptions({ ...demoOptions(), workers: 0 })).toThrow(/workers/);
  });
});
