// The decisions of the Huxley-Gödel Machine (arXiv 2510.21614), as pure functions: whether to expand
// (make a child) or evaluate (run one more task), and Thompson sampling over pass/fail counts.
import { sampleBeta, type Uniform } from "../../../common/index.ts";

/** Pass/fail counts: an agent's own results, or its clade's (itself and every descendant). */
export interface Tally {
  successes: number;
  failures: number;
}

/**
 * Expand when taskEvals^alpha ≥ (agents − 1) + pendingExpansions, else evaluate: the tree grows like
 * evals^alpha, so that evaluations keep up with the agents they must tell apart. `agents` counts the
 * seed, hence the − 1. (The scheduler passes every expansion started as an agent, failed ones too.)
 */
export function shouldExpand(taskEvals: number, agents: number, pendingExpansions: number, alpha: number): boolean {
  return taskEvals ** alpha >= agents - 1 + pendingExpansions;
}

/**
 * The cool-down multiplier (B / (B − b))^beta on both Beta parameters after b of B task evaluations:
 * the draws sharpen around the means as the budget runs out, turning exploration into exploitation.
 * At b ≥ B (the last decisions of an overspent budget) HGM's own code uses 10,000; so do we.
 */
export function cooldownFactor(spent: number, budget: number, beta: number): number {
  if (spent >= budget) return 10_000;
  return (budget / (budget - spent)) ** beta;
}

/**
 * Thompson sampling: one draw θ ~ Beta(factor·(1 + successes), factor·(1 + failures)) per candidate,
 * the argmax wins (the first one on a tie). Undefined for no candidates.
 */
export function thompsonPick<T>(
  candidates: readonly { item: T; tally: Tally }[],
  rng: Uniform,
  factor = 1,
): { item: T; draw: number } | undefined {
  let best: { item: T; draw: number } | undefined;
  for (const { item, tally } of candidates) {
    const draw = sampleBeta(factor * (1 + tally.successes), factor * (1 + tally.failures), rng);
    if (!best || draw > best.draw) best = { item, draw };
  }
  return best;
}
