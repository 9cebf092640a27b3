// The simulator's landscape: harmful instructions never read as helpful skills, and the true score (for
// benchmarks only) is the exact expectation of what the simulator's draws do.
import { describe, expect, it } from "vitest";
import { promptSkills, promptSkillsIn, simFinalSolution, simTrueScore } from "../../src/llm/index.ts";
import { firstPassProbability, harmfulInstructions, selfModifyRates } from "../../src/llm/sim/landscape.ts";
import { expectedSuccess } from "../../src/llm/sim/true-score.ts";

const seedSkills = new Set(["ranged_view", "undo"]);

describe("sim landscape", () => {
  it("keeps helpful and harmful instructions apart", () => {
    for (const harmful of harmfulInstructions) {
      expect([...promptSkillsIn(harmful.sentence)]).toEqual([harmful.name]);
    }
    for (const skill of promptSkills) expect([...promptSkillsIn(skill.sentence)]).toEqual([skill.name]);
  });

  it("computes first-pass success from gains and harm, within [0, cap]", () => {
    // Hand-computed: base + 0.12 per task skill + 0.04 per meta skill − 0.1 per harmful instruction.
    expect(firstPassProbability("easy", seedSkills)).toBeCloseTo(0.46, 12);
    expect(firstPassProbability("hard", new Set([...seedSkills, "plan", "read_first"]))).toBeCloseTo(0.4, 12);
    expect(firstPassProbability("hard", new Set(["rewrite_files", "first_idea"]))).toBe(0);
    const everything = ["ranged_view", "undo", "retry_on_error", "edge_cases", "minimal_edits", "plan", "read_first"];
    // 0.22 + 0.68 reaches the cap exactly; more can never pass it.
    expect(firstPassProbability("easy", new Set(everything))).toBeCloseTo(0.9, 12);
    expect(firstPassProbability("easy", new Set([...everything, "run_tests"]))).toBeLessThanOrEqual(0.9);
  });

  it("gives the exact expected success, noise and check included", () => {
    // Away from the bounds the agent's noise averages out: the seed's mix on the built-in suite
    // (15 easy at 0.46, 20 medium at 0.40, 15 hard at 0.32) is 19.7/50 = 0.394.
    const builtinMix = [...Array(15).fill("easy"), ...Array(20).fill("medium"), ...Array(15).fill("hard")];
    expect(simTrueScore(seedSkills, false, builtinMix)).toBeCloseTo(0.394, 12);
    // A check fixes 30% of wrong answers: 0.46 + 0.54 · 0.3.
    expect(expectedSuccess("easy", seedSkills, true)).toBeCloseTo(0.622, 12);
    // Near 0 the threshold p + n, n ~ U(−0.05, 0.05), is clamped: p = 0.08 − 0.1 + 0.04 = 0.02 →
    // ∫₀^0.07 x dx / 0.1 = 0.0245.
    expect(expectedSuccess("hard", new Set(["rewrite_files", "plan"]), false)).toBeCloseTo(0.0245, 12);
    expect(simTrueScore(seedSkills, false, [])).toBe(0);
  });

  it("matches what the simulator's draws do, over many tasks", () => {
    const task = { solutionFiles: { "a.js": "ok\n" }, stubFiles: { "a.js": "stub\n" }, difficulty: "medium" as const };
    for (const [skills, checksWork] of [
      [seedSkills, false],
      [new Set([...seedSkills, "run_tests", "edge_cases"]), true],
      [new Set(["skip_reading"]), false],
    ] as const) {
      let right = 0;
      const draws = 4000;
      for (let i = 0; i < draws; i++) {
        const draw = { seed: 5, taskId: `task-${i}`, agentFingerprint: `agent-${i % 7}` };
        if (simFinalSolution(task, new Set(skills), draw, checksWork).right) right++;
      }
      // Binomial standard error at n = 4000 is at most 0.008; 0.03 is almost four of them.
      expect(Math.abs(right / draws - expectedSuccess("medium", skills, checksWork))).toBeLessThan(0.03);
    }
  });

  it("makes a modifier that plans, reads first and checks its work a better one", () => {
    expect(selfModifyRates(new Set())).toEqual({ breakBuild: 0.2, changeNothing: 0.1, misguided: 0.4 });
    const good = selfModifyRates(new Set(["plan", "read_first", "run_tests"]));
    expect(good.breakBuild).toBe(0.1);
    expect(good.misguided).toBeCloseTo(0.1, 12);
  });
});
