// DGM's schedule: children one after another (`workers` at once), each from a parent sampled from the
// archive by the selection strategy, each given the full staged evaluation before it is judged.
import type { AgentRow } from "../../../archive/index.ts";
import { deriveSeed, mulberry32, selectParents } from "../../../archive/index.ts";
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

export const dgmScheduler: Scheduler = (ctx) => {
  let started = countedAttempts(ctx);
  return drive(ctx, (): Step => {
    if (started >= ctx.planned) return { kind: "done", stop: FINISHED };
    const index = started++;
    return { kind: "start", work: startAttempt(ctx, pickParent(ctx, index), index) };
  });
};
