import { Command } from "commander";
import { describe, expect, it } from "vitest";
import {
  type AgentRow,
  ArchiveError,
  mulberry32,
  scoreChildPropWeights,
  selectionStrategyNames,
  selectParents,
  sigmoid,
} from "../../archive/index.ts";
import { registerEvolveCommand } from "../../src/cli/commands/evolve.ts";
import { demoOptions, parseEvolveOptions } from "../../src/evolve/options.ts";

function agent(id: string, scores: AgentRow["scores"], createdAt = "2024-01-01T00:00:00.000Z"): AgentRow {
  return {
    id,
    runId: "r",
    parentId: null,
    commit: "c",
    tree: "t",
    generation: 0,
    status: "admitted",
    statusReason: null,
    scores,
    createdAt,
  };
}

const candidates = [
  agent("weak", { small: 0.1 }),
  agent("mid", { small: 0.9, medium: 0.5 }), // headline 0.5: its largest stage
  agent("strong", { full: 0.8 }),
  agent("strong-explored", { full: 0.8 }),
  agent("perfect", { full: 1 }),
];
const children = new Map([
  ["strong-explored", 3],
  ["perfect", 1],
]);

/** Pearson's chi-square statistic of observed counts against expected probabilities. */
function chiSquare(counts: number[], probabilities: number[], draws: number): number {
  return counts.reduce((sum, count, i) => {
    const expected = (probabilities[i] ?? 0) * draws;
    return sum + (count - expected) ** 2 / expected;
  }, 0);
}

describe("parent selection", () => {
  it("score_child_prop samples in proportion to sigmoid(10·(score−0.5)) / (1 + admitted children)", () => {
    const weights = scoreChildPropWeights(candidates, children);
    expect(weights[1]).toBeCloseTo(0.5); // mid: headline 0.5, no children
    expect(weights[3]).toBeCloseTo(sigmoid(3) / 4);
    const total = weights.reduce((a, b) => a + b, 0);
    const probabilities = weights.map((w) => w / total);

    const draws = 200_000;
    const picks = selectParents("score_child_prop", candidates, children, draws, mulberry32(20240601));
    const counts = candidates.map((c) => picks.filter((p) => p.id === c.id).length);
    // 4 degrees of freedom: P(χ² > 18.47) = 0.001. The seed is fixed, so this is deterministic, not flaky.
    expect(chiSquare(counts, probabilities, draws)).toBeLessThan(18.47);
    // A formula slip (e.g. ignoring children) would be far outside that bound.
    const ignoringChildren = candidates.map((c) =>
      sigmoid(10 * ((c.id === "mid" ? 0.5 : (c.scores.full ?? c.scores.small ?? 0)) - 0.5)),
    );
    const wrongTotal = ignoringChildren.reduce((a, b) => a + b, 0);
    expect(
      chiSquare(
        counts,
        ignoringChildren.map((w) => w / wrongTotal),
        draws,
      ),
    ).toBeGreaterThan(1000);
  });

  it("is reproducible from the seed", () => {
    const a = selectParents("score_prop", candidates, children, 50, mulberry32(7)).map((x) => x.id);
    const b = selectParents("score_prop", candidates, children, 50, mulberry32(7)).map((x) => x.id);
    const c = selectParents("score_prop", candidates, children, 50, mulberry32(8)).map((x) => x.id);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it("random is uniform and best picks the real best (DGM's picks the worst)", () => {
    const draws = 50_000;
    const picks = selectParents("random", candidates, children, draws, mulberry32(3));
    const counts = candidates.map((c) => picks.filter((p) => p.id === c.id).length);
    expect(
      chiSquare(
        counts,
        candidates.map(() => 1 / candidates.length),
        draws,
      ),
    ).toBeLessThan(18.47);

    const tied = [
      ...candidates,
      agent("perfect-later", { full: 1 }, "2024-02-01T00:00:00.000Z"),
      agent("perfect-small", { small: 1 }),
    ];
    expect(selectParents("best", tied, children, 3, mulberry32(1)).map((a) => a.id)).toEqual([
      "perfect",
      "perfect-later",
      "perfect-small",
    ]);
  });

  it("reports unknown strategies and empty archives as ArchiveErrors", () => {
    expect(() => selectParents("worst", candidates, children, 1, mulberry32(1))).toThrow(
      /Unknown parent selection strategy "worst"/,
    );
    expect(() => selectParents("random", [], children, 1, mulberry32(1))).toThrow(ArchiveError);
  });
});

describe("one list of strategy names", () => {
  it("every listed name selects, and the run options and `dgm evolve --strategy` accept exactly that list", () => {
    for (const name of selectionStrategyNames) {
      expect(selectParents(name, candidates, children, 3, mulberry32(5))).toHaveLength(3);
    }
    const program = new Command();
    registerEvolveCommand(program);
    const strategyFlag = program.commands
      .find((command) => command.name() === "evolve")
      ?.options.find((option) => option.long === "--strategy");
    expect(strategyFlag?.argChoices).toEqual([...selectionStrategyNames]);
    for (const name of selectionStrategyNames) {
      expect(parseEvolveOptions({ ...demoOptions(), strategy: name }).strategy).toBe(name);
    }
    expect(() => parseEvolveOptions({ ...demoOptions(), strategy: "worst" })).toThrow(/strategy/);
    expect(() => selectParents("worst", candidates, children, 1, mulberry32(1))).toThrow(
      `use one of: ${selectionStrategyNames.join(", ")}.`,
    );
  });
});
