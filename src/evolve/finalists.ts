// The final pick of a run with a held-out split (--test-split): the top --finalists agents by the lower
// bound of their search results are evaluated on every held-out task — tasks the search never used, so
// their scores are not inflated by having been chosen on them — and the one with the highest lower bound
// of a 95% interval on those tasks is the pick. It is recorded on the run (runs.final_pick).
import pLimit from "p-limit";
import type { FinalPick } from "../../archive/index.ts";
import { CONFIDENCE } from "../../common/index.ts";
import type { AttemptContext } from "./attempt.ts";
import { compareByLowerBound, rankByLowerBound, resultsOf, verdictsByAgent } from "./picks.ts";

export type FinalistsContext = Pick<AttemptContext, "services" | "options" | "events" | "runId" | "signal">;

/** Evaluates the finalists on the held-out split and records the pick; null when there is no split or no result. */
export async function runFinalists(ctx: FinalistsContext, count: number): Promise<FinalPick | null> {
  const { services, runId, events, signal } = ctx;
  const { archive } = services;
  const heldOut = services.heldOutTasks;
  if (heldOut.length === 0) return null;
  const finalists = rankByLowerBound(archive, runId).slice(0, count);
  if (finalists.length === 0) return null;

  // A held-out result already recorded (an earlier pick, a resumed run) is not run again.
  const done = verdictsByAgent(archive.listEvaluations({ runId, stage: "test" }), true);
  const limit = pLimit(ctx.options.workers);
  await Promise.all(
    finalists.flatMap(({ agent }) =>
      heldOut
        .filter((taskId) => !done.get(agent.id)?.has(taskId))
        .map((taskId) =>
          limit(async () => {
            if (signal.aborted || services.modelFailure()) return;
            try {
              await services.evaluateTask(agent, taskId, "test", signal);
            } catch (error) {
              // One finalist that cannot run (its bundle fails to build, say) must not cost the others their pick.
              events.emit({
                type: "warning",
                message: `finalist ${agent.id} could not be evaluated on ${taskId}: ${(error as Error).message}`,
              });
            }
          }),
        ),
    ),
  );
  if (signal.aborted) return null;

  const results = verdictsByAgent(archive.listEvaluations({ runId, stage: "test" }), true);
  const judged = finalists
    .map(({ agent }) => resultsOf(agent, results.get(agent.id), CONFIDENCE))
    .filter((result) => result.total > 0)
    .sort(compareByLowerBound);
  const pick = judged[0];
  if (!pick) {
    events.emit({
      type: "warning",
      message: "no finalist has a held-out result (every evaluation failed); no final pick",
    });
    return null;
  }
  const finalPick: FinalPick = {
    agentId: pick.agent.id,
    method: "holdout-lcb",
    confidence: CONFIDENCE,
    heldOutTasks: heldOut.length,
    finalists: judged.map((result) => ({
      agentId: result.agent.id,
      passed: result.passed,
      total: result.total,
      low: result.interval.low,
      high: result.interval.high,
    })),
    pickedAt: new Date().toISOString(),
  };
  archive.setRunFinalPick(runId, finalPick);
  events.emit({
    type: "final-pick",
    agentId: pick.agent.id,
    passed: pick.passed,
    total: pick.total,
    low: pick.interval.low,
    high: pick.interval.high,
    finalists: judged.length,
  });
  return finalPick;
}
