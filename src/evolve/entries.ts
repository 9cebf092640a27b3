// What a child should learn from: a task its parent failed, or one of DGM's special entries.
// Pure: the parent's evaluation rows and a seeded random number in, an entry out. A parent with no
// failure at all still gets an entry (DGM crashes there).
import type { EvaluationRow } from "../../archive/index.ts";

export const specialEntries = {
  /** The parent often produced no patch at all: teach it to always make a change. */
  emptyPatches: "solve_empty_patches",
  /** The parent's results vary between runs: teach it to verify and retry. */
  stochasticity: "solve_stochasticity",
  /** The parent ran out of context or steps: teach it to manage its context. */
  contextLength: "solve_contextlength",
} as const;

export type SpecialEntry = (typeof specialEntries)[keyof typeof specialEntries];

export function isSpecialEntry(entry: string): entry is SpecialEntry {
  return (Object.values(specialEntries) as string[]).includes(entry);
}

/** Chances of picking a special entry when it applies (DGM uses similar small probabilities). */
const emptyPatchChance = 0.25;
const contextLengthChance = 0.25;
const stochasticityChance = 0.1;

/** One result per task: the latest evaluation wins. */
function latestPerTask(evaluations: EvaluationRow[]): EvaluationRow[] {
  const byTask = new Map<string, EvaluationRow>();
  for (const row of evaluations) {
    const seen = byTask.get(row.taskId);
    if (!seen || seen.createdAt <= row.createdAt) byTask.set(row.taskId, row);
  }
  return [...byTask.values()].sort((a, b) => a.taskId.localeCompare(b.taskId));
}

/** The agent hit its wall time, step or token limit (the runner's warnings say so), not just a wrong answer. */
function ranOutOfRoom(row: EvaluationRow): boolean {
  return (
    row.status === "timeout" ||
    row.warnings.some((warning) => /did not stop within|step limit|token limit|context length/i.test(warning))
  );
}

/**
 * Chooses the entry for one child. `random` returns numbers in [0, 1) from the run's seeded RNG;
 * each call consumes a fixed number of draws so that runs are reproducible.
 */
export function chooseEntry(evaluations: EvaluationRow[], random: () => number): string {
  const results = latestPerTask(evaluations);
  const failed = results.filter((row) => row.status !== "passed");
  const empty = results.filter((row) => row.patch.trim() === "");
  const outOfRoom = results.filter(ranOutOfRoom);
  const [roll, pick] = [random(), random()];

  if (results.length > 0 && empty.length / results.length >= 0.1 && roll < emptyPatchChance) {
    return specialEntries.emptyPatches;
  }
  if (outOfRoom.length > 0 && roll < emptyPatchChance + contextLengthChance) return specialEntries.contextLength;
  if (failed.length === 0 || roll > 1 - stochasticityChance) return specialEntries.stochasticity;
  return failed[Math.floor(pick * failed.length)]!.taskId;
}
