// Ranking agents by what their results can vouch for: the lower bound of a 95% Wilson interval on
// their pass rate, not the pass rate itself. An agent that passed 1 task of 1 has a mean of 1.0 and a
// lower bound of 0.21; one that passed 40 of 50 has 0.80 and 0.67 — the second is the safer pick.
import { type AgentRow, type Archive, type EvaluationRow, type RunRow, verdicts } from "../../archive/index.ts";
import { CONFIDENCE, type Interval, wilsonInterval } from "../../common/index.ts";

export interface AgentResults {
  agent: AgentRow;
  passed: number;
  /** Tasks with a result that says something about the agent (not an infrastructure "error"). */
  total: number;
  interval: Interval & { estimate: number };
}

/** Each agent's verdict per task (archive's `verdicts`) among rows of the wanted kind: search stages or the held-out "test". */
export function verdictsByAgent(rows: readonly EvaluationRow[], heldOut: boolean): Map<string, Map<string, boolean>> {
  const rowsByAgent = new Map<string, EvaluationRow[]>();
  for (const row of rows) {
    if ((row.stage === "test") !== heldOut) continue;
    rowsByAgent.set(row.agentId, [...(rowsByAgent.get(row.agentId) ?? []), row]);
  }
  const byAgent = new Map<string, Map<string, boolean>>();
  for (const [agentId, agentRows] of rowsByAgent) {
    const { byTask } = verdicts(agentRows);
    if (byTask.size > 0) byAgent.set(agentId, byTask);
  }
  return byAgent;
}

/** An agent's pass count and interval from its tallies. */
export function resultsFromTally(
  agent: AgentRow,
  passed: number,
  total: number,
  confidence = CONFIDENCE,
): AgentResults {
  return { agent, passed, total, interval: wilsonInterval(passed, total, confidence) };
}

export function resultsOf(
  agent: AgentRow,
  byTask: ReadonlyMap<string, boolean> | undefined,
  confidence = CONFIDENCE,
): AgentResults {
  const all = [...(byTask?.values() ?? [])];
  return resultsFromTally(agent, all.filter(Boolean).length, all.length, confidence);
}

/** Best first: higher lower bound, then higher pass rate, then more tasks, then earlier created. */
export function compareByLowerBound(a: AgentResults, b: AgentResults): number {
  return (
    b.interval.low - a.interval.low ||
    b.interval.estimate - a.interval.estimate ||
    b.total - a.total ||
    (a.agent.createdAt < b.agent.createdAt ? -1 : a.agent.createdAt > b.agent.createdAt ? 1 : 0)
  );
}

/** A run's admitted agents with at least one result of the wanted kind, best lower bound first. */
export function rankByLowerBound(
  archive: Archive,
  runId: string,
  options: { heldOut?: boolean; confidence?: number } = {},
): AgentResults[] {
  const results = verdictsByAgent(archive.listEvaluations({ runId }), options.heldOut ?? false);
  return archive
    .listAgents(runId)
    .filter((agent) => agent.status === "admitted" && results.has(agent.id))
    .map((agent) => resultsOf(agent, results.get(agent.id), options.confidence))
    .sort(compareByLowerBound);
}

/**
 * A run's best agent as the run itself reports it: the final pick when finalists chose one; for an HGM
 * run, the highest lower bound (its agents are scored on different tasks, few of them); else the
 * highest score (DGM's best, every agent scored on the same stages).
 */
export function bestOfRun(archive: Archive, run: RunRow): AgentRow | undefined {
  if (run.finalPick) return archive.getAgent(run.finalPick.agentId);
  const scheduler = (run.config.options as { scheduler?: string } | undefined)?.scheduler;
  if (scheduler === "hgm") return rankByLowerBound(archive, run.id)[0]?.agent;
  return archive.bestAgent(run.id);
}
