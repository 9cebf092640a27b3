// Parent selection: pure functions over archive rows and a seeded RNG, so a run's choices replay exactly.
import { ArchiveError } from "./errors.ts";
import type { Rng } from "./random.ts";
import { stageRank } from "./rows.ts";
import type { AgentRow, StageName } from "./types.ts";

/** An agent's headline score: its score on the largest stage it was evaluated on (undefined if none). */
export function headlineScore(agent: Pick<AgentRow, "scores">): number | undefined {
  // Direct reads, largest stage first: this runs once per candidate per selection (70,000 candidates in bench:archive).
  return agent.scores.full ?? agent.scores.medium ?? agent.scores.small;
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Weight of each candidate (same order). */
type WeightFunction = (candidates: readonly AgentRow[], admittedChildren: ReadonlyMap<string, number>) => number[];

/** Samples `n` parents (with replacement, as DGM does). */
type SelectFunction = (
  candidates: readonly AgentRow[],
  admittedChildren: ReadonlyMap<string, number>,
  n: number,
  rng: Rng,
) => AgentRow[];

/** DGM's default: sigmoid(10·(score − 0.5)) · 1/(1 + admitted children) — good agents, not yet explored. */
export function scoreChildPropWeights(
  candidates: readonly AgentRow[],
  admittedChildren: ReadonlyMap<string, number>,
): number[] {
  return candidates.map(
    (agent) => sigmoid(10 * ((headlineScore(agent) ?? 0) - 0.5)) / (1 + (admittedChildren.get(agent.id) ?? 0)),
  );
}

/** Proportional to sigmoid(10·(score − 0.5)), ignoring how explored a parent is. */
function scorePropWeights(candidates: readonly AgentRow[]): number[] {
  return candidates.map((agent) => sigmoid(10 * ((headlineScore(agent) ?? 0) - 0.5)));
}

/** Samples `n` indexes proportionally to `weights` (all-zero weights fall back to uniform). */
function sampleWeighted(weights: readonly number[], n: number, rng: Rng): number[] {
  const cumulative: number[] = [];
  let total = 0;
  for (const weight of weights) {
    total += Number.isFinite(weight) && weight > 0 ? weight : 0;
    cumulative.push(total);
  }
  const picks: number[] = [];
  for (let i = 0; i < n; i++) {
    if (total <= 0) {
      picks.push(Math.floor(rng() * weights.length));
      continue;
    }
    const target = rng() * total;
    // Binary search: the first cumulative weight above the target.
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] ?? 0) > target) hi = mid;
      else lo = mid + 1;
    }
    picks.push(lo);
  }
  return picks;
}

function weighted(weights: WeightFunction): SelectFunction {
  return (candidates, admittedChildren, n, rng) =>
    sampleWeighted(weights(candidates, admittedChildren), n, rng).map((index) => candidates[index]!);
}

/** The real best (DGM's `best` sorts ascending and so picks the worst): the top n by the archive's ranking. */
const best: SelectFunction = (candidates, _admittedChildren, n) => {
  const ranked = [...candidates].sort(compareAgents);
  return Array.from({ length: n }, (_, i) => ranked[i % ranked.length]!);
};

/** Ranking order shared with the archive's bestAgent/leaderboard: score desc, larger stage, earlier created. */
export function compareAgents(a: AgentRow, b: AgentRow): number {
  const byScore = (headlineScore(b) ?? -1) - (headlineScore(a) ?? -1);
  if (byScore !== 0) return byScore;
  const byStage = largestStage(b) - largestStage(a);
  if (byStage !== 0) return byStage;
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
}

function largestStage(agent: AgentRow): number {
  return Math.max(0, ...Object.keys(agent.scores).map((stage) => stageRank[stage as StageName] ?? 0));
}

/**
 * The one list of strategy names: the run options' schema and `dgm evolve --strategy` take their choices from it,
 * and `strategies` below must implement exactly these (the compiler checks the record's keys against it).
 */
export const selectionStrategyNames = ["score_child_prop", "score_prop", "random", "best"] as const;
export type SelectionStrategyName = (typeof selectionStrategyNames)[number];

const strategies: Record<SelectionStrategyName, SelectFunction> = {
  /** DGM's default: sigmoid(10·(score−0.5)) / (1 + admitted children). */
  score_child_prop: weighted(scoreChildPropWeights),
  /** Proportional to sigmoid(10·(score−0.5)). */
  score_prop: weighted(scorePropWeights),
  /** Uniform over the candidates. */
  random: weighted((candidates) => candidates.map(() => 1)),
  /** The n highest-scoring agents (ties: larger stage, then earlier created), repeating if fewer. */
  best,
};

function isSelectionStrategyName(name: string): name is SelectionStrategyName {
  return (selectionStrategyNames as readonly string[]).includes(name);
}

/**
 * Picks `n` parents from `candidates` (admitted, scored agents) with the named strategy.
 * Throws on an unknown strategy or an empty candidate list: both are configuration errors the caller must report.
 */
export function selectParents(
  strategy: string,
  candidates: readonly AgentRow[],
  admittedChildren: ReadonlyMap<string, number>,
  n: number,
  rng: Rng,
): AgentRow[] {
  // Any string is checked here, so a bad name reaches the user as this error, never as a crash further down.
  if (!isSelectionStrategyName(strategy)) {
    const known = selectionStrategyNames.join(", ");
    throw new ArchiveError(`Unknown parent selection strategy "${strategy}"; use one of: ${known}.`);
  }
  if (n <= 0) return [];
  if (candidates.length === 0) {
    throw new ArchiveError("No admitted agent with a score to select a parent from; evaluate the seed agent first.");
  }
  return strategies[strategy](candidates, admittedChildren, n, rng);
}
