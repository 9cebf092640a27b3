// `dgm tree`: the lineage in a terminal. Every agent is one line; the seed → best path is marked and
// highlighted; deep trees fold their indentation so a line never exceeds the terminal width.
import { createColors } from "picocolors";
import type { AgentRow } from "../../archive/index.ts";
import { buildForest, formatScore, shortId } from "./lineage.ts";
import type { RunView } from "./run-view.ts";

export interface TreeTextOptions {
  /** Terminal columns (default 100). */
  width?: number;
  color?: boolean;
}

const statusGlyph: Record<AgentRow["status"], string> = {
  admitted: "●",
  rejected: "○",
  invalid: "✗",
  pending: "·",
  evaluating: "◌",
};

/** The narrowest useful line: glyph, id, score, status. */
const MIN_LABEL = 26;

export function renderTreeText(
  view: Pick<RunView, "run" | "agents" | "bestId">,
  options: TreeTextOptions = {},
): string {
  const width = Math.max(40, options.width ?? 100);
  const c = createColors(options.color ?? false);
  const forest = buildForest(view.agents, view.bestId);
  const admitted = view.agents.filter((agent) => agent.status === "admitted").length;
  const header = `${view.run.id}  ${view.run.status}  ${view.agents.length} agents (${admitted} admitted)`;
  const lines = [c.bold(truncate(header, width))];
  if (view.agents.length === 0) {
    lines.push(c.dim("(no agents yet: the run has not imported its seed agent)"));
    return `${lines.join("\n")}\n`;
  }

  // Indentation gets what the label does not need; deeper prefixes keep only their tail behind "…".
  const maxIndent = Math.max(6, width - MIN_LABEL - 12);
  interface Frame {
    agent: AgentRow;
    prefix: string;
    continuation: string;
  }
  const stack: Frame[] = [];
  for (let i = forest.roots.length - 1; i >= 0; i--)
    stack.push({ agent: forest.roots[i]!, prefix: "", continuation: "" });
  while (stack.length > 0) {
    const { agent, prefix, continuation } = stack.pop()!;
    lines.push(
      renderLine(agent, fold(prefix, maxIndent), forest.bestPath.has(agent.id), agent.id === view.bestId, width, c),
    );
    const kids = forest.children.get(agent.id) ?? [];
    for (let i = kids.length - 1; i >= 0; i--) {
      const last = i === kids.length - 1;
      stack.push({
        agent: kids[i]!,
        prefix: capTail(`${continuation}${last ? "└─ " : "├─ "}`, maxIndent + 1),
        continuation: capTail(`${continuation}${last ? "   " : "│  "}`, maxIndent + 1),
      });
    }
  }
  lines.push(c.dim(legend(width)));
  return `${lines.join("\n")}\n`;
}

type Colors = ReturnType<typeof createColors>;

function renderLine(
  agent: AgentRow,
  prefix: string,
  onBestPath: boolean,
  isBest: boolean,
  width: number,
  c: Colors,
): string {
  const score = formatScore(agent);
  const core = `${statusGlyph[agent.status]} ${shortId(agent.id)}  ${score.padStart(4)}  ${agent.status.padEnd(10)}`;
  const extras = [`gen ${agent.generation}`];
  if (isBest) extras.unshift("★ best");
  if (agent.statusReason) extras.push(agent.statusReason.replace(/\s+/g, " "));
  const plain = truncate(`${prefix}${core} ${extras.join("  ")}`.trimEnd(), width);
  // Colour after truncation so escape codes never count against the width.
  const styled = isBest
    ? c.bold(c.green(plain))
    : onBestPath
      ? c.green(plain)
      : agent.status === "admitted"
        ? plain
        : c.dim(plain);
  return styled;
}

/** Keeps a prefix within `max` columns by replacing its head with "…". */
function fold(prefix: string, max: number): string {
  return prefix.length <= max ? prefix : `…${prefix.slice(prefix.length - max + 1)}`;
}

function capTail(text: string, max: number): string {
  return text.length <= max ? text : text.slice(text.length - max);
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

function legend(width: number): string {
  return truncate("● admitted  ○ rejected  ✗ invalid  ◌ evaluating  · pending   green: seed → best", width);
}

/** `dgm tree --json`: nested nodes, children in creation order. */
export interface TreeJsonNode {
  id: string;
  parentId: string | null;
  status: AgentRow["status"];
  statusReason: string | null;
  generation: number;
  scores: AgentRow["scores"];
  best: boolean;
  onBestPath: boolean;
  children: TreeJsonNode[];
}

export function treeJson(view: Pick<RunView, "run" | "agents" | "bestId">): {
  runId: string;
  bestId: string | null;
  roots: TreeJsonNode[];
} {
  const forest = buildForest(view.agents, view.bestId);
  const nodes = new Map<string, TreeJsonNode>();
  for (const agent of forest.order) {
    const node: TreeJsonNode = {
      id: agent.id,
      parentId: agent.parentId,
      status: agent.status,
      statusReason: agent.statusReason,
      generation: agent.generation,
      scores: agent.scores,
      best: agent.id === view.bestId,
      onBestPath: forest.bestPath.has(agent.id),
      children: [],
    };
    nodes.set(agent.id, node);
    const parent = agent.parentId ? nodes.get(agent.parentId) : undefined;
    if (parent && forest.depth.get(agent.id) !== 0) parent.children.push(node);
  }
  return { runId: view.run.id, bestId: view.bestId ?? null, roots: forest.roots.map((root) => nodes.get(root.id)!) };
}
