// What a person watching a run sees: a status block redrawn in place on a terminal, plain log lines
// elsewhere (CI, pipes), or the raw event stream as JSON lines with --json.
import pc from "picocolors";
import { type EstimateSummary, formatSummary, formatTokens } from "./estimate/index.ts";
import type { EvolveEvent } from "./events.ts";

export type ViewMode = "tty" | "plain" | "json";

interface ViewState {
  runId: string;
  planned: number;
  generation: number;
  inFlight: Map<string, { generation: number; entry: string; phase: string }>;
  outcomes: Record<string, number>;
  best: { agentId: string; score: number } | null;
  costUsd: number | null;
  tokens: number;
  stopping: string | null;
  /** What the run was estimated to spend (real-model runs), to compare the spend with. */
  estimate: EstimateSummary | null;
}

const short = (id: string) => id.slice(0, 8);
const money = (usd: number | null) => (usd === null ? "unknown (unpriced model)" : `$${usd.toFixed(4)}`);

/** "spend $1.2300 of ≈$4.50 estimated (range $2.10–$9.80)", or the tokens when a model has no price. */
function spendLine(state: ViewState): string {
  const { estimate } = state;
  if (!estimate) return `spend ${money(state.costUsd)}  tokens ${state.tokens}`;
  if (estimate.usd && state.costUsd !== null) return `spend ${money(state.costUsd)} of ${formatSummary(estimate)}`;
  return `spend ${money(state.costUsd)}  tokens ${formatTokens(state.tokens)} of ${formatSummary({ ...estimate, usd: null })}`;
}

