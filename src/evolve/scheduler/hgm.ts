// The Huxley-Gödel Machine's schedule (arXiv 2510.21614): one decision at a time, under the run's
// task-evaluation budget, either EXPAND — Thompson-sample a parent on its clade's pooled results and make
// a child (diagnose → self-modify → gate, admitted without an evaluation) — or EVALUATE — Thompson-sample
// an agent on its own results and run it on one task it has not done. Evaluations land in the archive
// one by one, so a killed run resumes from exactly the results it has (one in flight is simply redone).
import { deriveSeed, mulberry32 } from "../../../archive/index.ts";
import { compareByLowerBound, resultsFromTally } from "../picks.ts";
import { stopReason } from "../stop-reason.ts";
import { countedAttempts, drive, type Scheduler, type SchedulerContext, type Step, startAttempt } from "./context.ts";
import { cooldownFactor, shouldExpand, thompsonPick } from "./hgm-policy.ts";
import { SearchTree } from "./search-tree.ts";

interface Pending {
  expansions: number;
  /** "agentId\ttaskId" of evaluations in flight. */
  evaluations: Set<string>;
}

const pendingKey = (agentId: string, taskId: string) => `${agentId}\t${taskId}`;

export const hgmScheduler: Scheduler = (ctx) => {
  const { services, options, runId } = ctx.attempt;
  const { archive } = services;
  const pool = services.searchPool;
  const tree = SearchTree.fromArchive(archive, runId, new Set(pool.taskIds));
  const pending: Pending = { expansions: 0, evaluations: new Set() };
  let started = countedAttempts(ctx);
  // Decisions are numbered from what the archive holds, so a resumed run draws afresh, reproducibly.
  let decision = started + archive.countSearchEvaluations(runId);
  const best = new BestByLowerBound(ctx);

  const next = (): Step => {
    const spent = archive.countSearchEvaluations(runId);
    const budget = options.maxTaskEvals;
    if (budget !== null && spent + pending.evaluations.size >= budget) return { kind: "wait" };
    const rng = mulberry32(deriveSeed(options.seed, `hgm-${decision++}`));
    const factor = options.hgm.cooldown && budget !== null ? cooldownFactor(spent, budget, options.hgm.beta) : 1;
    const mayExpand = started < ctx.planned;

    const expand = (): Step | undefined => {
      // Parents: agents that solved something (HGM excludes a mean of 0: such a clade has shown nothing).
      const parents = tree
        .agents()
        .filter((agent) => tree.own(agent.id).successes > 0)
        .map((agent) => ({ item: agent, tally: tree.clade(agent.id) }));
      const parent = thompsonPick(parents, rng, factor)?.item;
      if (!parent) return undefined;
      const index = started++;
      const attempt = startAttempt(ctx, parent, index);
      pending.expansions++;
      return {
        kind: "start",
        work: async () => {
          try {
            await attempt();
          } finally {
            pending.expansions--;
            // An admitted child joins the tree; an invalid or failed one never does (as in HGM).
            for (const agent of archive.listAgents(runId)) if (agent.status === "admitted") tree.addAgent(agent);
          }
        },
      };
    };

    const evaluate = (): Step | undefined => {
      const candidates = tree
        .agents()
        .map((agent) => ({
          agent,
          tasks: tree
            .untried(agent.id, pool.taskIds)
            .filter((taskId) => !pending.evaluations.has(pendingKey(agent.id, taskId))),
        }))
        .filter((candidate) => candidate.tasks.length > 0)
        .map((candidate) => ({ item: candidate, tally: tree.own(candidate.agent.id) }));
      const chosen = thompsonPick(candidates, rng, factor)?.item;
      if (!chosen) return undefined;
      const taskId = chosen.tasks[Math.floor(rng() * chosen.tasks.length)]!;
      const key = pendingKey(chosen.agent.id, taskId);
      pending.evaluations.add(key);
      return {
        kind: "start",
        work: async () => {
          try {
            const row = await services.evaluateTask(chosen.agent, taskId, pool.stage, ctx.attempt.signal);
            tree.record(row);
            const own = tree.own(chosen.agent.id);
            const total = own.successes + own.failures;
            if (total > 0) archive.setAgentScore(chosen.agent.id, pool.stage, own.successes / total);
            ctx.attempt.events.emit({
              type: "task-evaluated",
              agentId: chosen.agent.id,
              taskId,
              status: row.status,
              spent: archive.countSearchEvaluations(runId),
              budget: options.maxTaskEvals,
            });
            best.update(tree);
          } finally {
            pending.evaluations.delete(key);
          }
        },
      };
    };

    // HGM's rule counts the agents in the tree; we count every expansion started, valid or not (agents
    // = attempts + 1, pending ones included in `started`): otherwise a parent whose changes keep failing
    // (one that has every skill the diagnoser knows) is expanded again and again and evaluation starves.
    const wantExpand = mayExpand && shouldExpand(spent, started + 1, 0, options.hgm.alpha);
    const step = wantExpand ? (expand() ?? evaluate()) : (evaluate() ?? (mayExpand ? expand() : undefined));
    if (step) return step;
    if (pending.expansions > 0 || pending.evaluations.size > 0) return { kind: "wait" };
    return {
      kind: "done",
      stop: stopReason(
        "finished",
        mayExpand
          ? "no agent has solved a task yet and every agent has been evaluated on every search task"
          : "every child was made and every agent has been evaluated on every search task",
      ),
    };
  };

  return drive(ctx, next);
};

/**
 * The live "best" of an HGM run: the highest Wilson lower bound of an agent's own results, not the
 * highest mean — an agent that passed its one task has a mean of 1 and says almost nothing.
 */
class BestByLowerBound {
  private currentId: string | null = null;

  constructor(private readonly ctx: SchedulerContext) {}

  update(tree: SearchTree): void {
    const [best] = tree
      .agents()
      .map((agent) => {
        const own = tree.own(agent.id);
        return resultsFromTally(agent, own.successes, own.successes + own.failures);
      })
      .filter((results) => results.total > 0)
      .sort(compareByLowerBound);
    if (!best || best.agent.id === this.currentId) return;
    this.currentId = best.agent.id;
    this.ctx.attempt.events.emit({
      type: "best-changed",
      agentId: best.agent.id,
      score: best.interval.estimate,
      low: best.interval.low,
      evaluated: best.total,
    });
  }
}
