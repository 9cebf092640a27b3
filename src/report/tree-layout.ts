// Tree layout in O(n): leaves take consecutive columns in depth-first order, a parent sits centred
// over its first and last child, rows are depths. It is the layered layout of the DGM paper's
// figure, without a dependency, and fast enough for 10,000 agents (see bench/report.bench.ts).
import type { AgentRow } from "../../archive/index.ts";
import { buildForest, type Forest } from "./lineage.ts";

export interface PlacedAgent {
  agent: AgentRow;
  /** Column (0..columns-1, fractional for parents) and row (depth). */
  x: number;
  y: number;
  onBestPath: boolean;
}

export interface TreeLayout {
  forest: Forest;
  nodes: PlacedAgent[];
  /** parent index → child index into `nodes`. */
  edges: { from: number; to: number; onBestPath: boolean }[];
  columns: number;
  rows: number;
}

export function layoutTree(agents: readonly AgentRow[], bestId?: string): TreeLayout {
  const forest = buildForest(agents, bestId);
  const x = new Map<string, number>();
  let nextColumn = 0;
  // Leaves take columns in pre-order; then reverse pre-order (children before parents, a post-order
  // without recursion) centres each parent over its children.
  for (const agent of forest.order) {
    if ((forest.children.get(agent.id)?.length ?? 0) === 0) x.set(agent.id, nextColumn++);
  }
  for (let i = forest.order.length - 1; i >= 0; i--) {
    const agent = forest.order[i]!;
    const kids = forest.children.get(agent.id);
    if (!kids || kids.length === 0) continue;
    x.set(agent.id, ((x.get(kids[0]!.id) ?? 0) + (x.get(kids[kids.length - 1]!.id) ?? 0)) / 2);
  }

  const index = new Map<string, number>();
  const nodes: PlacedAgent[] = forest.order.map((agent, i) => {
    index.set(agent.id, i);
    return {
      agent,
      x: x.get(agent.id) ?? 0,
      y: forest.depth.get(agent.id) ?? 0,
      onBestPath: forest.bestPath.has(agent.id),
    };
  });
  const edges: TreeLayout["edges"] = [];
  let rows = 0;
  for (const node of nodes) {
    rows = Math.max(rows, node.y + 1);
    const parent = node.agent.parentId === null ? undefined : index.get(node.agent.parentId);
    if (parent !== undefined && node.y > 0) {
      edges.push({
        from: parent,
        to: index.get(node.agent.id)!,
        onBestPath: node.onBestPath && nodes[parent]!.onBestPath,
      });
    }
  }
  return { forest, nodes, edges, columns: Math.max(1, nextColumn), rows };
}
