// The archive tree as a forest: children per agent, a stable depth-first order, depths, and the
// path from the seed to the best agent (drawn thick everywhere, as in the DGM paper's figure).

import type { AgentRow } from "../../archive/index.ts";
import { headlineScore } from "../../archive/index.ts";

export interface Forest {
  roots: AgentRow[];
  byId: Map<string, AgentRow>;
  children: Map<string, AgentRow[]>;
  /** Depth-first pre-order: parents before children, siblings by creation. */
  order: AgentRow[];
  depth: Map<string, number>;
  /** Agent ids on the path root → best (empty without a best agent). */
  bestPath: Set<string>;
}

const byCreation = (a: AgentRow, b: AgentRow): number =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * Builds the forest without recursion (10,000-deep chains must not blow the stack). An agent whose
 * parent is not in the rows (e.g. a seed taken from another run) is shown as a root — never dropped.
 */
export function buildForest(agents: readonly AgentRow[], bestId?: string): Forest {
  const byId = new Map(agents.map((agent) => [agent.id, agent]));
  const children = new Map<string, AgentRow[]>();
  const roots: AgentRow[] = [];
  for (const agent of agents) {
    if (agent.parentId !== null && byId.has(agent.parentId) && agent.parentId !== agent.id) {
      const siblings = children.get(agent.parentId);
      if (siblings) siblings.push(agent);
      else children.set(agent.parentId, [agent]);
    } else {
      roots.push(agent);
    }
  }
  roots.sort(byCreation);
  for (const siblings of children.values()) siblings.sort(byCreation);

  const order: AgentRow[] = [];
  const depth = new Map<string, number>();
  const stack: AgentRow[] = [...roots].reverse();
  for (const root of roots) depth.set(root.id, 0);
  while (stack.length > 0) {
    const agent = stack.pop()!;
    order.push(agent);
    const kids = children.get(agent.id) ?? [];
    const childDepth = (depth.get(agent.id) ?? 0) + 1;
    for (let i = kids.length - 1; i >= 0; i--) {
      const kid = kids[i]!;
      depth.set(kid.id, childDepth);
      stack.push(kid);
    }
  }

  const bestPath = new Set<string>();
  let cursor = bestId ? byId.get(bestId) : undefined;
  while (cursor && !bestPath.has(cursor.id)) {
    bestPath.add(cursor.id);
    cursor = cursor.parentId ? byId.get(cursor.parentId) : undefined;
  }
  return { roots, byId, children, order, depth, bestPath };
}

/** "0.42" or "—" when the agent has no score yet. */
export function formatScore(agent: Pick<AgentRow, "scores">): string {
  const score = headlineScore(agent);
  return score === undefined ? "—" : score.toFixed(2);
}

export function formatUsd(usd: number | null | undefined): string {
  if (usd === null || usd === undefined) return "unknown";
  return usd < 0.01 && usd > 0 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

/** Agent ids are long; eight characters are unique in practice and `resolveAgent` accepts prefixes. */
export const shortId = (id: string): string => id.slice(0, 8);
