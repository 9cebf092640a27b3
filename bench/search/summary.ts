// bench:search's figures from the searches' outcomes: per policy and budget, the median true score of the
// final pick and the regrets of the two ways to pick, each with a bootstrap 95% interval over seeds; and
// how many task evaluations each policy needs to reach the true score DGM's final pick has at the largest
// budget, read from the trace of the search's own lower-bound pick.
import { deriveSeed, mulberry32 } from "../../archive/index.ts";
import { bootstrapInterval, median } from "../../common/index.ts";
import type { Policy, SearchOutcome } from "./one-search.ts";

export interface Estimate {
  median: number;
  low: number;
  high: number;
}

export interface PolicyRow {
  policy: Policy;
  budget: number;
  seeds: number;
  finalTrue: Estimate;
  highestObservedTrue: Estimate;
  /** best true score among the agents made − the pick's true score. */
  regretHighestObserved: Estimate;
  regretFinalists: Estimate;
  /** Mean regrets: a median is 0 whenever most seeds pick right, and then hides how wrong the rest are. */
  meanRegretHighestObserved: number;
  meanRegretFinalists: number;
  agents: number;
  evals: number;
  finalistEvals: number;
  seconds: number;
}

export interface ReachRow {
  policy: Policy;
  /** Per seed: evaluations until the search's pick is as good as DGM's final pick at the largest budget (Infinity: never). */
  evalsToReach: number[];
  median: number;
  /** Bootstrap 95% interval of the median (an end is Infinity when resamples mostly never reach). */
  interval: Estimate;
  /** median / the largest budget. */
  ratio: number;
  reached: number;
}

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

function estimate(values: readonly number[], label: string): Estimate {
  const rng = mulberry32(deriveSeed(1, label));
  const interval = bootstrapInterval(values, median, rng, { resamples: 2000 });
  return { median: median(values), low: interval.low, high: interval.high };
}

export function policyRows(outcomes: readonly SearchOutcome[]): PolicyRow[] {
  const groups = new Map<string, SearchOutcome[]>();
  for (const outcome of outcomes) {
    const key = `${outcome.policy}\t${outcome.budget}`;
    groups.set(key, [...(groups.get(key) ?? []), outcome]);
  }
  return [...groups.entries()].map(([key, group]) => {
    const first = group[0]!;
    const picked = group.map((o) => o.finalPickTrue ?? o.highestObservedTrue);
    return {
      policy: first.policy,
      budget: first.budget,
      seeds: group.length,
      finalTrue: estimate(picked, `${key} final`),
      highestObservedTrue: estimate(
        group.map((o) => o.highestObservedTrue),
        `${key} observed`,
      ),
      regretHighestObserved: estimate(
        group.map((o) => o.bestTrue - o.highestObservedTrue),
        `${key} regret observed`,
      ),
      regretFinalists: estimate(
        group.map((o, i) => o.bestTrue - picked[i]!),
        `${key} regret finalists`,
      ),
      meanRegretHighestObserved: mean(group.map((o) => o.bestTrue - o.highestObservedTrue)),
      meanRegretFinalists: mean(group.map((o, i) => o.bestTrue - picked[i]!)),
      agents: median(group.map((o) => o.agents)),
      evals: median(group.map((o) => o.evals)),
      finalistEvals: median(group.map((o) => o.finalistEvals)),
      seconds: median(group.map((o) => o.ms / 1000)),
    };
  });
}

/** The first evaluation count at which the trace's pick has at least `target` (Infinity when it never does). */
export function evalsToReach(trace: readonly [number, number][], target: number): number {
  for (const [evals, score] of trace) if (score >= target - 1e-9) return evals;
  return Number.POSITIVE_INFINITY;
}

