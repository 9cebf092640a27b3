// The pure parts of the HGM scheduler: the expand-or-evaluate rule at its boundary, the cool-down factor,
// Thompson sampling against probabilities worked by hand, the search tree's tallies, and the held-out split.
import { describe, expect, it } from "vitest";
import { type AgentRow, type EvaluationRow, mulberry32 } from "../../archive/index.ts";
import { UsageError } from "../../common/index.ts";
import { type EvaluationStage, loadSuite } from "../../evaluator/index.ts";
import { cooldownFactor, shouldExpand, type Tally, thompsonPick } from "../../src/evolve/scheduler/hgm-policy.ts";
import { SearchTree } from "../../src/evolve/scheduler/search-tree.ts";
import { splitHeldOut } from "../../src/evolve/test-split.ts";

describe("shouldExpand: taskEvals^alpha ≥ (agents − 1) + pending expansions", () => {
  it("expands exactly at the boundary: 9^0.5 = 3 ≥ 4 − 1", () => {
    expect(shouldExpand(9, 4, 0, 0.5)).toBe(true);
  });

  it("evaluates just below it: 8^0.5 ≈ 2.83 < 3", () => {
    expect(shouldExpand(8, 4, 0, 0.5)).toBe(false);
  });

  it("counts pending expansions like agents", () => {
    expect(shouldExpand(9, 3, 1, 0.5)).toBe(true);
    expect(shouldExpand(9, 3, 2, 0.5)).toBe(false);
    expect(shouldExpand(9, 4, 1, 0.5)).toBe(false);
  });

  it("with HGM's alpha 0.6, the seed alone and no evaluation yet expands (0 ≥ 0)", () => {
    expect(shouldExpand(0, 1, 0, 0.6)).toBe(true);
    // One child pending and no evaluation: 0 < 1, so the next decision evaluates.
    expect(shouldExpand(0, 1, 1, 0.6)).toBe(false);
    // 10^0.6 ≈ 3.98: three children beside the seed are allowed, four are not.
    expect(shouldExpand(10, 4, 0, 0.6)).toBe(true);
    expect(shouldExpand(10, 5, 0, 0.6)).toBe(false);
  });
});

describe("cooldownFactor: (B / (B − b))^beta", () => {
  it("is 2 halfway through a budget of 100 with beta 1, and 4 with beta 2", () => {
    expect(cooldownFactor(50, 100, 1)).toBeCloseTo(2, 12);
    expect(cooldownFactor(50, 100, 2)).toBeCloseTo(4, 12);
  });

  it("is 1 before anything is spent", () => {
    expect(cooldownFactor(0, 100, 3)).toBe(1);
  });

  it("is HGM's 10,000 once the budget is spent or overspent", () => {
    expect(cooldownFactor(100, 100, 1)).toBe(10_000);
    expect(cooldownFactor(130, 100, 2)).toBe(10_000);
  });
});

const tally = (successes: number, failures: number): Tally => ({ successes, failures });

describe("thompsonPick", () => {
  it("picks Beta(2,1) over Beta(1,2) with probability 5/6 (∫₀¹ 2x·(2x − x²) dx)", () => {
    const rng = mulberry32(20_251_021);
    const candidates = [
      { item: "one success", tally: tally(1, 0) },
      { item: "one failure", tally: tally(0, 1) },
    ];
    const draws = 20_000;
    let wins = 0;
    for (let i = 0; i < draws; i++) if (thompsonPick(candidates, rng)?.item === "one success") wins++;
    // Standard error √(5/6 · 1/6 / 20000) ≈ 0.0026: 0.015 is more than five of them.
    expect(Math.abs(wins / draws - 5 / 6)).toBeLessThan(0.015);
  });

  it("returns the draw of the winner, a number in (0, 1)", () => {
    const pick = thompsonPick([{ item: "a", tally: tally(3, 2) }], mulberry32(5));
    expect(pick?.item).toBe("a");
    expect(pick!.draw).toBeGreaterThan(0);
    expect(pick!.draw).toBeLessThan(1);
  });

  it("with a cool-down factor of 10,000 always picks the higher mean, wherever it stands in the list", () => {
    const rng = mulberry32(99);
    // Means (1+3)/(2+5) ≈ 0.571 and (1+2)/(2+5) ≈ 0.429: close, yet the draws are sharp at this factor.
    const higherLast = [
      { item: "lower", tally: tally(2, 3) },
      { item: "higher", tally: tally(3, 2) },
    ];
    for (let i = 0; i < 2_000; i++) {
      expect(thompsonPick(higherLast, rng, 10_000)?.item).toBe("higher");
      expect(thompsonPick([...higherLast].reverse(), rng, 10_000)?.item).toBe("higher");
    }
  });

  it("with factor 1 the lower mean still wins sometimes (exploration)", () => {
    const rng = mulberry32(7);
    const candidates = [
      { item: "lower", tally: tally(2, 3) },
      { item: "higher", tally: tally(3, 2) },
    ];
    let lowerWins = 0;
    for (let i = 0; i < 2_000; i++) if (thompsonPick(candidates, rng)?.item === "lower") lowerWins++;
    expect(lowerWins).toBeGreaterThan(100);
  });

  it("has no pick among no candidates", () => {
    expect(thompsonPick([], mulberry32(1))).toBeUndefined();
  });
});

