// The shapes of a run's cost estimate: tokens split the way prices are (fresh input, cached input,
// output), every figure as low / expected / high, and the estimate itself as `--json` prints it.

/** Tokens of one unit of work (a task session, a self-modification, a diagnosis) or of many. */
export interface TokenSplit {
  /** All input tokens, cached ones included (as the API reports prompt_tokens). */
  prompt: number;
  /** The part of `prompt` read from the provider's prompt cache (billed at the cached rate). */
  cached: number;
  completion: number;
}

/** A figure as a bracket: `low` and `high` put every assumption at its low or high end at once. */
export interface Spread<T> {
  low: T;
  expected: T;
  high: T;
}

export type UnitKind = "task" | "self-modify" | "diagnose";

/** Where a unit's tokens come from, in words for the output ("history: 34 task sessions of gpt-4.1-mini…"). */
export interface UnitFigures {
  tokens: Spread<TokenSplit>;
  basis: "history" | "prior";
  /** e.g. "history: 34 task sessions of gpt-4.1-mini in this archive". */
  describe: string;
}

export interface PriceLine {
  /** USD per million tokens. */
  input: number;
  cachedInput: number;
  output: number;
}

export interface ModelLine {
  role: "solve" | "diagnose";
  provider: string;
  model: string;
  /** False for sim, scripted and replay: they call no paid model. */
  real: boolean;
  /** null: no price known for a real model (the estimate then gives tokens only for its rows). */
  price: PriceLine | null;
  /** The config line that adds a missing price. */
  priceFix?: string;
}

export interface EstimateRow {
  name: "seed evaluation" | "task runs" | "self-modifications" | "diagnoses";
  role: "solve" | "diagnose";
  count: Spread<number>;
  tokens: Spread<TokenSplit>;
  /** null when the role's model has no known price. */
  usd: Spread<number> | null;
}

export interface RunEstimate {
  /** Children the estimate covers (all of a new run, the rest of a resumed one). */
  children: number;
  /** What is estimated, in words: "40 children (20 generations × 2)", "the remaining 12 children". */
  scope: string;
  seedEvaluated: boolean;
  suite: string;
  /** e.g. ["small", "medium at ≥ 0.4"] */
  stages: string[];
  models: { solve: ModelLine; diagnose: ModelLine };
  rows: EstimateRow[];
  total: { tokens: Spread<number>; usd: Spread<number> | null };
  /** Where the figures come from, one line per source. */
  basis: string[];
  /** The run's --budget-usd, to say when it stops the run before the expected spend. */
  budgetUsd: number | null;
  assumptions: string[];
}

/** What the live view and the run's event log keep: the dollars (or tokens, when unpriced) to compare spend with. */
export interface EstimateSummary {
  usd: Spread<number> | null;
  tokens: Spread<number>;
}
