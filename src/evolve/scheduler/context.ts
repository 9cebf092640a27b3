// The seam between the loop and its schedulers. The loop prepares the run (seed, resumed attempts) and
// hands a scheduler this context; the scheduler decides what work starts next — a child (an attempt)
// or, for HGM, one task evaluation — and `drive` runs that work with at most `workers` pieces in flight.
import type { AgentRow } from "../../../archive/index.ts";
import { deriveSeed, mulberry32 } from "../../../archive/index.ts";
import { type AttemptContext, runAttempt } from "../attempt.ts";
import { chooseEntry } from "../entries.ts";
import type { StopReason } from "../stop-reason.ts";

export interface SchedulerContext {
  attempt: AttemptContext;
  /** Children the run may make in all (--max-generations × --children). */
  planned: number;
  /** Why no further work may start (Ctrl-C, a budget, a broken model, --max-hours), or null. */
  reasonToStop(): StopReason | null;
  /** Resolves at the first Ctrl-C, so that a waiting scheduler announces "stopping" at once. */
  stopRequested: Promise<void>;
  /** After each piece of work ends: the loop's spend event. (Each scheduler reports its own best agent.) */
  afterWork(): void;
}

export type Scheduler = (ctx: SchedulerContext) => Promise<StopReason>;

/** What a scheduler does next: start a piece of work, wait for work in flight, or end with a reason. */
export type Step =
  | { kind: "start"; work: () => Promise<unknown> }
  | { kind: "wait" }
  | { kind: "done"; stop: StopReason };

/**
 * Runs a scheduler's steps: asks for the next step while a worker is free and nothing says stop, and
 * otherwise waits for a piece of work to end. A stop lets the work in flight finish (the second Ctrl-C
 * aborts it through the attempt context's signal). Returns why the run ended.
 */
export async function drive(ctx: SchedulerContext, next: () => Step): Promise<StopReason> {
  const { events, options } = ctx.attempt;
  const inFlight = new Set<Promise<unknown>>();
  let stop: StopReason | null = null;
  let done: StopReason | null = null;
  let announced = false;
  for (;;) {
    stop ??= ctx.reasonToStop();
    done = null;
    if (!stop && inFlight.size < options.workers) {
      const step = next();
      if (step.kind === "start") {
        const work = step.work().finally(() => inFlight.delete(work));
        inFlight.add(work);
        continue;
      }
      if (step.kind === "done") done = step.stop;
    }
    if (inFlight.size === 0) {
      if (stop || done) return stop ?? done!;
      // Waiting with nothing in flight would wait forever: a scheduler that says so has nothing left.
      throw new Error("the scheduler waits for work but none is in flight");
    }
    if (stop && !announced) {
      announced = true;
      events.emit({ type: "stopping", kind: stop.kind, reason: stop.message });
    }
    // Wake on Ctrl-C too, so that "stopping" is shown at once rather than when a piece of work ends.
    await Promise.race([...inFlight, ...(stop ? [] : [ctx.stopRequested])]);
    ctx.afterWork();
  }
}

/**
 * Creates the attempt row for a child of `parent` (its diagnosis entry drawn from the run seed and the
 * attempt's index), announces it, and returns the work that makes and judges the child.
 */
export function startAttempt(ctx: SchedulerContext, parent: AgentRow, index: number): () => Promise<unknown> {
  const { services, options, events, runId } = ctx.attempt;
  const generation = Math.floor(index / options.childrenPerGeneration) + 1;
  const evaluations = services.archive.listEvaluations({ agentId: parent.id }).filter((row) => row.stage !== "test");
  const entry = chooseEntry(evaluations, mulberry32(deriveSeed(options.seed, `entry-${index}`)));
  const attempt = services.archive.createAttempt({ runId, parentId: parent.id, generation, entry });
  events.emit({ type: "attempt-started", attemptId: attempt.id, generation, parentId: parent.id, entry });
  return () => runAttempt(ctx.attempt, attempt, parent);
}

/** Children whose attempt ended (succeeded or failed): abandoned ones were redone and do not count. */
export function countedAttempts(ctx: SchedulerContext): number {
  return ctx.attempt.services.archive
    .listAttempts(ctx.attempt.runId)
    .filter((attempt) => attempt.status === "succeeded" || attempt.status === "failed").length;
}