function agentRow(id: string, parentId: string | null): AgentRow {
  return {
    id,
    runId: "run",
    parentId,
    commit: `commit-${id}`,
    tree: `tree-${id}`,
    generation: parentId ? 1 : 0,
    status: "admitted",
    statusReason: null,
    scores: {},
    createdAt: "2026-01-01T00:00:00Z",
  };
}

let rowNumber = 0;
function evaluationRow(
  agentId: string,
  taskId: string,
  status: EvaluationRow["status"],
  stage: EvaluationRow["stage"] = "small",
): EvaluationRow {
  rowNumber++;
  return {
    id: `row-${rowNumber}`,
    agentId,
    runId: "run",
    taskId,
    suite: "builtin",
    stage,
    status,
    testsPassed: status === "passed" ? 1 : 0,
    testsTotal: 1,
    durationMs: 1,
    costUsd: 0,
    tokens: 0,
    patch: "",
    patchHash: "h",
    warnings: [],
    trajectoryRef: null,
    testOutput: "",
    grading: null,
    cacheKey: `key-${rowNumber}`,
    createdAt: "2026-01-01T00:00:00Z",
  };
}

/**
 * seed ─┬─ left ── grand
 *       └─ right
 * Pool t3, t1, t2 (deliberately unsorted); t4 is held out, "elsewhere" is not in the suite.
 */
function handTree(): SearchTree {
  const tree = new SearchTree(new Set(["t3", "t1", "t2"]));
  for (const agent of [
    agentRow("seed", null),
    agentRow("left", "seed"),
    agentRow("right", "seed"),
    agentRow("grand", "left"),
  ]) {
    tree.addAgent(agent);
  }
  const rows = [
    evaluationRow("seed", "t1", "passed"),
    evaluationRow("seed", "t2", "failed"),
    evaluationRow("left", "t1", "passed"),
    evaluationRow("left", "t2", "passed"),
    evaluationRow("left", "t3", "error"),
    evaluationRow("right", "t1", "timeout"),
    evaluationRow("grand", "t2", "passed"),
    evaluationRow("grand", "t3", "failed"),
    // Ignored: a held-out result (even on a pool task), a task outside the pool, an agent not in the tree.
    evaluationRow("grand", "t1", "passed", "test"),
    evaluationRow("grand", "t4", "passed", "test"),
    evaluationRow("right", "elsewhere", "passed"),
    evaluationRow("stranger", "t2", "passed"),
  ];
  for (const row of rows) tree.record(row);
  return tree;
}

