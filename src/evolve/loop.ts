// The Darwin Gödel Machine loop. No generation barrier: `workers` children are in flight at once and
// a new one starts as soon as one ends, each selecting its parent from the archive as it is then.
// A "generation" is a batch of `childrenPerGeneration` attempts, numbered by start order, so
// --max-generations bounds the number of children exactly as in DGM.
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { AgentRow, FinalPick, RunRow } from "../../archive/index.ts";
import { type AttemptContext, finishChild } from "./attempt.ts";
import { EventBus } from "./events.ts";
import { runFinalists } from "./finalists.ts";
import type { EvolveOptions } from "./options.ts";
import { bestOfRun } from "./picks.ts";
import type { Scheduler, SchedulerContext } from "./scheduler/context.ts";
import { dgmScheduler } from "./scheduler/dgm.ts";
import { hgmScheduler } from "./scheduler/hgm.ts";
import { prepareSeed } from "./seed.ts";
import type { EvolveServices } from "./services.ts";
import { FINISHED, runStatusOf, type StopReason, stopReason } from "./stop-reason.ts";

const schedulers: Record<EvolveOptions["scheduler"], Scheduler> = { dgm: dgmScheduler, hgm: hgmScheduler };

export interface LoopControl {
  /** Aborted on the first Ctrl-C, with the reason: no new attempts; in-flight ones finish. */
  stop: AbortController;
  /** Aborted on the second Ctrl-C: in-flight work is abandoned, the archive stays consistent. */
  abort: AbortController;
}

/** Resolves when the signal is aborted (never, otherwise): lets the scheduler wake up on Ctrl-C. */
function whenAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener("abort", () => resolve(), { once: true });
  });
}

export interface LoopResult {
  run: RunRow;
  /** The final pick when finalists ran; else the best lower bound (HGM) or the highest score (DGM). */
  best: AgentRow | undefined;
  /** How finalists on the held-out split chose `best` (null without --test-split, or when they could not run). */
  finalPick: FinalPick | null;
  /** Derived from `stop.kind`. */
  status: RunRow["status"];
  stop: StopReason;
}

export class EvolutionLoop {
  readonly events: EventBus;
  private run: RunRow | undefined;

  constructor(
    private readonly services: EvolveServices,
    private readonly options: EvolveOptions,
    private readonly home: string,
    private readonly control: LoopControl,
  ) {
    this.events = new EventBus(services.archive, () => this.run?.id);
  }

  /** Runs (or, when `resumed`, continues) the given run until it finishes or is stopped. */
  async execute(run: RunRow, resumed: boolean): Promise<LoopResult> {
    const { archive } = this.services;
    this.run = run;
    archive.setRunStatus(run.id, "running", null);
    const planned = this.options.maxGenerations * this.options.childrenPerGeneration;
    this.events.emit({ type: "run-started", runId: run.id, resumed, planned, home: this.home });

    const workRoot = join(this.home, "work", run.id);
    await this.services.pruneContainers(run.id);
    await rm(workRoot, { recursive: true, force: true });
    await this.sweepOrphanCommits();

    // A second Ctrl-C means now: removing the run's containers ends every agent and grader at once,
    // and each attempt then records itself as abandoned.
    const killContainers = () => void this.services.pruneContainers(run.id);
    this.control.abort.signal.addEventListener("abort", killContainers, { once: true });
    let stop = FINISHED;
    try {
      const seedAgent = await prepareSeed(
        this.services,
        this.options,
        run,
        this.events,
        workRoot,
        this.control.abort.signal,
      );
      const ctx: AttemptContext = {
        services: this.services,
        options: this.options,
        events: this.events,
        runId: run.id,
        workRoot,
        seedAgent,
        signal: this.control.abort.signal,
      };
      await this.resumeInterrupted(ctx);
      stop = await schedulers[this.options.scheduler](this.schedulerContext(ctx, planned));
      if (stop.kind === "finished" || stop.kind === "limit" || stop.kind === "budget") {
        await runFinalists(ctx, this.options.finalists);
      }
    } catch (error) {
      stop = this.stopAfterError(error);
    } finally {
      this.control.abort.signal.removeEventListener("abort", killContainers);
      await this.services.pruneContainers(run.id);
      await rm(workRoot, { recursive: true, force: true });
    }
    const status = runStatusOf(stop);
    archive.setRunStatus(run.id, status, stop.kind === "finished" ? null : stop.message);
    this.events.emit({ type: "run-ended", runId: run.id, status, kind: stop.kind, reason: stop.message });
    const final = archive.getRun(run.id) ?? run;
    return { run: final, best: bestOfRun(archive, final), finalPick: final.finalPick, status, stop };
  }

