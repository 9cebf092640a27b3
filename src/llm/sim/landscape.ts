// The simulator's fitness landscape: every number that decides how well an agent solves tasks and how
// well it modifies itself, in one place, each with its reason. The numbers were fixed before any
// scheduler was compared on them (issue 16) and are not tuned to the outcome of bench:search.
//
// What makes search matter here: skills live in the agent's own prompt, so children inherit them
// (heritable); two of them ("plan", "read_first") barely help on tasks but make the agent a much better
// modifier of itself (fewer broken builds, fewer misguided edits). A clade rooted in a good modifier
// therefore improves faster than its root's own score suggests — the mismatch between an agent's
// score and its descendants' that HGM's clade statistics exploit and DGM's own-score selection misses.
import type { SimTaskKnowledge } from "./oracle.ts";

export type Difficulty = SimTaskKnowledge["difficulty"];

/**
 * First-pass success of an agent with no skill. The seed (two tool skills: ranged view, undo) then
 * lands near 40%, about where DGM's seed starts on Polyglot-like tasks relative to its ceiling.
 */
export const baseRate: Readonly<Record<Difficulty, number>> = { easy: 0.22, medium: 0.16, hard: 0.08 };

/**
 * What each skill adds to first-pass success. Task-level habits (handling edge cases, retrying a failed
 * tool call, small edits, ranged views, undo) help on every task. Planning and reading the code first
 * help little on small single-file tasks; their value is in changing a larger code base — the agent
 * itself (see `selfModifyRates`). run_tests adds nothing to the first answer; it fixes wrong ones.
 */
export const solveGain: Readonly<Record<string, number>> = {
  retry_on_error: 0.12,
  edge_cases: 0.12,
  minimal_edits: 0.12,
  ranged_view: 0.12,
  undo: 0.12,
  plan: 0.04,
  read_first: 0.04,
  run_tests: 0,
};

/** First-pass success never exceeds this: some tasks defeat every agent on a first try. */
export const firstPassCap = 0.9;

/** With run_tests and a shell, a wrong first answer is noticed and fixed with this probability. */
export const fixAfterCheck = 0.3;

/** How far an agent's own noise moves its success threshold on one task (± half of this). */
export const agentNoise = 0.1;

/**
 * Harmful instructions a misguided self-modification writes into the prompt: plausible advice that
 * makes the agent worse, as real self-modification often does (most DGM children score below their
 * parent). Each costs `harmPerInstruction` of first-pass success. Their patterns must not match any
 * helpful skill's pattern (tests/llm/sim-landscape.test.ts checks that).
 */
export const harmfulInstructions = [
  {
    name: "rewrite_files",
    pattern: /rewrite each file you change in full/i,
    sentence: "Rewrite each file you change in full instead of editing it in place.",
  },
  {
    name: "skip_reading",
    pattern: /start editing straight away/i,
    sentence: "Start editing straight away; looking around first wastes steps.",
  },
  {
    name: "first_idea",
    pattern: /go with your first idea/i,
    sentence: "Go with your first idea and finish quickly.",
  },
] as const;

export const harmPerInstruction = 0.1;

/**
 * How a modifier's own skills shape the edits it makes to an agent:
 * - it breaks the build (a syntax or type error the gate rejects) at `breakBuild`, halved when it
 *   checks its work (run_tests): a check compiles the edit;
 * - it changes nothing at `changeNothing`, whatever its skills (the proposal looked done already);
 * - otherwise, it makes a misguided edit (a harmful instruction instead of the proposal) at
 *   `misguided`, less for each of plan and read_first: a modifier that plans its change and reads the
 *   code it edits follows the proposal it was given.
 */
export function selfModifyRates(modifierSkills: ReadonlySet<string>): {
  breakBuild: number;
  changeNothing: number;
  misguided: number;
} {
  const breakBuild = modifierSkills.has("run_tests") ? 0.1 : 0.2;
  const misguided = 0.4 - 0.15 * Number(modifierSkills.has("plan")) - 0.15 * Number(modifierSkills.has("read_first"));
  return { breakBuild, changeNothing: 0.1, misguided };
}

/** The first-pass success probability before the agent's own noise: base + gains − harm, within [0, cap]. */
export function firstPassProbability(difficulty: Difficulty, skills: ReadonlySet<string>): number {
  let probability = baseRate[difficulty];
  for (const skill of skills) probability += solveGain[skill] ?? 0;
  for (const harmful of harmfulInstructions) if (skills.has(harmful.name)) probability -= harmPerInstruction;
  return Math.max(0, Math.min(firstPassCap, probability));
}
