// Tokens and money spent, plus what calls in flight may still spend. A call holds its worst case
// before it is sent and settles with its real usage after it returns, so a limit checked against
// spent + held cannot be overshot by calls running side by side: only by the last one admitted.
// Holds live in memory only: a process that dies mid-call leaves no hold behind, and the archive
// (which records settled calls alone) is the spend a restarted run starts from.

export interface Spend {
  tokens: number;
  usd: number;
}

export interface SpendHold {
  /** Replaces the hold with what the call really cost (usd null: the model's price is unknown). */
  settle(tokens: number, usd: number | null): void;
  /** Drops the hold: the call failed before a model answered, so it cost nothing. */
  release(): void;
}

export class SpendTally {
  private tokens = 0;
  private usd = 0;
  private unknownCostCalls = 0;
  // A set rather than running sums: once every call has settled, held() is exactly zero, with no
  // floating-point residue from adding and subtracting the same amounts.
  private readonly holds = new Set<Spend>();

  charge(tokens: number, usd: number | null): void {
    this.tokens += tokens;
    if (usd === null) this.unknownCostCalls += 1;
    else this.usd += usd;
  }

  hold(worst: Spend): SpendHold {
    const entry = { ...worst };
    this.holds.add(entry);
    // Settling or releasing twice must not charge twice (an error path after a settle, say).
    const close = (): boolean => this.holds.delete(entry);
    return {
      settle: (tokens, usd) => {
        if (close()) this.charge(tokens, usd);
      },
      release: () => {
        close();
      },
    };
  }

  spent(): { tokens: number; usd: number; unknownCostCalls: number } {
    return { tokens: this.tokens, usd: this.usd, unknownCostCalls: this.unknownCostCalls };
  }

  held(): Spend {
    let tokens = 0;
    let usd = 0;
    for (const entry of this.holds) {
      tokens += entry.tokens;
      usd += entry.usd;
    }
    return { tokens, usd };
  }

  /** Spent plus held: what a limit is checked against before a call is admitted. */
  committed(): Spend {
    const held = this.held();
    return { tokens: this.tokens + held.tokens, usd: this.usd + held.usd };
  }
}