describe("SearchTree", () => {
  it("tallies each agent's own results; an error is no result, a timeout is a failure", () => {
    const tree = handTree();
    expect(tree.own("seed")).toEqual(tally(1, 1));
    expect(tree.own("left")).toEqual(tally(2, 0));
    expect(tree.own("right")).toEqual(tally(0, 1));
    expect(tree.own("grand")).toEqual(tally(1, 1));
    expect(tree.own("stranger")).toEqual(tally(0, 0));
  });

  it("pools a clade's results: the agent's own plus every descendant's", () => {
    const tree = handTree();
    expect(tree.clade("grand")).toEqual(tally(1, 1));
    expect(tree.clade("left")).toEqual(tally(2 + 1, 0 + 1));
    expect(tree.clade("right")).toEqual(tally(0, 1));
    expect(tree.clade("seed")).toEqual(tally(1 + 2 + 0 + 1, 1 + 0 + 1 + 1));
  });

  it("counts an error as tried (not retried), ignores held-out and foreign rows, and keeps pool order", () => {
    const tree = handTree();
    const pool = ["t3", "t1", "t2"];
    expect(tree.untried("seed", pool)).toEqual(["t3"]);
    expect(tree.untried("left", pool)).toEqual([]);
    expect(tree.untried("right", pool)).toEqual(["t3", "t2"]);
    // Its "test" row on t1 does not make t1 tried.
    expect(tree.untried("grand", pool)).toEqual(["t1"]);
  });

  it("knows its agents and their number; a later result on a task replaces the earlier one", () => {
    const tree = handTree();
    expect(tree.size).toBe(4);
    expect(tree.agents().map((agent) => agent.id)).toEqual(["seed", "left", "right", "grand"]);
    expect(tree.has("stranger")).toBe(false);
    tree.record(evaluationRow("right", "t1", "passed"));
    expect(tree.own("right")).toEqual(tally(1, 0));
    expect(tree.clade("seed")).toEqual(tally(5, 2));
  });
});

describe("splitHeldOut", () => {
  const small = loadSuite("builtin:small");
  const medium = loadSuite("builtin:medium");
  const stages = (): EvaluationStage[] => [
    { name: "small", tasks: small, advanceAt: 0.4 },
    { name: "medium", tasks: medium, advanceAt: 0.4 },
  ];
  const ids = (tasks: readonly { qualifiedId: string }[]) => tasks.map((task) => task.qualifiedId);

  it("holds out the same tasks for the same seed, and other tasks for another seed", () => {
    const first = ids(splitHeldOut(stages(), 0.3, 11).heldOut);
    expect(ids(splitHeldOut(stages(), 0.3, 11).heldOut)).toEqual(first);
    expect(ids(splitHeldOut(stages(), 0.3, 12).heldOut)).not.toEqual(first);
    const all = new Set([...ids(small), ...ids(medium)]);
    expect(first).toHaveLength(Math.round(0.3 * all.size));
    expect(first).toEqual([...first].sort());
  });

  it("leaves no held-out task in any search stage, and every other task where it was", () => {
    const split = splitHeldOut(stages(), 0.3, 11);
    const heldOut = new Set(ids(split.heldOut));
    expect(split.stages.map((stage) => stage.name)).toEqual(["small", "medium"]);
    for (const [index, stage] of split.stages.entries()) {
      const original = ids(stages()[index]!.tasks);
      expect(ids(stage.tasks).some((id) => heldOut.has(id))).toBe(false);
      expect(ids(stage.tasks)).toEqual(original.filter((id) => !heldOut.has(id)));
    }
  });

  it("holds nothing out at fraction 0", () => {
    const split = splitHeldOut(stages(), 0, 11);
    expect(split.heldOut).toEqual([]);
    expect(ids(split.stages[1]!.tasks)).toEqual(ids(medium));
  });

  it("refuses a fraction that empties a stage, naming --test-split and the stage", () => {
    // One task per stage: whichever is held out leaves its stage empty.
    const tiny: EvaluationStage[] = [
      { name: "small", tasks: [small[0]!] },
      { name: "medium", tasks: [small[1]!] },
    ];
    expect(() => splitHeldOut(tiny, 0.5, 3)).toThrow(UsageError);
    expect(() => splitHeldOut(tiny, 0.5, 3)).toThrow(
      /--test-split 0\.5 leaves the (small|medium) stage without a task/,
    );
  });

  it("refuses a fraction that holds out every task", () => {
    const one: EvaluationStage[] = [{ name: "small", tasks: [small[0]!, small[1]!] }];
    expect(() => splitHeldOut(one, 0.9, 3)).toThrow(UsageError);
    expect(() => splitHeldOut(one, 0.9, 3)).toThrow(/--test-split 0\.9 would hold out all 2 tasks/);
  });
});
