// The report's tables: the task × agent solve matrix (with grading's flags), the list of flagged
// results and the cost breakdown.

import type { AgentRow } from "../../archive/index.ts";
import { compareAgents } from "../../archive/index.ts";
import { cachedNote, estimateNote, formatCost } from "./cost-text.ts";
import { type GradingNote, noteMark } from "./grading-notes.ts";
import { escapeHtml } from "./html.ts";
import { formatScore, shortId } from "./lineage.ts";
import type { CostLine, TaskResult } from "./run-view.ts";

const cellGlyph: Record<TaskResult["status"], string> = { passed: "✓", failed: "✗", error: "!", timeout: "⏱" };

/**
 * Tasks down, agents across (best first). Wide archives show their `maxAgents` best agents: a
 * 10,000-column table helps nobody, and the tree already shows every agent.
 */
export function renderSolveMatrix(agents: readonly AgentRow[], results: readonly TaskResult[], maxAgents = 40): string {
  if (results.length === 0) return `<p class="empty">No evaluations recorded yet.</p>`;
  const latest = new Map<string, Map<string, TaskResult>>();
  const evaluated = new Set<string>();
  for (const result of results) {
    let row = latest.get(result.taskId);
    if (!row) {
      row = new Map();
      latest.set(result.taskId, row);
    }
    row.set(result.agentId, result);
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
      const solved = columns.filter((agent) => row.get(agent.id)?.status === "passed").length;
      const cells = columns
        .map((agent) => {
          const result = row.get(agent.id);
          if (!result) return `<td class="none" title="not evaluated"></td>`;
          const title = [result.status, ...result.notes.map((note) => note.text)].join(" — ");
          const marks = result.notes
            .filter((note) => note.kind !== "unguarded")
            .map((note) => `<sup class="${note.kind}">${noteMark[note.kind]}</sup>`)
            .join("");
          return `<td class="${result.status}" title="${escapeHtml(title)}">${cellGlyph[result.status]}${marks}</td>`;
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

/** Every result grading flagged (touches the test framework) or caught tampering, one row each. */
export function renderGradingFlags(results: readonly TaskResult[]): string {
  const raised = (note: GradingNote) => note.kind === "tamper" || note.kind === "flag";
  const flagged = results.filter((result) => result.notes.some(raised));
  const unguarded = results.filter((result) => result.notes.some((note) => note.kind === "unguarded")).length;
  const note = unguarded
    ? `<p class="note">${unguarded} result${unguarded === 1 ? "" : "s"} came from test runners the grader does not guard (e.g. jest, pytest): their counts are read from output the solution shares.</p>`
    : "";
  if (flagged.length === 0) return `${note}<p class="empty">No result touched the test framework.</p>`;
  const rows = flagged
    .map((result) => {
      const notes = result.notes
        .filter(raised)
        .map((n) => `<div class="${n.kind}">${noteMark[n.kind]} ${escapeHtml(n.text)}</div>`)
        .join("");
      return `<tr><td>${escapeHtml(shortId(result.agentId))}</td><td>${escapeHtml(result.taskId)}</td><td class="${result.status}">${escapeHtml(result.status)}</td><td>${notes}</td></tr>`;
    })
    .join("");
  return `${note}<table class="flags"><thead><tr><th>agent</th><th>task</th><th>status</th><th>what grading noticed</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function renderCostTable(costs: readonly CostLine[], totalUsd: number | null, totalTokens: number): string {
  if (costs.length === 0) return `<p class="empty">No model calls recorded.</p>`;
  const rows = costs
    .map(
      (line) =>
        `<tr><td>${escapeHtml(line.purpose)}</td><td>${escapeHtml(line.role)}</td><td>${escapeHtml(line.model)}</td><td class="num">${line.calls}</td><td class="num">${line.promptTokens.toLocaleString("en")}${escapeHtml(cachedNote(line.cachedTokens))}</td><td class="num">${line.completionTokens.toLocaleString("en")}</td><td class="num">${escapeHtml(formatCost(line.costUsd, line.estimatedCalls))}</td></tr>`,
    )
    .join("");
  const calls = costs.reduce((sum, line) => sum + line.calls, 0);
  const estimated = costs.reduce((sum, line) => sum + line.estimatedCalls, 0);
  const note = estimated > 0 ? `<p class="note">${escapeHtml(estimateNote(estimated, calls))}</p>` : "";
  return `<table class="costs"><thead><tr><th>purpose</th><th>role</th><th>model</th><th>calls</th><th>prompt tokens</th><th>completion tokens</th><th>cost</th></tr></thead><tbody>${rows}</tbody><tfoot><tr><th colspan="4">run total</th><td class="num" colspan="2">${totalTokens.toLocaleString("en")} tokens</td><td class="num">${escapeHtml(formatCost(totalUsd, estimated))}</td></tr></tfoot></table>${note}`;
}