function describe(event: EvolveEvent): string | null {
  switch (event.type) {
    case "run-started":
      return `${event.resumed ? "resuming" : "started"} run ${event.runId} (${event.planned} children planned) in ${event.home}`;
    case "seed-ready":
      return `seed ${short(event.agentId)} evaluated: ${JSON.stringify(event.scores)}${event.cached ? " (cached)" : ""}`;
    case "attempt-started":
      return `gen ${event.generation}: attempt ${short(event.attemptId)} from parent ${short(event.parentId)} on ${event.entry}`;
    case "attempt-phase":
      return null;
    case "attempt-ended":
      return `attempt ${short(event.attemptId)} → ${event.outcome}${event.childId ? ` (child ${short(event.childId)})` : ""}: ${event.reason}`;
    case "best-changed":
      return `new best agent ${short(event.agentId)}: ${event.score.toFixed(2)}${event.low === undefined ? "" : ` over ${event.evaluated} tasks (95% lower bound ${event.low.toFixed(2)})`}`;
    case "task-evaluated":
      return `evaluated ${short(event.agentId)} on ${event.taskId}: ${event.status} (${event.spent}${event.budget === null ? "" : `/${event.budget}`} task evaluations)`;
    case "final-pick":
      return `final pick ${short(event.agentId)}: ${event.passed}/${event.total} held-out tasks, 95% interval ${event.low.toFixed(2)}–${event.high.toFixed(2)} (best lower bound of ${event.finalists} finalists)`;
    case "spend":
      return null;
    case "warning":
      return `warning: ${event.message}`;
    case "stopping":
      return `stopping: ${event.reason} (finishing work in flight; Ctrl-C again to abort now)`;
    case "run-ended":
      return `run ${event.runId} ${event.status}${event.kind === "finished" ? "" : `: ${event.reason}`}`;
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching terminal escape sequences is the point
const ansi = /\x1b\[[0-9;]*m/g;
const stripAnsi = (text: string) => text.replace(ansi, "");
const visibleLength = (text: string) => stripAnsi(text).length;

export class LiveView {
  private readonly state: ViewState = {
    runId: "",
    planned: 0,
    generation: 0,
    inFlight: new Map(),
    outcomes: {},
    best: null,
    costUsd: 0,
    tokens: 0,
    stopping: null,
    estimate: null,
  };
  private drawnLines = 0;
  /** The spend last printed in plain mode, so that a line is printed only when it changed. */
  private printedCost: number | null = null;

  constructor(
    private readonly mode: ViewMode,
    private readonly out: NodeJS.WriteStream = process.stdout,
  ) {}

  /** The run's estimate: shown beside the spend, and as an `estimate` line in the JSON stream. */
  showEstimate(estimate: EstimateSummary): void {
    this.state.estimate = estimate;
    if (this.mode === "json") {
      this.out.write(`${JSON.stringify({ type: "estimate", ...estimate, at: new Date().toISOString() })}\n`);
    }
  }

  handle(event: EvolveEvent): void {
    this.update(event);
    if (this.mode === "json") {
      this.out.write(`${JSON.stringify({ ...event, at: new Date().toISOString() })}\n`);
      return;
    }
    const line = describe(event) ?? this.plainSpendLine(event);
    if (this.mode === "plain") {
      if (line) this.out.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
      return;
    }
    this.clear();
    if (line) this.out.write(`${line}\n`);
    if (event.type !== "run-ended") this.draw();
  }

  /** Logs have no status block: with an estimate, each change of spend gets a line. */
  private plainSpendLine(event: EvolveEvent): string | null {
    if (this.mode !== "plain" || event.type !== "spend" || !this.state.estimate) return null;
    if (event.costUsd === this.printedCost) return null;
    this.printedCost = event.costUsd;
    return spendLine(this.state);
  }

  private update(event: EvolveEvent): void {
    const s = this.state;
    switch (event.type) {
      case "run-started":
        s.runId = event.runId;
        s.planned = event.planned;
        break;
      case "attempt-started":
        s.generation = Math.max(s.generation, event.generation);
        s.inFlight.set(event.attemptId, { generation: event.generation, entry: event.entry, phase: "selecting" });
        break;
      case "attempt-phase": {
        const attempt = s.inFlight.get(event.attemptId);
        if (attempt) attempt.phase = event.phase;
        break;
      }
      case "attempt-ended":
        s.inFlight.delete(event.attemptId);
        s.outcomes[event.outcome] = (s.outcomes[event.outcome] ?? 0) + 1;
        break;
      case "best-changed":
        s.best = { agentId: event.agentId, score: event.score };
        break;
      case "seed-ready": {
        const score = Math.max(...Object.values(event.scores), 0);
        s.best ??= { agentId: event.agentId, score };
        break;
      }
      case "spend":
        s.costUsd = event.costUsd;
        s.tokens = event.tokens;
        break;
      case "stopping":
        s.stopping = event.reason;
        break;
      default:
        break;
    }
  }

  private clear(): void {
    if (this.drawnLines > 0) this.out.write(`\x1b[${this.drawnLines}A\x1b[0J`);
    this.drawnLines = 0;
  }

  private draw(): void {
    const s = this.state;
    const done = Object.values(s.outcomes).reduce((a, b) => a + b, 0);
    const counts = ["admitted", "rejected", "invalid", "failed", "abandoned"]
      .map((key) => `${key} ${s.outcomes[key] ?? 0}`)
      .join(" · ");
    const lines = [
      pc.dim("─".repeat(Math.min(this.out.columns ?? 80, 80))),
      `${pc.bold(`run ${s.runId}`)}  generation ${s.generation}  children ${done}/${s.planned}  ${counts}`,
      `best ${s.best ? `${pc.green(s.best.score.toFixed(2))} (${short(s.best.agentId)})` : "—"}  ${spendLine(s)}${s.stopping ? pc.yellow(`  stopping: ${s.stopping}`) : ""}`,
      ...[...s.inFlight.entries()].map(
        ([id, a]) => `  ${pc.cyan(short(id))} gen ${a.generation} ${a.phase.padEnd(15)} ${pc.dim(a.entry)}`,
      ),
    ];
    // A line wider than the terminal wraps and would leave a stale row behind at the next redraw.
    const width = Math.max(20, (this.out.columns ?? 80) - 1);
    const fitted = lines.map((line) =>
      visibleLength(line) <= width ? line : `${stripAnsi(line).slice(0, width - 1)}…`,
    );
    this.out.write(`${fitted.join("\n")}\n`);
    this.drawnLines = fitted.length;
  }
}

export function chooseViewMode(json: boolean, out: NodeJS.WriteStream = process.stdout): ViewMode {
  if (json) return "json";
  return out.isTTY && process.env.CI !== "true" ? "tty" : "plain";
}
