// One agent on one task: a gateway session with the solve identity, the agent in its own sandbox
// session (holding one container slot), and its final workspace read back for grading.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type CallerIdentity, callerIdentity } from "../archive/index.ts";
import { languageImageTag, type Sandbox } from "../sandbox/index.ts";
import { type RunInSessionResult, runAgentInSession } from "./agent-runner/index.ts";
import { type FileMap, readTree } from "./files.ts";
import { agentSeconds } from "./manifest.ts";
import type { ModelSessions, SessionLimits, SessionUsage } from "./model-sessions.ts";
import type { ContainerSlots } from "./slots.ts";
import type { Task } from "./task-types.ts";

export interface SolveLimits {
  maxSteps?: number;
  maxTokensPerCall?: number;
  /** Gateway limits per task session (calls, tokens, cost). */
  session?: SessionLimits;
  /** Overrides the task's agentSeconds (tests use short ones). */
  wallSeconds?: number;
  /** Seconds past the wall time before the host kills the agent (default 30). */
  graceSeconds?: number;
}

export interface SolveRequest {
  sandbox: Sandbox;
  /** The model gateway, as far as running an agent needs it. */
  gateway: ModelSessions;
  slots: ContainerSlots;
  task: Task;
  agent: { id: string; bundleFile: string };
  runId: string;
  evaluationKey: string;
  seed: number;
  limits?: SolveLimits;
  /** Aborted: the agent does not start, or its container is removed (a second Ctrl-C). */
  signal?: AbortSignal;
}

export interface SolveOutcome {
  /** The workspace as the agent left it; undefined when it could not be read back. */
  finalWorkspace: FileMap | undefined;
  /** An environment task's change: its repository's diff from the base, taken in the agent's container. */
  repositoryPatch?: string;
  trajectory: string;
  timedOut: boolean;
  /** Killed from outside (its containers removed by an abort or prune): not the agent's doing. */
  killed: boolean;
  exitCode: number | null;
  durationMs: number;
  usage: SessionUsage | undefined;
  warnings: string[];
}

/** The seam the evaluator solves through; tests and other runners may plug in their own. */
export type SolveFn = (request: SolveRequest) => Promise<SolveOutcome>;

function writeMap(root: string, files: FileMap): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/** Who a solve session's model calls belong to: the agent, on this task, for this evaluation. */
export function solveIdentity(request: SolveRequest): CallerIdentity {
  return callerIdentity({
    runId: request.runId,
    agentId: request.agent.id,
    evaluationKey: request.evaluationKey,
    taskId: request.task.qualifiedId,
    purpose: "solve",
  });
}

/** What every solve hands runAgentInSession: the gateway session, the agent, its limits and labels. */
export function solveRunOptions(request: SolveRequest, wallSeconds: number) {
  const { task } = request;
  return {
    sessions: request.gateway,
    identity: solveIdentity(request),
    seed: request.seed,
    sessionLimits: { maxWallMs: (wallSeconds + 10) * 1000, ...request.limits?.session },
    hold: <T>(work: () => Promise<T>) => request.slots.run(work),
    sandbox: request.sandbox,
    bundleFile: request.agent.bundleFile,
    instructions: task.instructions,
    limits: { wallSeconds, maxSteps: request.limits?.maxSteps, maxTokensPerCall: request.limits?.maxTokensPerCall },
    graceSeconds: request.limits?.graceSeconds,
    labels: { purpose: "solve" as const, run: request.runId, agent: request.agent.id, task: task.qualifiedId },
    ...(request.signal ? { signal: request.signal } : {}),
  };
}

/** A solve's outcome from its run: how the run ended, in words, and what the agent left (its workspace's files or its repository's patch). */
export function solveOutcome(
  { run, usage }: RunInSessionResult,
  wallSeconds: number,
  left: { finalWorkspace: FileMap | undefined; repositoryPatch?: string; name: string; warnings?: string[] },
): SolveOutcome {
  const warnings = [...run.warnings, ...(left.warnings ?? [])];
  if (run.status === "timeout")
    warnings.push(`the agent did not stop within ${wallSeconds} s and was killed; its ${left.name} was graded as left`);
  else if (run.status !== "ok") warnings.push(`the agent run ended by ${run.status}`);
  return {
    finalWorkspace: left.finalWorkspace,
    ...(left.repositoryPatch === undefined ? {} : { repositoryPatch: left.repositoryPatch }),
    trajectory: run.trajectory,
    timedOut: run.status === "timeout",
    killed: run.status === "killed",
    exitCode: run.exitCode,
    durationMs: run.durationMs,
    usage,
    warnings,
  };
}

/** The default solver: runAgent behind a fresh gateway session. */
export const solveWithAgent: SolveFn = async (request) => {
  const { task } = request;
  const scratch = mkdtempSync(join(tmpdir(), "dgm-solve-"));
  const workspaceDir = join(scratch, "workspace");
  mkdirSync(workspaceDir);
  writeMap(workspaceDir, task.workspace);
  const wallSeconds = request.limits?.wallSeconds ?? agentSeconds(task.manifest);
  try {
    const result = await runAgentInSession({
      ...solveRunOptions(request, wallSeconds),
      workspaceDir,
      workspaceOutDir: join(scratch, "out"),
      // The agent works where its task's toolchain is: it may build and run its own tests.
      image: languageImageTag(task.manifest.language),
    });
    const { workspaceOutDir } = result.run;
    return solveOutcome(result, wallSeconds, {
      finalWorkspace: workspaceOutDir ? readTree(workspaceOutDir) : undefined,
      name: "workspace",
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
};
