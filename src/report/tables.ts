// The report's tables: the task × agent solve matrix and the cost breakdown.

import type { AgentRow } from "../../archive/index.ts";
import { compareAgents } from "../../archive/index.ts";
import { escapeHtml } from "./html.ts";
import { formatScore, formatUsd, shortId } from "./lineage.ts";
import type { CostLine, TaskResult } from "./run-view.ts";

const cellGlyph: Record<TaskResult["status"], string> = { passed: "✓", failed: "✗", error: "!", timeout: "⏱" };

/**
 * Tasks down, agents across (best first). Wide archives show their `maxAgents` best agents: a
 * 10,000-column table helps nobody, and the tree already shows every agent.
 */
export function renderSolveMatrix(agents: readonly AgentRow[], results: readonly TaskResult[], maxAgents = 40): string {
  if (results.length === 0) return `<p class="empty">No evaluations recorded yet.</p>`;
  const latest = new Map<string, Map<string, TaskResult["status"]>>();
  const evaluated = new Set<string>();
  for (const result of results) {
    let row = latest.get(result.taskId);
    if (!row) {
      row = new Map();
      latest.set(result.taskId, row);
    }
    row.set(result.agentId, result.status);
    evaluated.add(result.agentId);
  }
  const columns = agents
    .filter((agent) => evaluated.has(agent.id))
    .sort(compareAgents)
    .slice(0, maxAgents);
  const tasks = [...latest.keys()].sort();
  const head = columns
    .map(
      (agent) =>
        `<th title="${escapeHtml(agent.id)}"><span>${shortId(agent.id)}</span><small>${formatScore(agent)}</small></th>`,
    )
    .join("");
  const body = tasks
    .map((task) => {
      const row = latest.get(task)!;
      const solved = columns.filter((agent) => row.get(agent.id) === "passed").length;
      const cells = columns
        .map((agent) => {
          const status = row.get(agent.id);
          return status
            ? `<td class="${status}" title="${status}">${cellGlyph[status]}</td>`
            : `<td class="none" title="not evaluated"></td>`;
        })
        .join("");
      return `<tr><th class="task">${escapeHtml(task)}</th><td class="count">${solved}/${columns.length}</td>${cells}</tr>`;
    })
    .join("");
  const note =
    evaluated.size > columns.length
      ? `<p class="note">Showing the ${columns.length} best of ${evaluated.size} evaluated agents.</p>`
      : "";
  return `${note}<div class="scroll"><table class="matrix"><thead><tr><th>task</th><th>solved</th>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

export function renderCostTable(costs: readonly CostLine[], totalUsd: number | null, totalTokens: number): string {
  if (costs.length === 0) return `<p class="empty">No model calls recorded.</p>`;
  const rows = costs
    .map(
      (line) =>
        `<tr><td>${escapeHtml(line.purpose)}</td><td>${escapeHtml(line.role)}</td><td>${escapeHtml(line.model)}</td><td class="num">${line.calls}</td><td class="num">${line.promptTokens.toLocaleString("en")}</td><td class="num">${line.completionTokens.toLocaleString("en")}</td><td class="num">${formatUsd(line.costUsd)}</td></tr>`,
    )
    .join("");
  return `<table class="costs"><thead><tr><th>purpose</th><th>role</th><th>model</th><th>calls</th><th>prompt tokens</th><th>completion tokens</th><th>cost</th></tr></thead><tbody>${rows}</tbody><tfoot><tr><th colspan="4">run total</th><td class="num" colspan="2">${totalTokens.toLocaleString("en")} tokens</td><td class="num">${formatUsd(totalUsd)}</td></tr></tfoot></table>`;
}
