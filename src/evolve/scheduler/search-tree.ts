// What the HGM scheduler knows of a run: its admitted agents as a tree and each agent's pass/fail
// results on search tasks. Built once from the archive (so a resumed run continues where it was) and
// then kept up to date as evaluations and children land, so that a decision never re-reads the archive.
import type { AgentRow, Archive, EvaluationRow } from "../../../archive/index.ts";
import type { Tally } from "./hgm-policy.ts";

interface Node {
  agent: AgentRow;
  children: string[];
  /** task id → passed, for results that say something about the agent (not "error"). */
  results: Map<string, boolean>;
  /** Every task with a recorded row, errors included: an infrastructure error is not retried in this run. */
  tried: Set<string>;
}

export class SearchTree {
  private readonly nodes = new Map<string, Node>();

  constructor(private readonly pool: ReadonlySet<string>) {}

  static fromArchive(archive: Archive, runId: string, pool: ReadonlySet<string>): SearchTree {
    const tree = new SearchTree(pool);
    for (const agent of archive.listAgents(runId)) if (agent.status === "admitted") tree.addAgent(agent);
    for (const row of archive.listEvaluations({ runId })) tree.record(row);
    return tree;
  }

  get size(): number {
    return this.nodes.size;
  }

  has(agentId: string): boolean {
    return this.nodes.has(agentId);
  }

  agents(): AgentRow[] {
    return [...this.nodes.values()].map((node) => node.agent);
  }

  addAgent(agent: AgentRow): void {
    if (this.nodes.has(agent.id)) return;
    this.nodes.set(agent.id, { agent, children: [], results: new Map(), tried: new Set() });
    if (agent.parentId) this.nodes.get(agent.parentId)?.children.push(agent.id);
  }

  /** Takes in a search result of an agent in the tree; held-out ("test") rows and other tasks are ignored. */
  record(row: EvaluationRow): void {
    const node = this.nodes.get(row.agentId);
    if (!node || row.stage === "test" || !this.pool.has(row.taskId)) return;
    node.tried.add(row.taskId);
    if (row.status !== "error") node.results.set(row.taskId, row.status === "passed");
  }

  own(agentId: string): Tally {
    const tally = { successes: 0, failures: 0 };
    for (const passed of this.nodes.get(agentId)?.results.values() ?? []) {
      if (passed) tally.successes++;
      else tally.failures++;
    }
    return tally;
  }

  /** The clade's pooled results: the agent's own plus every descendant's. */
  clade(agentId: string): Tally {
    const tally = { successes: 0, failures: 0 };
    const stack = [agentId];
    while (stack.length > 0) {
      const id = stack.pop()!;
      const own = this.own(id);
      tally.successes += own.successes;
      tally.failures += own.failures;
      stack.push(...(this.nodes.get(id)?.children ?? []));
    }
    return tally;
  }

  /** Pool tasks the agent has no row for yet, in pool order. */
  untried(agentId: string, pool: readonly string[]): string[] {
    const tried = this.nodes.get(agentId)?.tried;
    return pool.filter((taskId) => !tried?.has(taskId));
  }
}
