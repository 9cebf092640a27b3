// One agent run on a person's directory, outside an evolution run: a bookkeeping run in the archive,
// the solve model behind the metering gateway, the agent in the sandbox on a copy of the directory, and
// the diff it leaves. `dgm agent run` and `dgm solve` both stand on this; they differ only in what they
// do with the diff (write a patch and trajectory, or make a branch or apply it).
import { join } from "node:path";
import { type Archive, callerIdentity } from "../../archive/index.ts";
import {
  type AgentLimits,
  type AgentRunResult,
  diffWorkspaces,
  runAgentInSession,
  type SessionUsage,
  type WorkspaceDiff,
} from "../../evaluator/index.ts";
import type { Sandbox } from "../../sandbox/index.ts";
import { type ModelsConfig, openModels, type ScriptStep } from "../llm/index.ts";

export interface RunOnCopyOptions {
  archive: Archive;
  sandbox: Sandbox;
  models: ModelsConfig;
  scripts?: Record<string, ScriptStep[]>;
  bundleFile: string;
  /** The person's directory (or a copy of it): copied into the container, never modified. */
  workspaceDir: string;
  /** Scratch directory of the caller; the final workspace is copied to <scratch>/workspace-out. */
  scratch: string;
  instructions: string;
  limits: AgentLimits;
  /** Recorded as the bookkeeping run's configuration (which command, which agent, where). */
  runConfig: Record<string, unknown> & { command: string };
  /** The archived agent being run, when there is one. */
  agentId: string | null;
  toolchain?: boolean;
}

export interface RunOnCopyResult {
  runId: string;
  run: AgentRunResult;
  diff: WorkspaceDiff;
  usage: SessionUsage;
}

export async function runOnCopy(options: RunOnCopyOptions): Promise<RunOnCopyResult> {
  const { archive } = options;
  const run = archive.createRun({ config: options.runConfig, seed: 0 });
  const gateway = openModels(archive, options.models, { roles: ["solve"], scripts: options.scripts });
  const identity = callerIdentity({
    runId: run.id,
    agentId: options.agentId,
    purpose: "solve",
    sessionId: `${options.runConfig.command.replace(/\s+/g, "-")}-${run.id}`,
  });
  try {
    const { run: result, usage } = await runAgentInSession({
      sessions: gateway,
      identity,
      sandbox: options.sandbox,
      bundleFile: options.bundleFile,
      workspaceDir: options.workspaceDir,
      workspaceOutDir: join(options.scratch, "workspace-out"),
      instructions: options.instructions,
      limits: options.limits,
      labels: { purpose: "solve", run: run.id, ...(options.agentId ? { agent: options.agentId } : {}) },
      toolchain: options.toolchain ?? false,
    });
    const diff = result.workspaceOutDir
      ? await diffWorkspaces(options.workspaceDir, result.workspaceOutDir)
      : { patch: "", changedFiles: [] };
    archive.setRunStatus(run.id, result.status === "ok" && result.exitCode === 0 ? "finished" : "failed");
    return { runId: run.id, run: result, diff, usage };
  } catch (error) {
    archive.setRunStatus(run.id, "failed", error instanceof Error ? error.message : String(error));
    throw error;
  } finally {
    await gateway.close();
  }
}
