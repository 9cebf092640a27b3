// `dgm best --confidence`: a run's pick by what its results can vouch for, not by its highest score.
// With a held-out split (--test-split) the top finalists by the lower bound of their search results are
// evaluated on the held-out tasks (on Docker, with the services a resume would build) and the pick has
// the highest lower bound of a 95% Wilson interval there; it is recorded as the run's final pick.
// Without a split nothing is evaluated: agents are ranked by the lower bound on the very tasks they were
// selected on, which is optimistic, and the answer says so.
import { type AgentRow, type Archive, headlineScore, type RunRow } from "../../archive/index.ts";
import { CONFIDENCE } from "../../common/index.ts";
import { EventBus, rankByLowerBound, runFinalists } from "../evolve/index.ts";
import { CommandError } from "./errors.ts";
import { openDockerServices, type RunServicesOpener, storedRunConfig, storedRunOptions } from "./run-services.ts";

/** Finalists when neither the flag nor the run says how many (the evolve option's default). */
const DEFAULT_FINALISTS = 5;

export interface ConfidentPickRequest {
  archive: Archive;
  run: RunRow;
  /** How many candidates to weigh (default: the run's --finalists). */
  finalists?: number;
  /** Ctrl-C: evaluations in flight are abandoned; the results recorded so far stay for the next try. */
  signal?: AbortSignal;
  onProgress?: (line: string) => void;
  /** How the run's services are built for the held-out evaluation (default: on Docker, as a resume does). */
  openServices?: RunServicesOpener;
}

export interface PickCandidate {
  agentId: string;
  generation: number;
  passed: number;
  total: number;
  estimate: number;
  low: number;
  high: number;
  /** The agent's score on its largest search stage (null when it has none). */
  searchScore: number | null;
}

export interface ConfidentPick {
  runId: string;
  /** holdout-lcb: finalists judged on held-out tasks; search-lcb: ranked on the search's own tasks. */
  method: "holdout-lcb" | "search-lcb";
  confidence: number;
  /** Tasks held out of the search (null without a split). */
  heldOutTasks: number | null;
  /** Best lower bound first; the first is the pick. */
  finalists: PickCandidate[];
  pick: PickCandidate;
  /** Whether the intervals are on the tasks the agents were selected on (biased upwards). */
  optimistic: boolean;
  note: string;
}

export class PickInterrupted extends CommandError {
  constructor() {
    super("interrupted: no final pick was made", {
      fix: "run `dgm best --confidence` again: held-out results recorded so far are not evaluated again",
      exitCode: 130,
    });
  }
}

function candidate(
  agent: AgentRow | undefined,
  agentId: string,
  counts: { passed: number; total: number; low: number; high: number },
): PickCandidate {
  return {
    agentId,
    generation: agent?.generation ?? 0,
    passed: counts.passed,
    total: counts.total,
    estimate: counts.total === 0 ? 0 : counts.passed / counts.total,
    low: counts.low,
    high: counts.high,
    searchScore: agent ? (headlineScore(agent) ?? null) : null,
  };
}

function finalistsWanted(request: ConfidentPickRequest, stored: number | undefined): number {
  return request.finalists ?? stored ?? DEFAULT_FINALISTS;
}

/** The pick by the highest 95% lower bound: on held-out tasks when the run has a split, else on search tasks. */
export async function pickWithConfidence(request: ConfidentPickRequest): Promise<ConfidentPick> {
  const { run } = request;
  const options = storedRunOptions(run);
  if (options && options.testSplit > 0) return pickOnHeldOut(request);
  return pickOnSearch(request, finalistsWanted(request, options?.finalists));
}

function pickOnSearch(request: ConfidentPickRequest, count: number): ConfidentPick {
  const { archive, run } = request;
  const ranked = rankByLowerBound(archive, run.id, { confidence: CONFIDENCE }).slice(0, count);
  const finalists = ranked.map((result) => candidate(result.agent, result.agent.id, { ...result, ...result.interval }));
  const pick = finalists[0];
  if (!pick)
    throw new CommandError(`run ${run.id} has no admitted agent with a task result yet`, {
      fix: "wait until the run has evaluated its seed, or pick another run (`dgm runs`)",
    });
  return {
    runId: run.id,
    method: "search-lcb",
    confidence: CONFIDENCE,
    heldOutTasks: null,
    finalists,
    pick,
    optimistic: true,
    note:
      "these intervals are on the tasks the agents were selected on, so they are optimistic; " +
      "rerun with --test-split for an honest pick",
  };
}

async function pickOnHeldOut(request: ConfidentPickRequest): Promise<ConfidentPick> {
  const { archive, run } = request;
  if (run.status === "running")
    throw new CommandError(`run ${run.id} is still running: its finalists are picked when it ends`, {
      fix: "wait for it to end (or stop it with Ctrl-C); a run whose process died stays running until `dgm evolve --resume`",
    });
  const config = storedRunConfig(run);
  const count = finalistsWanted(request, config.options.finalists);
  const signal = request.signal ?? new AbortController().signal;
  const wiring = await (request.openServices ?? openDockerServices)(archive, run, config);
  request.onProgress?.(
    `the top ${count} agents by search lower bound, on the held-out split (results recorded before are kept)…`,
  );
  try {
    const events = new EventBus(archive, () => run.id);
    events.on((event) => {
      if (event.type === "warning") request.onProgress?.(`warning: ${event.message}`);
    });
    const services = { ...wiring.services };
    services.evaluateTask = async (agent, taskId, stage, taskSignal) => {
      const row = await wiring.services.evaluateTask(agent, taskId, stage, taskSignal);
      request.onProgress?.(`  ${agent.id.slice(0, 8)} ${taskId}: ${row.status}`);
      return row;
    };
    const finalPick = await runFinalists({ services, options: config.options, events, runId: run.id, signal }, count);
    if (signal.aborted) throw new PickInterrupted();
    if (!finalPick) {
      const why = wiring.services.modelFailure() ?? wiring.services.budgetExhausted();
      throw new CommandError(
        `run ${run.id}: no finalist has a held-out result, so there is no final pick${why ? ` (${why})` : ""}`,
        {
          fix: why
            ? "fix the cause, then run `dgm best --confidence` again (`dgm evolve --resume <run> --budget-usd …` raises a budget)"
            : "check that the run has admitted agents (`dgm tree`) and that the sandbox works (`dgm doctor`)",
        },
      );
    }
    const finalists = finalPick.finalists.map((finalist) =>
      candidate(archive.getAgent(finalist.agentId), finalist.agentId, finalist),
    );
    return {
      runId: run.id,
      method: "holdout-lcb",
      confidence: finalPick.confidence,
      heldOutTasks: finalPick.heldOutTasks,
      finalists,
      pick: finalists.find((finalist) => finalist.agentId === finalPick.agentId) ?? finalists[0]!,
      optimistic: false,
      note: "held-out tasks were never used by the search, so these intervals are not inflated by the selection; recorded as the run's final pick",
    };
  } finally {
    // Nothing else works on this run (a running one was refused): what an interruption or a failure
    // left of its containers can go.
    await wiring.services.pruneContainers(run.id);
    await wiring.close();
  }
}
