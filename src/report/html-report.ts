// `dgm report`: one self-contained HTML file (no network, no external files) with the archive tree,
// the progress plot, the task × agent solve matrix, what grading flagged and the cost breakdown.

import type { AgentRow } from "../../archive/index.ts";
import { agentConfidence, confidencePhrases } from "./confidence.ts";
import { estimateNote, formatCost } from "./cost-text.ts";
import { describeFinalPick } from "./final-pick-text.ts";
import { escapeHtml } from "./html.ts";
import { formatScore, shortId } from "./lineage.ts";
import { panZoomScript } from "./pan-zoom.ts";
import { progressSeries, renderProgressSvg } from "./progress.ts";
import type { RunView } from "./run-view.ts";
import { baseCss } from "./styles.ts";
import { renderTreeSvg } from "./svg-tree.ts";
import { renderCostTable, renderGradingFlags, renderSolveMatrix } from "./tables.ts";
import { layoutTree } from "./tree-layout.ts";

export interface ReportOptions {
  /** When the report was made (shown in the header); fixed in tests. */
  generatedAt?: string;
}

export function renderHtmlReport(view: RunView, options: ReportOptions = {}): string {
  const { run, agents } = view;
  const best = view.bestId ? agents.find((agent) => agent.id === view.bestId) : undefined;
  const count = (status: string): number => agents.filter((agent) => agent.status === status).length;
  const failedAttempts = view.attempts.filter((attempt) => attempt.status === "failed").length;
  const layout = layoutTree(agents, view.bestId);
  const treeSection =
    agents.length === 0
      ? `<p class="empty">This run has no agents yet.</p>`
      : `<div class="legend"><span>score <span class="ramp"></span> 0 → 1 (grey: not scored)</span><span>● admitted ■ rejected ✕ invalid ◆ pending/evaluating</span><span><b style="color:#d93025">━</b> seed → best</span><span>wheel: zoom · drag: pan</span></div>
<div class="tree-box">${renderTreeSvg(layout, { bestId: view.bestId, id: "tree" })}</div>`;
  const title = `DGM run ${run.id}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${baseCss}</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="meta">status <b>${escapeHtml(run.status)}</b>${run.stopReason ? ` (${escapeHtml(run.stopReason)})` : ""} · started ${escapeHtml(run.createdAt)} · <b>${agents.length}</b> agents: ${count("admitted")} admitted, ${count("rejected")} rejected, ${count("invalid")} invalid · ${view.attempts.length} attempts (${failedAttempts} failed) · cost <b>${escapeHtml(formatCost(run.costUsd, run.estimatedCalls))}</b> · ${run.totalTokens.toLocaleString("en")} tokens</p>${costEstimateNote(view)}
<p class="meta">best agent: ${best ? `<b>${escapeHtml(best.id)}</b> score <b>${formatScore(best)}</b> (gen ${best.generation}, ${escapeHtml(JSON.stringify(best.scores))})` : "none yet"}${options.generatedAt ? ` · generated ${escapeHtml(options.generatedAt)}` : ""}</p>${best ? confidenceNote(view, best) : ""}${finalPickNote(view, best)}
<h2>Archive tree</h2>
${treeSection}
<h2>Progress</h2>
${agents.length === 0 ? `<p class="empty">Nothing to plot yet.</p>` : renderProgressSvg(progressSeries(agents, view.bestId))}
<h2>Task × agent solve matrix</h2>
${renderSolveMatrix(agents, view.results)}
<h2>Grading flags</h2>
${renderGradingFlags(view.results)}
<h2>Cost</h2>
${renderCostTable(view.costs, run.costUsd, run.totalTokens)}
<script>${panZoomScript}
const tree = document.getElementById("tree");
if (tree) enablePanZoom(tree);
for (const node of document.querySelectorAll(".agent-node")) {
  node.addEventListener("click", () => { navigator.clipboard?.writeText(node.dataset.id).catch(() => {}); });
}
</script>
</body></html>
`;
}

/** Under the header's cost: how many of the run's calls had their usage estimated (nothing when none). */
function costEstimateNote(view: RunView): string {
  if (view.run.estimatedCalls === 0) return "";
  const calls = view.costs.reduce((sum, line) => sum + line.calls, 0);
  return `<p class="note">${escapeHtml(estimateNote(view.run.estimatedCalls, calls))}</p>`;
}

/** Under the best agent: its 95% interval per stage (and held out) and how it compares with the seed. */
function confidenceNote(view: RunView, agent: AgentRow): string {
  const byId = new Map(view.agents.map((row) => [row.id, row]));
  // Up the lineage to its root (the seed); the set guards against a corrupt, cyclic parent chain.
  let seed = agent;
  const seen = new Set([agent.id]);
  for (let up = byId.get(agent.parentId ?? ""); up && !seen.has(up.id); up = byId.get(up.parentId ?? "")) {
    seen.add(up.id);
    seed = up;
  }
  const rowsOf = (id: string) => view.results.filter((result) => result.agentId === id);
  const confidence = agentConfidence(
    rowsOf(agent.id),
    seed === agent ? undefined : { id: seed.id, rows: rowsOf(seed.id) },
  );
  const parts = confidencePhrases(confidence);
  return parts.length === 0 ? "" : `<p class="meta confidence">${parts.map(escapeHtml).join(" · ")}</p>`;
}

/** The run's final pick and how it was chosen, when finalists ran on a held-out split. */
function finalPickNote(view: RunView, highest: AgentRow | undefined): string {
  const pick = view.run.finalPick;
  if (!pick) return "";
  const text = describeFinalPick(pick, highest);
  return `<p class="meta final-pick">final pick: <b>${escapeHtml(pick.agentId)}</b>, ${escapeHtml(text.how)}${text.highestObserved ? `; ${escapeHtml(text.highestObserved)}` : ""}</p>`;
}

/** One line for `dgm best`. */
export function describeBest(view: Pick<RunView, "agents" | "bestId">): string {
  const best = view.bestId ? view.agents.find((agent) => agent.id === view.bestId) : undefined;
  return best ? `${best.id}  score ${formatScore(best)}  gen ${best.generation}  (${shortId(best.id)})` : "";
}
