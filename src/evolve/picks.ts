// Ranking agents by what their results can vouch for: the lower bound of a 95% Wilson interval on
// their pass rate, not the pass rate itself. An agent that passed 1 task of 1 has a mean of 1.0 and a
// lower bound of 0.21; one that passed 40 of 50 has 0.80 and 0.67 — the second is the safer pick.
import type { AgentRow, Archive, EvaluationRow, RunRow } from "../../archive/index.ts";
import { type Interval, wilsonInterval } from "../../common/index.ts";

export interface AgentResults {
  agent: AgentRow;
  passed: number;
  /** Tasks with a result that says something about the agent (not an infrastructure "error"). */
  total: number;
  interval: Interval & { estimate: number };
}

/** The latest result per (agent, task) among rows of the wanted kind (search stages, or the held-out "test"). */
export function latestResults(
  rows: readonly EvaluationRow[],
  heldOut: boolean,
): Map<string, Map<string, EvaluationRow["status"]>> {
  const byAgent = new Map<string, Map<string, EvaluationRow["status"]>>();
  for (const row of rows) {
    if ((row.stage === "test") !== heldOut || row.status === "error") continue;
    const tasks = byAgent.get(row.agentId) ?? new Map<string, EvaluationRow["status"]>();
    tasks.set(row.taskId, row.status);
    byAgent.set(row.agentId, tasks);
  }
  return byAgent;
}

export function resultsOf(
  agent: AgentRow,
  statuses: ReadonlyMap<string, EvaluationRow["status"]> | undefined,
  confidence = 0.95,
): AgentResults {
  const all = [...(statuses?.values() ?? [])];
  const passed = all.filter((status) => status === "passed").length;
  return { agent, passed, total: all.length, interval: wilsonInterval(passed, all.length, confidence) };
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
  const results = latestResults(archive.listEvaluations({ runId }), options.heldOut ?? false);
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
