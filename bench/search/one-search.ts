// One search of bench:search: a run of the real loop on the in-process services (real archive and git,
// the sim behind the real gateway, no containers) under a task-evaluation budget, then what it found
// judged against the simulator's ground truth (each agent's true score, which the loop never sees).
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type EvaluationRow, openArchive, type SqliteArchive } from "../../archive/index.ts";
import { loadSuite } from "../../evaluator/index.ts";
import { createInProcessServices, TrueScores } from "../../src/evolve/in-process/index.ts";
import {
  compareByLowerBound,
  defaultStages,
  EvolutionLoop,
  parseEvolveOptions,
  resultsFromTally,
} from "../../src/evolve/index.ts";

export const POLICIES = ["dgm", "hgm", "random", "best"] as const;
export type Policy = (typeof POLICIES)[number];

export interface SearchJob {
  policy: Policy;
  budget: number;
  seed: number;
}

export interface SearchOutcome extends SearchJob {
  /** Task evaluations the search spent (children only, as --max-task-evals counts them). */
  evals: number;
  /** Held-out evaluations of the finalists (outside the search budget). */
  finalistEvals: number;
  agents: number;
  seedTrue: number;
  /** The best true score of any agent the search made: what a perfect final pick would get. */
  bestTrue: number;
  /** The pick by highest observed score (DGM's "best": the archive's highest headline score). */
  highestObservedTrue: number;
  /** The pick by the lower bound on the held-out split after finalists (null when finalists had no result). */
  finalPickTrue: number | null;
  /** (evaluations spent, true score of the search's lower-bound pick at that moment), at each change. */
  trace: [number, number][];
  ms: number;
}

/** The whole built-in suite, DGM-staged (small → medium at 40%); true scores are expectations over all of it. */
const SUITE = "builtin";
const TEST_SPLIT = 0.3;
const FINALISTS = 5;

function optionsFor(job: SearchJob) {
  const dgmLike = job.policy !== "hgm";
  return parseEvolveOptions({
    suite: SUITE,
    stages: defaultStages(SUITE, false),
    scheduler: dgmLike ? "dgm" : "hgm",
    strategy: job.policy === "random" ? "random" : job.policy === "best" ? "best" : "score_child_prop",
    maxTaskEvals: job.budget,
    // The task-evaluation budget is the limit that binds; attempts are capped at a quarter of it (DGM
    // makes about 35 and HGM about 80 at 800, failures included) only so that a search stuck on a
    // parent whose every self-modification changes nothing (the top of the landscape) still ends.
    maxGenerations: Math.ceil(job.budget / 4),
    childrenPerGeneration: 1,
    // One decision at a time: the run depends on nothing but its seed and the order of events.
    workers: 1,
    maxContainers: 1,
    seed: job.seed,
    testSplit: TEST_SPLIT,
    finalists: FINALISTS,
  });
}

/** tmpfs when there is one: the bench measures search, not the disk's fsync. */
function scratchRoot(): string {
  return existsSync("/dev/shm") ? "/dev/shm" : tmpdir();
}

/**
 * The search's lower-bound pick after each evaluation, replayed from the archive in recording order: the
 * agent with the highest 95% Wilson lower bound on its search results so far. Its true score, whenever it
 * changes, against the evaluations spent by then.
 */
async function traceOf(
  archive: SqliteArchive,
  runId: string,
  seedId: string,
  truth: (agentId: string) => Promise<number>,
): Promise<[number, number][]> {
  const agents = new Map(archive.listAgents(runId).map((agent) => [agent.id, agent]));
  const tallies = new Map<string, { passed: number; total: number }>();
  const trace: [number, number][] = [];
  let evals = 0;
  let pickId: string | null = null;
  const rows: EvaluationRow[] = archive.listEvaluations({ runId }).filter((row) => row.stage !== "test");
  for (const row of rows) {
    if (row.agentId !== seedId) evals++;
    if (row.status === "error") continue;
    const tally = tallies.get(row.agentId) ?? { passed: 0, total: 0 };
    tally.total++;
    if (row.status === "passed") tally.passed++;
    tallies.set(row.agentId, tally);
    // The run's own ranking (src/evolve/picks.ts), so the trace picks what the run would pick.
    const [best] = [...tallies]
      .map(([id, { passed, total }]) => resultsFromTally(agents.get(id)!, passed, total))
      .sort(compareByLowerBound);
    if (best && best.agent.id !== pickId) {
      pickId = best.agent.id;
      trace.push([evals, await truth(best.agent.id)]);
    }
  }
  return trace;
}

export async function runSearch(job: SearchJob): Promise<SearchOutcome> {
  const started = performance.now();
  const home = await mkdtemp(join(scratchRoot(), "dgm-bench-search-"));
  const archive = await openArchive(home);
  try {
    const options = optionsFor(job);
    const run = archive.createRun({ config: { options }, seed: options.seed });
    const wiring = createInProcessServices(archive, run, options);
    const loop = new EvolutionLoop(wiring.services, options, home, {
      stop: new AbortController(),
      abort: new AbortController(),
    });
    const result = await loop.execute(run, false).finally(() => wiring.close());
    // "finished": the attempt cap was reached before the budget was spent (evals says how much was).
    if (result.stop.kind !== "limit" && result.stop.kind !== "finished") {
      throw new Error(`search ${JSON.stringify(job)} ended ${result.stop.kind}: ${result.stop.message}`);
    }
    const trueScores = new TrueScores(archive.store, join(home, "true-scores"), loadSuite(SUITE));
    const agents = archive.listAgents(run.id).filter((agent) => agent.status === "admitted");
    const truth = new Map<string, number>();
    for (const agent of agents) truth.set(agent.id, await trueScores.of(agent));
    const trueOf = async (agentId: string) => truth.get(agentId) ?? 0;
    const seed = agents.find((agent) => agent.parentId === null)!;
    const highestObserved = archive.bestAgent(run.id);
    const finalPick = archive.getRun(run.id)?.finalPick ?? null;
    return {
      ...job,
      evals: archive.countSearchEvaluations(run.id),
      finalistEvals: archive.listEvaluations({ runId: run.id, stage: "test" }).length,
      agents: agents.length,
      seedTrue: await trueOf(seed.id),
      bestTrue: Math.max(...truth.values()),
      highestObservedTrue: highestObserved ? await trueOf(highestObserved.id) : 0,
      finalPickTrue: finalPick ? await trueOf(finalPick.agentId) : null,
      trace: await traceOf(archive, run.id, seed.id, trueOf),
      ms: Math.round(performance.now() - started),
    };
  } finally {
    archive.close();
    await rm(home, { recursive: true, force: true });
  }
}
