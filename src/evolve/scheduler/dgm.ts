// DGM's schedule: children one after another (`workers` at once), each from a parent sampled from the
// archive by the selection strategy, each given the full staged evaluation before it is judged.
import type { AgentRow } from "../../../archive/index.ts";
import { deriveSeed, headlineScore, mulberry32, selectParents } from "../../../archive/index.ts";
import { FINISHED } from "../stop-reason.ts";
import { countedAttempts, drive, type Scheduler, type SchedulerContext, type Step, startAttempt } from "./context.ts";

/** Picks the parent for the attempt with this index: reproducible from the run seed and the archive. */
function pickParent(ctx: SchedulerContext, index: number): AgentRow {
  const { services, options, runId } = ctx.attempt;
  const { archive } = services;
  const admitted = archive.listAgents(runId).filter((agent) => agent.status === "admitted");
  if (admitted.length === 0) throw new Error("the archive of this run has no admitted agent to build on");
  if (!options.openEnded) return archive.bestAgent(runId) ?? admitted[0]!;
  const rng = mulberry32(deriveSeed(options.seed, `parent-${index}`));
  const [parent] = selectParents(options.strategy, admitted, archive.admittedChildCounts(runId), 1, rng);
  return parent ?? admitted[0]!;
}

/** DGM's best is the highest score; announced as it rises, after each child is judged. */
function bestReporter(ctx: SchedulerContext): () => void {
  const { services, events, runId } = ctx.attempt;
  const scoreOf = () => {
    const best = services.archive.bestAgent(runId);
    return { agentId: best?.id ?? null, value: best ? (headlineScore(best) ?? 0) : -1 };
  };
  let current = scoreOf();
  return () => {
    const score = scoreOf();
    if (!score.agentId || score.value <= current.value) return;
    current = score;
    events.emit({ type: "best-changed", agentId: score.agentId, score: score.value });
  };
}

export const dgmScheduler: Scheduler = (ctx) => {
  let started = countedAttempts(ctx);
  const reportBest = bestReporter(ctx);
  return drive(ctx, (): Step => {
    if (started >= ctx.planned) return { kind: "done", stop: FINISHED };
    const index = started++;
    const attempt = startAttempt(ctx, pickParent(ctx, index), index);
    return { kind: "start", work: () => attempt().finally(reportBest) };
  });
};
