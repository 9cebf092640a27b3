// The life of one child: diagnose the parent, let an agent modify the parent's source, commit the
// child, gate it, evaluate it, admit or reject it. Every step is recorded; every failure ends the
// attempt with a reason instead of throwing, so one bad child never stops the run.
import { randomUUID } from "node:crypto";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { type AgentRow, type AttemptRow, callerIdentity } from "../../archive/index.ts";
import { decideAdmission } from "./admission.ts";
import { buildDiagnosisRequest, parseDiagnosis, selfImprovementInstructions } from "./diagnose-prompt.ts";
import { isSpecialEntry } from "./entries.ts";
import type { EventBus, Phase } from "./events.ts";
import type { EvolveOptions } from "./options.ts";
import { EvaluationCutShort, type EvolveServices } from "./services.ts";
import { readAgentSource, tail } from "./source-files.ts";

export interface AttemptContext {
  services: EvolveServices;
  options: EvolveOptions;
  events: EventBus;
  runId: string;
  /** Scratch space for this run's checkouts; removed per attempt and at resume. */
  workRoot: string;
  seedAgent: AgentRow;
  signal: AbortSignal;
}

export type AttemptOutcome = "admitted" | "rejected" | "invalid" | "failed" | "abandoned";

class AttemptFailure extends Error {
  constructor(
    readonly outcome: "failed" | "invalid",
    message: string,
  ) {
    super(message);
  }
}

function setPhase(ctx: AttemptContext, attempt: AttemptRow, phase: Phase): void {
  ctx.services.archive.updateAttempt(attempt.id, { phase });
  ctx.events.emit({ type: "attempt-phase", attemptId: attempt.id, phase });
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new AttemptFailure("failed", "aborted");
}

async function diagnose(ctx: AttemptContext, attempt: AttemptRow, parent: AgentRow, parentDir: string) {
  const { archive } = ctx.services;
  const input: Parameters<typeof buildDiagnosisRequest>[0] = {
    agentSource: await readAgentSource(parentDir),
    entry: attempt.entry,
  };
  if (!isSpecialEntry(attempt.entry)) {
    const evaluation = archive
      .listEvaluations({ agentId: parent.id })
      .filter((row) => row.taskId === attempt.entry)
      .at(-1);
    input.taskInstructions = ctx.services.tasks.instructions(attempt.entry);
    input.testOutput = evaluation ? tail(evaluation.testOutput, 4_000) : undefined;
    const trajectory = evaluation?.trajectoryRef ? archive.readBlob(evaluation.trajectoryRef) : undefined;
    input.trajectory = trajectory ? tail(trajectory.toString("utf8"), 12_000) : undefined;
  }
  const identity = callerIdentity({
    runId: ctx.runId,
    agentId: parent.id,
    attemptId: attempt.id,
    taskId: isSpecialEntry(attempt.entry) ? null : attempt.entry,
    purpose: "diagnose",
    sessionId: `diagnose-${attempt.id}`,
  });
  const response = await ctx.services.diagnose(identity, buildDiagnosisRequest(input), ctx.signal);
  try {
    return parseDiagnosis(response.choices[0]?.message.content ?? null);
  } catch (error) {
    throw new AttemptFailure("failed", (error as Error).message);
  }
}

