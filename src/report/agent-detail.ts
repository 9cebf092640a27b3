// `dgm show`: everything about one agent — lineage, the problem statement it was created from, its
// diff against its parent, scores per stage, per-task results (with what grading noticed) and cost.
import { createColors } from "picocolors";
import type { AgentRow, Archive, AttemptRow, CostSummary, EvaluationRow } from "../../archive/index.ts";
import {
  type AgentConfidence,
  agentConfidence,
  describeInterval,
  describeSeedComparison,
  seedComparisonLabel,
} from "./confidence.ts";
import { estimatedMark, estimateNote, formatCost } from "./cost-text.ts";
import { gradingNotes, noteMark } from "./grading-notes.ts";
import { formatScore, formatUsd, shortId } from "./lineage.ts";

export interface AgentDetail {
  agent: AgentRow;
  /** Root → agent, inclusive. */
  lineage: AgentRow[];
  /** The attempt that produced this agent (none for a seed). */
  attempt: AttemptRow | undefined;
  /** Unified diff parent → agent ("" for a seed). */
  diff: string;
  evaluations: EvaluationRow[];
  /** Per-stage 95% intervals, held-out results apart, and the paired comparison with the run's seed. */
  confidence: AgentConfidence;
  cost: CostSummary;
  children: AgentRow[];
}

export async function loadAgentDetail(archive: Archive, agent: AgentRow): Promise<AgentDetail> {
  const parent = agent.parentId ? archive.getAgent(agent.parentId) : undefined;
  const attempts = archive.listAttempts(agent.runId);
  const lineage = archive.lineage(agent.id);
  const evaluations = archive.listEvaluations({ agentId: agent.id });
  // The lineage's root is the run's seed (an agent of this run, or one it was seeded from).
  const seed = lineage[0] && lineage[0].id !== agent.id ? lineage[0] : undefined;
  return {
    agent,
    lineage,
    attempt: attempts.find((attempt) => attempt.childId === agent.id),
    diff: parent ? await archive.store.diff(parent.commit, agent.commit) : "",
    evaluations,
    confidence: agentConfidence(
      evaluations,
      seed ? { id: seed.id, rows: archive.listEvaluations({ agentId: seed.id }) } : undefined,
    ),
    cost: archive.costOf({ agentId: agent.id }),
    children: archive.listAgents(agent.runId).filter((row) => row.parentId === agent.id),
  };
}

export interface DetailTextOptions {
  color?: boolean;
  /** Lines of diff to print before cutting (default: all). */
  maxDiffLines?: number;
}

