// One session's counters and limits. A call is refused before it is sent when the session has
// used up its calls, tokens, money or wall time, so a session overshoots by at most one call.
import type { SessionLimits, SessionUsage } from "../types.ts";

export class SessionMeter {
  private readonly startedAt = Date.now();
  private calls = 0;
  private promptTokens = 0;
  private completionTokens = 0;
  private costUsd = 0;
  private unknownCost = false;
  private refused = 0;
  private budgetRefused = 0;
  private errors = 0;
  private seq = 0;

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
    const tokens = this.promptTokens + this.completionTokens;
    if (maxTokens !== undefined && tokens >= maxTokens) {
      return { message: `session token limit of ${maxTokens} reached (${tokens} used)`, code: "session_token_limit" };
    }
    if (maxCostUsd !== undefined && this.costUsd >= maxCostUsd) {
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

  /** Reserves the next position in the session (a call about to be sent). */
  nextSeq(): number {
    this.calls += 1;
    return this.seq++;
  }

  charge(promptTokens: number, completionTokens: number, costUsd: number | null): void {
    this.promptTokens += promptTokens;
    this.completionTokens += completionTokens;
    if (costUsd === null) this.unknownCost = true;
    else this.costUsd += costUsd;
  }

  failed(): void {
    this.errors += 1;
  }

  usage(): SessionUsage {
    return {
      calls: this.calls,
      promptTokens: this.promptTokens,
      completionTokens: this.completionTokens,
      costUsd: this.unknownCost ? null : this.costUsd,
      refused: this.refused,
      budgetRefused: this.budgetRefused,
      errors: this.errors,
      wallMs: Date.now() - this.startedAt,
    };
  }
}
