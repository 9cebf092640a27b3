// Why a run stopped, as a kind the code decides on and a message a person reads. The run's status,
// the process's exit code and what the live view says all come from the kind, never from the wording
// of the message, so a message can be reworded (or quote a model's error text) without changing them.
import type { RunRow } from "../../archive/index.ts";

export type StopKind =
  /** Every planned child was made. */
  | "finished"
  /** The run's money or token budget is spent. */
  | "budget"
  /** A limit the user set other than the money budget (--max-hours, --max-task-evals). */
  | "limit"
  /** The first Ctrl-C (or SIGTERM): in-flight work finished, nothing new started. */
  | "interrupted"
  /** The second Ctrl-C: in-flight work was abandoned. */
  | "aborted"
  /** Something every further step would repeat (a refused key, an unexpected error). */
  | "failed";

export interface StopReason {
  readonly kind: StopKind;
  /** One line, without a prefix saying the kind: "run budget of $0.03 reached", "model call failed: …". */
  readonly message: string;
}

export const FINISHED: StopReason = { kind: "finished", message: "finished" };

export function stopReason(kind: StopKind, message: string): StopReason {
  return { kind, message };
}

/** The status the archive keeps for a run that stopped this way. */
export function runStatusOf(stop: StopReason): RunRow["status"] {
  if (stop.kind === "finished") return "finished";
  if (stop.kind === "failed") return "failed";
  return "stopped";
}

/** `dgm evolve`'s exit code: 0 for a run that ended as planned or at a limit, 1 failed, 130 stopped by Ctrl-C (as shells do). */
export function exitCodeOfStop(stop: StopReason): number {
  switch (stop.kind) {
    case "finished":
    case "budget":
    case "limit":
      return 0;
    case "failed":
      return 1;
    case "interrupted":
    case "aborted":
      return 130;
  }
}
