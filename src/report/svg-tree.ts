// The archive tree as SVG: nodes coloured by score, shaped by status, the seed → best path drawn
// thick. Every agent is one `<g class="agent-node" data-id=…>` so a page can find and click it.

import type { AgentRow } from "../../archive/index.ts";
import { headlineScore } from "../../archive/index.ts";
import { escapeHtml } from "./html.ts";
import { formatScore, shortId } from "./lineage.ts";
import type { TreeLayout } from "./tree-layout.ts";

const DX = 18;
const DY = 46;
const MARGIN = 24;

/** Viridis, sampled: dark purple (0) → teal (0.5) → yellow (1). Unscored agents are grey. */
const viridis = ["#440154", "#3b528b", "#21918c", "#5ec962", "#fde725"];

export function scoreColor(score: number | undefined): string {
  if (score === undefined || !Number.isFinite(score)) return "#9aa0a6";
  const t = Math.min(1, Math.max(0, score)) * (viridis.length - 1);
  const i = Math.min(viridis.length - 2, Math.floor(t));
  return mix(viridis[i]!, viridis[i + 1]!, t - i);
}

function mix(a: string, b: string, t: number): string {
  const channel = (hex: string, at: number): number => Number.parseInt(hex.slice(at, at + 2), 16);
  const out = [1, 3, 5].map((at) => Math.round(channel(a, at) + (channel(b, at) - channel(a, at)) * t));
  return `#${out.map((v) => v.toString(16).padStart(2, "0")).join("")}`;
}

function shape(status: AgentRow["status"], cx: number, cy: number, r: number, fill: string): string {
  const at = (n: number): string => n.toFixed(1);
  switch (status) {
    case "admitted":
      return `<circle cx="${at(cx)}" cy="${at(cy)}" r="${r}" fill="${fill}"/>`;
    case "rejected":
      return `<rect x="${at(cx - r)}" y="${at(cy - r)}" width="${2 * r}" height="${2 * r}" fill="${fill}"/>`;
    case "invalid":
      return `<path d="M${at(cx - r)} ${at(cy - r)}L${at(cx + r)} ${at(cy + r)}M${at(cx + r)} ${at(cy - r)}L${at(cx - r)} ${at(cy + r)}" stroke="#d93025" stroke-width="3" fill="none"/>`;
    default:
      return `<path d="M${at(cx)} ${at(cy - r)}L${at(cx + r)} ${at(cy)}L${at(cx)} ${at(cy + r)}L${at(cx - r)} ${at(cy)}Z" fill="${fill}"/>`;
  }
}

/** A small tree is not blown up to fill the page: the view is at least MIN_VIEW wide/high, centred. */
const MIN_VIEW = { width: 720, height: 320 };

function viewBox(width: number, height: number): string {
  const w = Math.max(width, MIN_VIEW.width);
  const h = Math.max(height, MIN_VIEW.height);
  return `${(-(w - width) / 2).toFixed(1)} ${(-(h - height) / 2).toFixed(1)} ${w} ${h}`;
}

export interface SvgTreeOptions {
  bestId?: string | undefined;
  /** Adds an id to the <svg> element. */
  id?: string;
}

/** Up to this many leaves, nodes are spread out and every node carries its score as a label. */
const LABELLED_COLUMNS = 40;

export function renderTreeSvg(layout: TreeLayout, options: SvgTreeOptions = {}): string {
  const labelled = layout.columns <= LABELLED_COLUMNS;
  const dx = labelled ? DX * 3.5 : DX;
  // Wide, shallow archives get taller rows so the drawing keeps a page-like aspect ratio.
  const dy = Math.min(
    400,
    Math.max(labelled ? DY * 1.6 : DY, ((layout.columns - 1) * dx * 0.45) / Math.max(1, layout.rows - 1)),
  );
  const width = MARGIN * 2 + (layout.columns - 1) * dx;
  const height = MARGIN * 2 + (layout.rows - 1) * dy;
  const px = (x: number): number => MARGIN + x * dx;
  const py = (y: number): number => MARGIN + y * dy;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" ${options.id ? `id="${options.id}" ` : ""}class="agent-tree" viewBox="${viewBox(width, height)}" width="${width}" height="${height}" role="img" aria-label="archive tree">`,
  );
  // Edges as two paths (thin, thick): one element each keeps 10,000-agent files small and fast to draw.
  const thin: string[] = [];
  const thick: string[] = [];
  for (const edge of layout.edges) {
    const a = layout.nodes[edge.from]!;
    const b = layout.nodes[edge.to]!;
    const midY = (py(a.y) + py(b.y)) / 2;
    const d = `M${px(a.x).toFixed(1)} ${py(a.y)}V${midY}H${px(b.x).toFixed(1)}V${py(b.y)}`;
    (edge.onBestPath ? thick : thin).push(d);
  }
  if (thin.length > 0)
    parts.push(
      `<path class="edges" d="${thin.join("")}" stroke="#b0b4ba" stroke-width="1.2" fill="none" pointer-events="none"/>`,
    );
  if (thick.length > 0)
    parts.push(
      `<path class="best-path" d="${thick.join("")}" stroke="#d93025" stroke-width="4" fill="none" pointer-events="none"/>`,
    );
  for (const node of layout.nodes) {
    const { agent } = node;
    const score = headlineScore(agent);
    const isBest = agent.id === options.bestId;
    const r = node.onBestPath ? 7 : 5.5;
    const title = `${agent.id} · score ${formatScore(agent)} · ${agent.status} · gen ${agent.generation}${agent.statusReason ? ` · ${agent.statusReason}` : ""}${isBest ? " · best" : ""}`;
    parts.push(
      `<g class="agent-node${isBest ? " best" : ""}${node.onBestPath ? " on-best-path" : ""}" data-id="${agent.id}" data-status="${agent.status}"><title>${escapeHtml(title)}</title>${shape(agent.status, px(node.x), py(node.y), r, scoreColor(score))}${isBest ? `<text x="${px(node.x).toFixed(1)}" y="${py(node.y) - 12}" text-anchor="middle" font-size="12" font-weight="bold">★ ${shortId(agent.id)}</text>` : ""}${labelled ? `<text x="${(px(node.x) + 10).toFixed(1)}" y="${py(node.y) + 4}" font-size="10" fill="#5f6368">${formatScore(agent)}</text>` : ""}</g>`,
    );
  }
  parts.push("</svg>");
  return parts.join("");
}
