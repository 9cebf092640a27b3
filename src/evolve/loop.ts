// The Darwin Gödel Machine loop. No generation barrier: `workers` children are in flight at once and
// a new one starts as soon as one ends, each selecting its parent from the archive as it is then.
// A "generation" is a batch of `childrenPerGeneration` attempts, numbered by start order, so
// --max-generations bounds the number of children exactly as in DGM.
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { AgentRow, AttemptRow, RunRow } from "../../archive/index.ts";
import { deriveSeed, headlineScore, mulberry32, selectParents } from "../../archive/index.ts";
import { type AttemptContext, finishChild, runAttempt } from "./attempt.ts";
import { chooseEntry } from "./entries.ts";
import { EventBus } from "./events.ts";
import type { EvolveOptions } from "./options.ts";
import { prepareSeed } from "./seed.ts";
import type { EvolveServices } from "./services.ts";
import { FINISHED, runStatusOf, type StopReason, stopReason } from "./stop-reason.ts";

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
  best: AgentRow | undefined;
  /** Derived from `stop.kind`. */
  status: RunRow["status"];
  stop: StopReason;
}

/** Picks the parent for the attempt with this index: reproducible from the run seed and the archive. */
function pickParent(services: EvolveServices, options: EvolveOptions, runId: string, index: number): AgentRow {
  const { archive } = services;
  const admitted = archive.listAgents(runId).filter((agent) => agent.status === "admitted");
  if (admitted.length === 0) throw new Error("the archive of this run has no admitted agent to build on");
  if (!options.openEnded) return archive.bestAgent(runId) ?? admitted[0]!;
  const rng = mulberry32(deriveSeed(options.seed, `parent-${index}`));
  const [parent] = selectParents(options.strategy, admitted, archive.admittedChildCounts(runId), 1, rng);
  return parent ?? admitted[0]!;
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
      stop = await this.schedule(ctx, planned);
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
    return { run: archive.getRun(run.id) ?? run, best: archive.bestAgent(run.id), status, stop };
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

  private countedAttempts(runId: string): AttemptRow[] {
    return this.services.archive
      .listAttempts(runId)
      .filter((attempt) => attempt.status === "succeeded" || attempt.status === "failed");
  }

  /** Why no further attempt may start, or null. The first Ctrl-C's reason is the text it was given. */
  private reasonToStop(startedAt: number): StopReason | null {
    const { stop } = this.control;
    if (stop.signal.aborted) return stopReason("interrupted", String(stop.signal.reason ?? "stop requested"));
    if (this.control.abort.signal.aborted) return stopReason("aborted", "aborted by the user");
    const budget = this.services.budgetExhausted();
    if (budget) return stopReason("budget", budget);
    const modelFailure = this.services.modelFailure();
    if (modelFailure) return stopReason("failed", modelFailure);
    const { maxHours } = this.options;
    if (maxHours !== null && Date.now() - startedAt >= maxHours * 3_600_000)
      return stopReason("limit", `--max-hours ${maxHours} reached`);
    return null;
  }

  private async schedule(ctx: AttemptContext, planned: number): Promise<StopReason> {
    const startedAt = Date.now();
    const inFlight = new Set<Promise<unknown>>();
    let started = this.countedAttempts(ctx.runId).length;
    let stop: StopReason | null = null;
    let announced = false;
    let bestScore = this.bestScore(ctx.runId);

    while (started < planned || inFlight.size > 0) {
      stop ??= this.reasonToStop(startedAt);
      if (stop && inFlight.size === 0) break;
      if (!stop && started < planned && inFlight.size < this.options.workers) {
        const index = started++;
        const generation = Math.floor(index / this.options.childrenPerGeneration) + 1;
        const parent = pickParent(this.services, this.options, ctx.runId, index);
        const evaluations = this.services.archive.listEvaluations({ agentId: parent.id });
        const entry = chooseEntry(evaluations, mulberry32(deriveSeed(this.options.seed, `entry-${index}`)));
        const attempt = this.services.archive.createAttempt({
          runId: ctx.runId,
          parentId: parent.id,
          generation,
          entry,
        });
        this.events.emit({ type: "attempt-started", attemptId: attempt.id, generation, parentId: parent.id, entry });
        const task = runAttempt(ctx, attempt, parent).finally(() => inFlight.delete(task));
        inFlight.add(task);
        continue;
      }
      if (stop && !announced) {
        announced = true;
        this.events.emit({ type: "stopping", kind: stop.kind, reason: stop.message });
      }
      // Wake on Ctrl-C too, so that "stopping" is shown at once rather than when a child ends.
      await Promise.race([...inFlight, ...(stop ? [] : [whenAborted(this.control.stop.signal)])]);
      const score = this.bestScore(ctx.runId);
      if (score.agentId && score.value > bestScore.value) {
        bestScore = score;
        this.events.emit({ type: "best-changed", agentId: score.agentId, score: score.value });
      }
      const run = this.services.archive.getRun(ctx.runId);
      if (run) this.events.emit({ type: "spend", costUsd: run.costUsd, tokens: run.totalTokens });
    }
    return stop ?? FINISHED;
  }

  private bestScore(runId: string): { agentId: string | null; value: number } {
    const best = this.services.archive.bestAgent(runId);
    if (!best) return { agentId: null, value: -1 };
    return { agentId: best.id, value: headlineScore(best) ?? 0 };
  }
}
