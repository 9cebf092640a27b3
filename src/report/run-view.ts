// A run as the renderers see it: plain rows gathered once from the archive, so every renderer is a
// pure function of this snapshot (testable, benchmarkable, and the same for the CLI, report and UI).
import type { AgentRow, Archive, AttemptRow, EvaluationRow, ModelCallRow, RunRow } from "../../archive/index.ts";
import { type GradingNote, gradingNotes } from "./grading-notes.ts";

/** One evaluation reduced to what views need (patches and test output stay in the archive). */
export interface TaskResult {
  agentId: string;
  taskId: string;
  stage: EvaluationRow["stage"];
  status: EvaluationRow["status"];
  testsPassed: number;
  testsTotal: number;
  costUsd: number | null;
  /** What grading noticed: tampering, flags on the solution, an unguarded runner. */
  notes: GradingNote[];
}

/** Model calls rolled up by who made them. */
export interface CostLine {
  purpose: string;
  role: string;
  model: string;
  calls: number;
  promptTokens: number;
  /** Of promptTokens, those served from a prompt cache. */
  cachedTokens: number;
  completionTokens: number;
  /** null when any call in the line had an unknown price. */
  costUsd: number | null;
  /** Calls whose server sent no usage: the line's tokens and cost include estimates. */
  estimatedCalls: number;
}

export interface RunView {
  run: RunRow;
  agents: AgentRow[];
  attempts: AttemptRow[];
  results: TaskResult[];
  costs: CostLine[];
  bestId: string | undefined;
}

export function toTaskResult(row: EvaluationRow): TaskResult {
  return {
    agentId: row.agentId,
    taskId: row.taskId,
    stage: row.stage,
    status: row.status,
    testsPassed: row.testsPassed,
    testsTotal: row.testsTotal,
    costUsd: row.costUsd,
    notes: gradingNotes(row.grading),
  };
}

export function summarizeCosts(
  calls: readonly Pick<
    ModelCallRow,
    "caller" | "role" | "model" | "promptTokens" | "cachedTokens" | "completionTokens" | "usageEstimated" | "costUsd"
  >[],
): CostLine[] {
  const lines = new Map<string, CostLine>();
  for (const call of calls) {
    const key = `${call.caller.purpose}\u0000${call.role}\u0000${call.model}`;
    let line = lines.get(key);
    if (!line) {
      line = {
        purpose: call.caller.purpose,
        role: call.role,
        model: call.model,
        calls: 0,
        promptTokens: 0,
        cachedTokens: 0,
        completionTokens: 0,
        costUsd: 0,
        estimatedCalls: 0,
      };
      lines.set(key, line);
    }
    line.calls += 1;
    line.promptTokens += call.promptTokens;
    line.cachedTokens += call.cachedTokens;
    line.completionTokens += call.completionTokens;
    if (call.usageEstimated) line.estimatedCalls += 1;
    line.costUsd = line.costUsd === null || call.costUsd === null ? null : line.costUsd + call.costUsd;
  }
  return [...lines.values()].sort(
    (a, b) => (b.costUsd ?? Number.POSITIVE_INFINITY) - (a.costUsd ?? Number.POSITIVE_INFINITY),
  );
}

/** Reads everything the views need for one run. */
export function loadRunView(archive: Archive, runId: string): RunView | undefined {
  const run = archive.getRun(runId);
  if (!run) return undefined;
  return {
    run,
    agents: archive.listAgents(runId),
    attempts: archive.listAttempts(runId),
    results: archive.listEvaluations({ runId }).map(toTaskResult),
    costs: summarizeCosts(archive.listModelCalls({ runId })),
    bestId: archive.bestAgent(runId)?.id,
  };
}
