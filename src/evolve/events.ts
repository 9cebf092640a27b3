// What the loop tells the world while it runs. Every event is appended to the archive's event log
// (so the web UI can follow a run live) and handed to the live view in this process.
import type { Archive } from "../../archive/index.ts";
import type { StopKind } from "./stop-reason.ts";

export type Phase =
  | "selecting"
  | "diagnosing"
  | "self-modifying"
  | "committing"
  | "gating"
  | "evaluating"
  | "admitting"
  | "done";

export type EvolveEvent =
  | { type: "run-started"; runId: string; resumed: boolean; planned: number; home: string }
  | { type: "seed-ready"; agentId: string; scores: Record<string, number>; cached: boolean }
  | { type: "attempt-started"; attemptId: string; generation: number; parentId: string; entry: string }
  | { type: "attempt-phase"; attemptId: string; phase: Phase }
  | {
      type: "attempt-ended";
      attemptId: string;
      outcome: "admitted" | "rejected" | "invalid" | "failed" | "abandoned";
      childId: string | null;
      reason: string;
      scores?: Record<string, number>;
    }
  /** `low` and `evaluated`: HGM ranks agents by the lower bound of a 95% interval over their evaluated tasks. */
  | { type: "best-changed"; agentId: string; score: number; low?: number; evaluated?: number }
  /** One task evaluation decided by the HGM scheduler; `spent` counts the search's task evaluations. */
  | { type: "task-evaluated"; agentId: string; taskId: string; status: string; spent: number; budget: number | null }
  /** The finalists were re-evaluated on the held-out split; the pick has the highest lower bound. */
  | {
      type: "final-pick";
      agentId: string;
      passed: number;
      total: number;
      low: number;
      high: number;
      finalists: number;
    }
  | { type: "spend"; costUsd: number | null; tokens: number }
  | { type: "warning"; message: string }
  // `kind` is what programs decide on; `reason` is the message for people (see stop-reason.ts).
  | { type: "stopping"; kind: StopKind; reason: string }
  | { type: "run-ended"; runId: string; status: string; kind: StopKind; reason: string };

export type EvolveListener = (event: EvolveEvent) => void;

export class EventBus {
  private readonly listeners: EvolveListener[] = [];

  constructor(
    private readonly archive: Archive,
    private readonly runId: () => string | undefined,
  ) {}

  on(listener: EvolveListener): void {
    this.listeners.push(listener);
  }

  emit(event: EvolveEvent): void {
    const runId = this.runId();
    if (runId) this.archive.appendEvent(runId, event.type, event as unknown as Record<string, unknown>);
    for (const listener of this.listeners) listener(event);
  }
}
