// An agent's TRUE score under the simulator: its expected pass rate on a task mix, computed exactly from
// the skills its source expresses — no draws, no noise. For benchmarks that judge search (bench:search)
// against ground truth; never for the loop, which must learn scores by evaluating, as with real models.
// (tests/architecture.test.ts keeps it out of every room but bench and tests.)
import { agentNoise, type Difficulty, firstPassProbability, fixAfterCheck } from "./landscape.ts";

/** ∫ clamp(x, 0, 1) dx from 0 to x: the area a threshold of x covers. */
function clampedArea(x: number): number {
  if (x <= 0) return 0;
  if (x <= 1) return (x * x) / 2;
  return 0.5 + (x - 1);
}

/**
 * P(first answer right) = P(u < p + n) with u ~ U(0,1) the task's draw and n ~ U(−a/2, a/2) the agent's
 * noise, independent: E[clamp(p + n, 0, 1)], in closed form.
 */
function expectedFirstPass(probability: number): number {
  const half = agentNoise / 2;
  return (clampedArea(probability + half) - clampedArea(probability - half)) / agentNoise;
}

/** Expected success on one task of this difficulty; a wrong first answer is fixed after a check at fixAfterCheck. */
export function expectedSuccess(difficulty: Difficulty, skills: ReadonlySet<string>, checksWork: boolean): number {
  const first = expectedFirstPass(firstPassProbability(difficulty, skills));
  return checksWork ? first + (1 - first) * fixAfterCheck : first;
}

/** The mean expected success over a task mix (one difficulty per task); 0 for no tasks. */
export function trueScore(
  skills: ReadonlySet<string>,
  checksWork: boolean,
  difficulties: readonly Difficulty[],
): number {
  if (difficulties.length === 0) return 0;
  let total = 0;
  for (const difficulty of difficulties) total += expectedSuccess(difficulty, skills, checksWork);
  return total / difficulties.length;
}