export function renderAgentDetailText(detail: AgentDetail, options: DetailTextOptions = {}): string {
  const c = createColors(options.color ?? false);
  const { agent, attempt } = detail;
  const out: string[] = [];
  out.push(c.bold(`agent ${agent.id}`));
  out.push(`run         ${agent.runId}`);
  out.push(`status      ${agent.status}${agent.statusReason ? ` — ${agent.statusReason}` : ""}`);
  out.push(`generation  ${agent.generation}`);
  out.push(`commit      ${agent.commit}`);
  out.push(`score       ${formatScore(agent)}  ${stageScores(agent)}`);
  out.push(...confidenceLines(detail));
  out.push(`lineage     ${detail.lineage.map((row) => `${shortId(row.id)}(${formatScore(row)})`).join(" → ")}`);
  out.push(
    `children    ${detail.children.length === 0 ? "none" : detail.children.map((row) => `${shortId(row.id)} ${row.status}`).join(", ")}`,
  );
  const { cost } = detail;
  out.push(
    `cost        ${formatCost(cost.costUsd, cost.estimatedCalls)} over ${cost.calls} model calls (${cost.promptTokens + cost.completionTokens} tokens${cost.cachedTokens > 0 ? `, ${cost.cachedTokens} prompt tokens cached` : ""})${attempt ? `; creating it cost ${formatCost(attempt.costUsd, attempt.estimatedCalls)}` : ""}`,
  );
  if (cost.estimatedCalls > 0) out.push(`            ${estimateNote(cost.estimatedCalls, cost.calls)}`);
  if (attempt && attempt.estimatedCalls > 0)
    out.push(
      `            ${estimatedMark} creating it: estimated, ${attempt.estimatedCalls} call${attempt.estimatedCalls === 1 ? "" : "s"} had no usage from the server`,
    );

  out.push("", c.bold("created from"));
  if (!attempt) out.push(agent.parentId ? "  (no attempt recorded)" : "  seed agent: imported, not evolved");
  else {
    out.push(
      `  entry: ${attempt.entry}   attempt ${attempt.id} (${attempt.status}${attempt.failureReason ? `: ${attempt.failureReason}` : ""})`,
    );
    out.push(indent(attempt.problemStatement ?? "(no problem statement recorded)"));
  }

  out.push("", c.bold("per-task results"));
  if (detail.evaluations.length === 0) out.push("  (not evaluated)");
  for (const row of detail.evaluations) {
    const mark = row.status === "passed" ? c.green("✓") : c.red("✗");
    out.push(
      `  ${mark} ${row.stage.padEnd(6)} ${row.taskId.padEnd(32)} ${row.status.padEnd(7)} tests ${row.testsPassed}/${row.testsTotal}  ${(row.durationMs / 1000).toFixed(1)}s  ${formatUsd(row.costUsd)}`,
    );
    // An error is our machinery's or the model server's, not the agent's: say which, in its one line.
    if (row.status === "error" && row.warnings[0]) out.push(c.red(`      ! ${row.warnings[0]}`));
    for (const note of gradingNotes(row.grading)) {
      const line = `      ${noteMark[note.kind]} ${note.text}`;
      out.push(note.kind === "tamper" ? c.red(line) : note.kind === "flag" ? c.yellow(line) : c.dim(line));
    }
  }

  out.push("", c.bold(agent.parentId ? `diff against parent ${shortId(agent.parentId)}` : "diff"));
  if (!detail.diff) out.push(agent.parentId ? "  (identical to its parent)" : "  (a seed has no parent)");
  else out.push(colorDiff(cutLines(detail.diff, options.maxDiffLines), c));
  return `${out.join("\n")}\n`;
}

/** Under the score: each stage's interval, the held-out one, and the comparison with the seed. */
function confidenceLines(detail: AgentDetail): string[] {
  const { stages, heldOut, vsSeed } = detail.confidence;
  const lines = stages.map((interval) => `  ${interval.stage.padEnd(10)}${describeInterval(interval)}`);
  if (heldOut) lines.push(`  held-out  ${describeInterval(heldOut)} (tasks the search never used)`);
  for (const comparison of vsSeed)
    lines.push(`${seedComparisonLabel(comparison).padEnd(11)} ${describeSeedComparison(comparison)}`);
  if (detail.agent.parentId === null) lines.push("vs seed     (this is the seed)");
  return lines;
}

export function stageScores(agent: Pick<AgentRow, "scores">): string {
  const entries = Object.entries(agent.scores);
  return entries.length === 0
    ? "(no stage evaluated)"
    : entries.map(([stage, score]) => `${stage} ${score.toFixed(2)}`).join(" · ");
}

function indent(text: string): string {
  return text
    .trim()
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}

function cutLines(text: string, max: number | undefined): string {
  if (max === undefined) return text;
  const lines = text.split("\n");
  return lines.length <= max
    ? text
    : `${lines.slice(0, max).join("\n")}\n… ${lines.length - max} more lines (dgm diff shows all)`;
}

type Colors = ReturnType<typeof createColors>;

export function colorDiff(diff: string, c: Colors): string {
  return diff
    .split("\n")
    .map((line) =>
      line.startsWith("+++") || line.startsWith("---")
        ? c.bold(line)
        : line.startsWith("+")
          ? c.green(line)
          : line.startsWith("-")
            ? c.red(line)
            : line.startsWith("@@")
              ? c.cyan(line)
              : line,
    )
    .join("\n");
}
