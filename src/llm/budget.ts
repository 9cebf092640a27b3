// The run budget shared by every session of a run. The gateway reserves each call's worst case
// before sending it and settles the real cost afterwards (see spend-tally.ts), refusing a call once
// spent + reserved reaches the limit: however many calls run at once, a run overshoots by at most
// the reservation of the last call admitted. The loop asks exhausted() (settled spend only) to stop
// scheduling new work, so calls that are merely in flight never end a run early.
import { type Spend, type SpendHold, SpendTally } from "./spend-tally.ts";

export type BudgetReservation = { hold: SpendHold } | { refused: string };

export interface RunBudget {
  readonly limitUsd: number | null;
  readonly limitTokens: number | null;
  /** Spend that is already settled (a resumed run's, read from the archive). */
  charge(tokens: number, costUsd: number | null): void;
  /** Holds a call's worst case, or says why the run cannot take another call. */
  reserve(worst: Spend): BudgetReservation;
  /** Why the budget is exhausted ("run budget of $5.00 reached"), or null while money and tokens remain. */
  exhaustedReason(): string | null;
  exhausted(): boolean;
  spent(): { tokens: number; usd: number; unknownCostCalls: number };
  /** The worst cases of the calls in flight. */
  held(): Spend;
}

export function createRunBudget(limits: { usd?: number | null; tokens?: number | null } = {}): RunBudget {
  const limitUsd = limits.usd ?? null;
  const limitTokens = limits.tokens ?? null;
  const tally = new SpendTally();
  const reasonAt = (spend: Spend): string | null => {
    if (limitUsd !== null && spend.usd >= limitUsd) return `run budget of $${limitUsd.toFixed(2)} reached`;
    if (limitTokens !== null && spend.tokens >= limitTokens) return `run token budget of ${limitTokens} reached`;
    return null;
  };
  const exhaustedReason = (): string | null => reasonAt(tally.spent());
  return {
    limitUsd,
    limitTokens,
    charge: (tokens, costUsd) => tally.charge(tokens, costUsd),
    reserve(worst) {
      const reason = reasonAt(tally.committed());
      if (reason === null) return { hold: tally.hold(worst) };
      // Say when it is the calls in flight that fill the budget: once they settle, some may be left.
      const inFlight = exhaustedReason() === null ? " (counting what the calls in flight have reserved)" : "";
      return { refused: `${reason}${inFlight}` };
    },
    exhaustedReason,
    exhausted: () => exhaustedReason() !== null,
    spent: () => tally.spent(),
    held: () => tally.held(),
  };
}
