// The run budget shared by every session of a run. The gateway refuses a call once the budget is
// spent, so a run overshoots by at most the calls already in flight; the loop asks exhausted() to
// stop scheduling new work.
export interface RunBudget {
  readonly limitUsd: number | null;
  readonly limitTokens: number | null;
  charge(tokens: number, costUsd: number | null): void;
  /** Why the budget is exhausted ("run budget of $5.00 reached"), or null while money and tokens remain. */
  exhaustedReason(): string | null;
  exhausted(): boolean;
  spent(): { tokens: number; usd: number; unknownCostCalls: number };
}

export function createRunBudget(limits: { usd?: number | null; tokens?: number | null } = {}): RunBudget {
  const limitUsd = limits.usd ?? null;
  const limitTokens = limits.tokens ?? null;
  let tokens = 0;
  let usd = 0;
  let unknownCostCalls = 0;
  const exhaustedReason = (): string | null => {
    if (limitUsd !== null && usd >= limitUsd) return `run budget of $${limitUsd.toFixed(2)} reached`;
    if (limitTokens !== null && tokens >= limitTokens) return `run token budget of ${limitTokens} reached`;
    return null;
  };
  return {
    limitUsd,
    limitTokens,
    charge(callTokens, costUsd) {
      tokens += callTokens;
      if (costUsd === null) unknownCostCalls += 1;
      else usd += costUsd;
    },
    exhaustedReason,
    exhausted: () => exhaustedReason() !== null,
    spent: () => ({ tokens, usd, unknownCostCalls }),
  };
}