/** Runs an attempt from the start. The caller has created the attempt row. */
export async function runAttempt(ctx: AttemptContext, attempt: AttemptRow, parent: AgentRow): Promise<AttemptOutcome> {
  const { archive } = ctx.services;
  const workDir = join(ctx.workRoot, attempt.id);
  await mkdir(workDir, { recursive: true });
  try {
    setPhase(ctx, attempt, "diagnosing");
    const parentDir = join(workDir, "parent");
    await archive.store.checkout(parent.commit, parentDir);
    const diagnosis = await diagnose(ctx, attempt, parent, parentDir);
    archive.updateAttempt(attempt.id, { diagnosis, problemStatement: diagnosis.problem_statement });
    throwIfAborted(ctx.signal);

    setPhase(ctx, attempt, "self-modifying");
    const childDir = join(workDir, "child");
    const run = await ctx.services.selfModify({
      runId: ctx.runId,
      attemptId: attempt.id,
      modifier: ctx.options.selfImprove ? parent : ctx.seedAgent,
      workspaceDir: parentDir,
      outDir: childDir,
      instructions: selfImprovementInstructions(diagnosis),
      signal: ctx.signal,
    });
    throwIfAborted(ctx.signal);
    if (run.changedFiles.length === 0) {
      throw new AttemptFailure(
        "failed",
        `self-modification changed nothing (agent ${run.status}, exit ${run.exitCode})`,
      );
    }

    setPhase(ctx, attempt, "committing");
    const childId = randomUUID();
    const message = `${attempt.entry}: ${diagnosis.problem_statement.split("\n")[0]?.slice(0, 120) ?? ""}`;
    const { commit, tree } = await archive.store.commitChild(parent.commit, childDir, childId, message);
    const child = archive.createAgent({
      id: childId,
      runId: ctx.runId,
      parentId: parent.id,
      commit,
      tree,
      generation: attempt.generation,
      status: "pending",
    });
    archive.updateAttempt(attempt.id, { childId: child.id });
    return await finishChild(ctx, attempt, child, parent, childDir);
  } catch (error) {
    return endFailed(ctx, attempt, error);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Gate, evaluate and admit a committed child. Also the resume path for an interrupted attempt. */
export async function finishChild(
  ctx: AttemptContext,
  attempt: AttemptRow,
  child: AgentRow,
  parent: AgentRow,
  childDir?: string,
): Promise<AttemptOutcome> {
  const { archive } = ctx.services;
  try {
    setPhase(ctx, attempt, "gating");
    let sourceDir = childDir;
    if (!sourceDir) {
      sourceDir = join(ctx.workRoot, attempt.id, "child");
      await rm(sourceDir, { recursive: true, force: true });
      await archive.store.checkout(child.commit, sourceDir);
    }
    const gate = await ctx.services.gate(sourceDir, child.id, ctx.signal);
    throwIfAborted(ctx.signal);
    if (!gate.ok) {
      const reason = `${gate.stage}: ${gate.reason}`;
      archive.setAgentStatus(child.id, "invalid", reason);
      throw new AttemptFailure("invalid", reason);
    }

    if (ctx.options.scheduler === "hgm") {
      // HGM judges no child at birth: its evaluate decisions gather the child's results one task at a time.
      setPhase(ctx, attempt, "admitting");
      return settle(ctx, attempt, child, "admitted", "hgm: admitted after the gate; evaluated task by task", {});
    }

    setPhase(ctx, attempt, "evaluating");
    archive.setAgentStatus(child.id, "evaluating");
    const scores = await ctx.services.evaluate(child, gate.artifact, ctx.signal);
    throwIfAborted(ctx.signal);
    const halt = ctx.services.budgetExhausted() ?? ctx.services.modelFailure();
    // Some of its tasks were cut short by the budget or a broken model: judging the child now would be unfair.
    if (halt) throw new AttemptFailure("failed", halt);

    setPhase(ctx, attempt, "admitting");
    const evaluated = archive.getAgent(child.id) ?? { ...child, scores };
    const decision = decideAdmission(evaluated, parent, ctx.options.admission, ctx.options.noise);
    const outcome = decision.admitted ? "admitted" : "rejected";
    return settle(ctx, attempt, child, outcome, decision.reason, evaluated.scores as Record<string, number>);
  } catch (error) {
    return endFailed(ctx, attempt, error, child.id);
  }
}

/** Records a judged child and ends its attempt as succeeded. */
function settle(
  ctx: AttemptContext,
  attempt: AttemptRow,
  child: AgentRow,
  outcome: "admitted" | "rejected",
  reason: string,
  scores: Record<string, number>,
): AttemptOutcome {
  ctx.services.archive.setAgentStatus(child.id, outcome, reason);
  ctx.services.archive.updateAttempt(attempt.id, { status: "succeeded", phase: "done", ended: true });
  ctx.events.emit({ type: "attempt-ended", attemptId: attempt.id, outcome, childId: child.id, reason, scores });
  return outcome;
}

function endFailed(
  ctx: AttemptContext,
  attempt: AttemptRow,
  error: unknown,
  childId: string | null = null,
): AttemptOutcome {
  // Aborted by the user, or cut short by the run's budget or a model that refuses every call: not the
  // child's fault, so not its verdict. (A child the gate rejected is invalid whatever the budget says.)
  const budget =
    ctx.services.budgetExhausted() ??
    ctx.services.modelFailure() ??
    (error instanceof EvaluationCutShort ? error.message : null);
  const invalid = error instanceof AttemptFailure && error.outcome === "invalid";
  const interrupted = ctx.signal.aborted || (budget !== null && !invalid);
  const outcome: AttemptOutcome = interrupted
    ? "abandoned"
    : error instanceof AttemptFailure
      ? error.outcome
      : "failed";
  const cause = error instanceof Error ? error.message : String(error);
  const reason = ctx.signal.aborted ? "aborted by the user" : interrupted ? `stopped: ${budget}` : cause;
  const child = childId ? ctx.services.archive.getAgent(childId) : undefined;
  if (interrupted && (child?.status === "pending" || child?.status === "evaluating")) {
    // The child is committed: the attempt stays "running" so that --resume gates and evaluates it.
    ctx.events.emit({
      type: "attempt-ended",
      attemptId: attempt.id,
      outcome,
      childId,
      reason: `${reason}; --resume finishes it`,
    });
    return outcome;
  }
  ctx.services.archive.updateAttempt(attempt.id, {
    status: interrupted ? "abandoned" : "failed",
    failureReason: reason,
    phase: "done",
    ended: true,
  });
  if (!(error instanceof AttemptFailure) && !interrupted) {
    // An unexpected error is a bug somewhere below; keep its stack in the event log for debugging.
    ctx.events.emit({
      type: "warning",
      message: `attempt ${attempt.id} hit an unexpected error: ${(error as Error).stack ?? reason}`,
    });
  }
  ctx.events.emit({ type: "attempt-ended", attemptId: attempt.id, outcome, childId, reason });
  return outcome;
}
