// One session's counters and limits. A call is refused before it is sent when the session has
// used up its calls, tokens, money or wall time, counting the worst cases reserved by its calls
// still in flight, so even an agent firing calls in parallel overshoots by at most one call.

import type { ModelFailure } from "../model-failure.ts";
import { type Spend, SpendTally } from "../spend-tally.ts";
import type { SessionLimits, SessionUsage } from "../types.ts";
import type { CallUsage } from "../usage.ts";

/** A session's hold on one call's worst case, settled with the real split of tokens. */
export interface MeterHold {
  settle(usage: CallUsage, costUsd: number | null): void;
  release(): void;
}

export class SessionMeter {
  private readonly startedAt = Date.now();
  private readonly tally = new SpendTally();
  private calls = 0;
  private promptTokens = 0;
  private cachedTokens = 0;
  private completionTokens = 0;
  private estimatedCalls = 0;
  private refused = 0;
  private budgetRefused = 0;
  private errors = 0;
  private seq = 0;
  private modelFailure: ModelFailure | undefined;

  constructor(readonly limits: SessionLimits = {}) {}

  /** Why the next call must be refused, or null. Counts the refusal. */
  refusal(): { message: string; code: string } | null {
    const reason = this.limitReached();
    if (reason) this.refused += 1;
    return reason;
  }

  /** Counts a call refused because the run budget is spent. */
  countBudgetRefusal(): void {
    this.refused += 1;
    this.budgetRefused += 1;
  }

  private limitReached(): { message: string; code: string } | null {
    const { maxCalls, maxTokens, maxCostUsd, maxWallMs } = this.limits;
    if (maxCalls !== undefined && this.calls >= maxCalls) {
      return { message: `session call limit of ${maxCalls} reached`, code: "session_call_limit" };
    }
    const committed = this.tally.committed();
    if (maxTokens !== undefined && committed.tokens >= maxTokens) {
      const used = this.promptTokens + this.completionTokens;
      const inFlight = committed.tokens > used ? `, ${committed.tokens - used} reserved by calls in flight` : "";
      return {
        message: `session token limit of ${maxTokens} reached (${used} used${inFlight})`,
        code: "session_token_limit",
      };
    }
    if (maxCostUsd !== undefined && committed.usd >= maxCostUsd) {
      return { message: `session cost limit of $${maxCostUsd} reached`, code: "session_cost_limit" };
    }
    if (maxWallMs !== undefined && Date.now() - this.startedAt >= maxWallMs) {
      return {
        message: `session wall-time limit of ${Math.round(maxWallMs / 1000)} s reached`,
        code: "session_time_limit",
      };
    }
    return null;
  }

  /** Takes the next position in the session and holds the call's worst case until it settles. */
  admit(worst: Spend): { seq: number; hold: MeterHold } {
    this.calls += 1;
    const hold = this.tally.hold(worst);
    let open = true;
    return {
      seq: this.seq++,
      hold: {
        settle: (usage, costUsd) => {
          if (!open) return;
          open = false;
          this.promptTokens += usage.promptTokens;
          this.cachedTokens += usage.cachedTokens;
          this.completionTokens += usage.completionTokens;
          if (usage.estimated) this.estimatedCalls += 1;
          hold.settle(usage.promptTokens + usage.completionTokens, costUsd);
        },
        release: () => {
          open = false;
          hold.release();
        },
      },
    };
  }

  /** Counts a call that failed after its retries; keeps the first failure that was not the agent's doing. */
  failed(failure?: ModelFailure): void {
    this.errors += 1;
    if (failure && !failure.agentsOwn) this.modelFailure ??= failure;
  }

  usage(): SessionUsage {
    const spent = this.tally.spent();
    return {
      calls: this.calls,
      promptTokens: this.promptTokens,
      cachedTokens: this.cachedTokens,
      completionTokens: this.completionTokens,
      estimatedCalls: this.estimatedCalls,
      costUsd: spent.unknownCostCalls > 0 ? null : spent.usd,
      refused: this.refused,
      budgetRefused: this.budgetRefused,
      errors: this.errors,
      wallMs: Date.now() - this.startedAt,
      ...(this.modelFailure ? { modelFailure: this.modelFailure } : {}),
    };
  }
}
