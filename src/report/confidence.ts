// How sure a score is: per stage, the pass count with its 95% Wilson interval; the held-out split's
// results apart (they were not used to choose the agent, so they are not inflated by the choosing);
// and a paired comparison with the run's seed on the tasks both have (exact McNemar), because two
// agents' intervals overlap long before their difference on the same tasks stops being telling.
import { type EvaluationRow, type EvaluationStageName, type StageName, verdicts } from "../../archive/index.ts";
import { CONFIDENCE, mcnemarExact, pairResults, wilsonInterval } from "../../common/index.ts";

/** What a result needs to count here: evaluations and the views' TaskResults both have it. */
export type ResultRow = Pick<EvaluationRow, "taskId" | "stage" | "status">;

export interface StageInterval {
  stage: EvaluationStageName;
  passed: number;
  /** Tasks with a verdict; an infrastructure "error" says nothing about the agent and is not counted. */
  total: number;
  /** Tasks whose only results are errors. */
  errors: number;
  estimate: number;
  low: number;
  high: number;
}

export interface SeedComparison {
  seedId: string;
  /** "search": the tasks the agents were evaluated on during the run; "held-out": the --test-split tasks. */
  scope: "search" | "held-out";
  shared: number;
  passed: number;
  seedPassed: number;
  onlyThis: number;
  onlySeed: number;
  pValue: number;
}

export interface AgentConfidence {
  confidence: number;
  /** Search stages in order; each counts its own tasks and those of the stages before it, as its score does. */
  stages: StageInterval[];
  heldOut: StageInterval | null;
  /** Against the run's seed, search tasks first; empty for the seed itself. */
  vsSeed: SeedComparison[];
}

const STAGE_ORDER: readonly StageName[] = ["small", "medium", "full"];

function intervalOf(stage: EvaluationStageName, rows: readonly ResultRow[]): StageInterval {
  const { byTask, errors } = verdicts(rows);
  const passed = [...byTask.values()].filter(Boolean).length;
  const interval = wilsonInterval(passed, byTask.size, CONFIDENCE);
  return { stage, passed, total: byTask.size, errors, ...interval };
}

const isSearch = (row: ResultRow): boolean => row.stage !== "test";

/** One agent's intervals, and its comparison with the seed's results when a seed is given. */
export function agentConfidence(
  rows: readonly ResultRow[],
  seed?: { id: string; rows: readonly ResultRow[] },
): AgentConfidence {
  // Stages nest (small ⊂ medium ⊂ full) and each task is evaluated once, under the first stage that
  // has it: a stage's interval is over its rows and those of the stages before it.
  const stages = STAGE_ORDER.filter((stage) => rows.some((row) => row.stage === stage)).map((stage) =>
    intervalOf(
      stage,
      rows.filter((row) => isSearch(row) && STAGE_ORDER.indexOf(row.stage as StageName) <= STAGE_ORDER.indexOf(stage)),
    ),
  );
  const heldOutRows = rows.filter((row) => !isSearch(row));
  const vsSeed: SeedComparison[] = [];
  if (seed) {
    for (const scope of ["search", "held-out"] as const) {
      const mine = rows.filter((row) => isSearch(row) === (scope === "search"));
      const theirs = seed.rows.filter((row) => isSearch(row) === (scope === "search"));
      const own = verdicts(mine).byTask;
      const pair = pairResults(own, verdicts(theirs).byTask);
      // Held-out: only when both were finalists. Search: whenever this agent has a verdict, even if on no shared task.
      if (scope === "held-out" ? pair.shared.length === 0 : own.size === 0) continue;
      vsSeed.push({
        seedId: seed.id,
        scope,
        shared: pair.shared.length,
        passed: pair.both + pair.onlyFirst,
        seedPassed: pair.both + pair.onlySecond,
        onlyThis: pair.onlyFirst,
        onlySeed: pair.onlySecond,
        pValue: mcnemarExact(pair.onlyFirst, pair.onlySecond).pValue,
      });
    }
  }
  return {
    confidence: CONFIDENCE,
    stages,
    heldOut: heldOutRows.length > 0 ? intervalOf("test", heldOutRows) : null,
    vsSeed,
  };
}

/** "0.38–0.96". */
export const formatInterval = (interval: { low: number; high: number }): string =>
  `${interval.low.toFixed(2)}–${interval.high.toFixed(2)}`;

/** "0.29"; small values keep two significant digits ("0.0012") so they do not read as 0. */
export function formatPValue(p: number): string {
  return p >= 0.01 ? p.toFixed(2) : p.toPrecision(2);
}

/** "4/5 passed, 95% interval 0.38–0.96" (with the errors left out, when any). */
export function describeInterval(interval: StageInterval): string {
  const errors =
    interval.errors > 0 ? ` (${interval.errors} error${interval.errors === 1 ? "" : "s"} not counted)` : "";
  return `${interval.passed}/${interval.total} passed, ${Math.round(CONFIDENCE * 100)}% interval ${formatInterval(interval)}${errors}`;
}

/** "on 22 shared tasks: 15 vs 11 passed, +4 (6 only this agent, 2 only the seed), McNemar exact p = 0.29". */
export function describeSeedComparison(comparison: SeedComparison): string {
  if (comparison.shared === 0) return "no task in common with the seed yet";
  const difference = comparison.passed - comparison.seedPassed;
  const signed = difference > 0 ? `+${difference}` : difference < 0 ? `−${-difference}` : "±0";
  return `on ${comparison.shared} shared task${comparison.shared === 1 ? "" : "s"}: ${comparison.passed} vs ${comparison.seedPassed} passed, ${signed} (${comparison.onlyThis} only this agent, ${comparison.onlySeed} only the seed), McNemar exact p = ${formatPValue(comparison.pValue)}`;
}

/** The label of a comparison's line: "vs seed" or "vs seed (held-out)". */
export const seedComparisonLabel = (comparison: SeedComparison): string =>
  comparison.scope === "search" ? "vs seed" : "vs seed (held-out)";

/** An agent's intervals and seed comparisons as short phrases, for one-line views (the report, the web UI). */
export function confidencePhrases(confidence: AgentConfidence): string[] {
  return [
    ...confidence.stages.map((interval) => `${interval.stage} ${describeInterval(interval)}`),
    ...(confidence.heldOut ? [`held-out ${describeInterval(confidence.heldOut)}`] : []),
    ...confidence.vsSeed.map(
      (comparison) => `${seedComparisonLabel(comparison)} ${describeSeedComparison(comparison)}`,
    ),
  ];
}