  /** What an error out of the seed or the scheduler means for the run: an abort or a spent budget explain it. */
  private stopAfterError(error: unknown): StopReason {
    if (this.control.abort.signal.aborted) return stopReason("aborted", "aborted by the user");
    const budget = this.services.budgetExhausted();
    if (budget) return stopReason("budget", budget);
    return stopReason("failed", error instanceof Error ? error.message : String(error));
  }

  /**
   * Branches of children whose process died between the git commit and the agent row. Only old ones
   * are swept: a branch younger than the grace may belong to another process working in this home.
   */
  private async sweepOrphanCommits(): Promise<void> {
    const { archive } = this.services;
    const known = new Set(archive.listRuns().flatMap((run) => archive.listAgents(run.id).map((agent) => agent.commit)));
    await archive.store.sweepOrphans(known, { graceMs: 10 * 60_000 });
  }

  /** Attempts left running by a killed process: finish those with a committed child, abandon the rest. */
  private async resumeInterrupted(ctx: AttemptContext): Promise<void> {
    const { archive } = this.services;
    const interrupted = archive.listAttempts(ctx.runId).filter((attempt) => attempt.status === "running");
    const resumable: Promise<unknown>[] = [];
    for (const attempt of interrupted) {
      const child = attempt.childId ? archive.getAgent(attempt.childId) : undefined;
      const parent = archive.getAgent(attempt.parentId);
      if (child && parent && (child.status === "pending" || child.status === "evaluating")) {
        resumable.push(finishChild(ctx, attempt, child, parent));
      } else {
        archive.updateAttempt(attempt.id, {
          status: "abandoned",
          failureReason: "interrupted before its child was committed; redone by a new attempt",
          phase: "done",
          ended: true,
        });
        this.events.emit({
          type: "attempt-ended",
          attemptId: attempt.id,
          outcome: "abandoned",
          childId: null,
          reason: "interrupted",
        });
      }
    }
    await Promise.all(resumable);
  }

  /** Why no further attempt may start, or null. The first Ctrl-C's reason is the text it was given. */
  private reasonToStop(startedAt: number): StopReason | null {
    const { stop } = this.control;
    if (stop.signal.aborted) return stopReason("interrupted", String(stop.signal.reason ?? "stop requested"));
    if (this.control.abort.signal.aborted) return stopReason("aborted", "aborted by the user");
    // Spending the task evaluations is how a search with --max-task-evals is meant to end: a limit, not a lack of money.
    const { maxTaskEvals } = this.options;
    if (maxTaskEvals !== null && this.run && this.services.archive.countSearchEvaluations(this.run.id) >= maxTaskEvals)
      return stopReason("limit", `--max-task-evals ${maxTaskEvals} spent`);
    const budget = this.services.budgetExhausted();
    if (budget) return stopReason("budget", budget);
    const modelFailure = this.services.modelFailure();
    if (modelFailure) return stopReason("failed", modelFailure);
    const { maxHours } = this.options;
    if (maxHours !== null && Date.now() - startedAt >= maxHours * 3_600_000)
      return stopReason("limit", `--max-hours ${maxHours} reached`);
    return null;
  }

  private schedulerContext(attempt: AttemptContext, planned: number): SchedulerContext {
    const startedAt = Date.now();
    return {
      attempt,
      planned,
      reasonToStop: () => this.reasonToStop(startedAt),
      stopRequested: whenAborted(this.control.stop.signal),
      afterWork: () => {
        const run = this.services.archive.getRun(attempt.runId);
        if (run) this.events.emit({ type: "spend", costUsd: run.costUsd, tokens: run.totalTokens });
      },
    };
  }
}