export function reachRows(outcomes: readonly SearchOutcome[], policies: readonly Policy[]): ReachRow[] {
  const largest = Math.max(...outcomes.map((o) => o.budget));
  const atLargest = outcomes.filter((o) => o.budget === largest);
  const targets = new Map(
    atLargest.filter((o) => o.policy === "dgm").map((o) => [o.seed, o.finalPickTrue ?? o.highestObservedTrue]),
  );
  return policies.map((policy) => {
    const runs = atLargest.filter((o) => o.policy === policy && targets.has(o.seed));
    const evals = runs.map((o) => evalsToReach(o.trace, targets.get(o.seed)!));
    const middle = evals.length > 0 ? median(evals) : Number.NaN;
    return {
      policy,
      evalsToReach: evals,
      median: middle,
      interval:
        evals.length > 0
          ? estimate(evals, `${policy} reach`)
          : { median: Number.NaN, low: Number.NaN, high: Number.NaN },
      ratio: middle / largest,
      reached: evals.filter(Number.isFinite).length,
    };
  });
}

/** Each policy's final pick at half the largest budget against DGM's at the largest: who gets there on half. */
function halfBudgetLines(rows: readonly PolicyRow[], largest: number): string[] {
  const dgm = rows.find((row) => row.policy === "dgm" && row.budget === largest);
  const half = rows.filter((row) => row.budget === largest / 2);
  if (!dgm || half.length === 0) return [];
  return [
    `final pick on half the budget (${largest / 2}) against DGM's on all of it (${largest}: ${dgm.finalTrue.median.toFixed(3)}):`,
    ...half.map(
      (row) =>
        `  ${row.policy.padEnd(7)} ${row.finalTrue.median.toFixed(3)} [${row.finalTrue.low.toFixed(3)}, ${row.finalTrue.high.toFixed(3)}]`,
    ),
    "",
  ];
}

const fmt = (e: Estimate) => `${e.median.toFixed(3)} [${e.low.toFixed(3)}, ${e.high.toFixed(3)}]`;

export function formatTables(rows: readonly PolicyRow[], reach: readonly ReachRow[], largest: number): string {
  const header = [
    "policy",
    "budget",
    "seeds",
    "true score of final pick",
    "regret: highest observed (mean)",
    "regret: LCB after finalists (mean)",
    "agents",
    "evals",
    "held-out evals",
    "s/run",
  ];
  const body = [...rows]
    .sort((a, b) => a.budget - b.budget || a.policy.localeCompare(b.policy))
    .map((row) => [
      row.policy,
      String(row.budget),
      String(row.seeds),
      fmt(row.finalTrue),
      `${fmt(row.regretHighestObserved)} (${row.meanRegretHighestObserved.toFixed(3)})`,
      `${fmt(row.regretFinalists)} (${row.meanRegretFinalists.toFixed(3)})`,
      String(row.agents),
      String(row.evals),
      String(row.finalistEvals),
      row.seconds.toFixed(1),
    ]);
  const table = [header, ...body];
  const widths = header.map((_, i) => Math.max(...table.map((line) => line[i]!.length)));
  const lines = table.map((line) => line.map((cell, i) => cell.padEnd(widths[i]!)).join("  "));
  const count = (n: number) => (Number.isFinite(n) ? String(Math.round(n)) : "never");
  const reachLines = reach.map(
    (row) =>
      `  ${row.policy.padEnd(7)} median ${count(row.median)} evals [${count(row.interval.low)}, ${count(row.interval.high)}] = ${Number.isFinite(row.ratio) ? row.ratio.toFixed(2) : "∞"}× of ${largest}  (reached within ${largest} in ${row.reached}/${row.evalsToReach.length} seeds)`,
  );
  const halfBudget = halfBudgetLines(rows, largest);
  return [
    "median over seeds [bootstrap 95% interval of the median]; true scores are the simulator's exact expected pass rates",
    lines.join("\n"),
    "",
    ...halfBudget,
    `task evaluations until the search's lower-bound pick is as good as DGM's final pick at ${largest}:`,
    ...reachLines,
  ].join("\n");
}
