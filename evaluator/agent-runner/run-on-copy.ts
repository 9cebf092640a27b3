// One agent run on a person's directory, outside an evolution run: a bookkeeping run in the archive,
// a gateway holding the model, the agent in the sandbox on a copy of the directory, and the diff it
// leaves. `dgm agent run` and `dgm solve` both stand on this; they differ only in what they do with
// the diff (write a patch and trajectory, or make a branch or apply it).
import { join } from "node:path";
import type { Archive } from "../../archive/index.ts";
import type { Sandbox } from "../../sandbox/index.ts";
import { createGateway, type Pricing, type Provider, type SessionUsage } from "../../src/llm/index.ts";
import { diffWorkspaces, type WorkspaceDiff } from "./diff.ts";
import { type AgentLimits, type AgentRunResult, runAgent } from "./run.ts";

export interface RunOnCopyOptions {
  archive: Archive;
  sandbox: Sandbox;
  /** The solve model; replay and scripted providers say they are free. */
  provider: Provider & { free?: boolean };
  pricing: Pricing;
  bundleFile: string;
  /** The person's directory (or a copy of it): copied into the container, never modified. */
  workspaceDir: string;
  /** Scratch directory of the caller; the final workspace is copied to <scratch>/workspace-out. */
  scratch: string;
  instructions: string;
  limits: AgentLimits;
  /** Recorded as the bookkeeping run's configuration (which command, which agent, where). */
  runConfig: Record<string, unknown>;
  /** The archived agent being run, when there is one. */
  agentId: string | null;
  toolchain?: boolean;
}

export interface RunOnCopyResult {
  runId: string;
  run: AgentRunResult;
  diff: WorkspaceDiff;
  usage: SessionUsage | undefined;
}

export async function runOnCopy(options: RunOnCopyOptions): Promise<RunOnCopyResult> {
  const { archive } = options;
  const run = archive.createRun({ config: options.runConfig, seed: 0 });
  const gateway = createGateway({ archive, providers: { solve: options.provider }, pricing: options.pricing });
  const sessionId = `${String(options.runConfig.command ?? "run").replace(/\s+/g, "-")}-${run.id}`;
  try {
    const session = await gateway.openSession({
      identity: {
        runId: run.id,
        agentId: options.agentId,
        attemptId: null,
        evaluationKey: null,
        taskId: null,
        purpose: "solve",
        sessionId,
      },
      role: "solve",
    });
    const result = await runAgent({
      sandbox: options.sandbox,
      gatewaySocketDir: session.socketDir,
      bundleFile: options.bundleFile,
      workspaceDir: options.workspaceDir,
      workspaceOutDir: join(options.scratch, "workspace-out"),
      instructions: options.instructions,
      limits: options.limits,
      labels: { purpose: "solve", run: run.id, ...(options.agentId ? { agent: options.agentId } : {}) },
      toolchain: options.toolchain ?? false,
    }).finally(() => session.close());
    const diff = result.workspaceOutDir
      ? await diffWorkspaces(options.workspaceDir, result.workspaceOutDir)
      : { patch: "", changedFiles: [] };
    archive.setRunStatus(run.id, result.status === "ok" && result.exitCode === 0 ? "finished" : "failed");
    return { runId: run.id, run: result, diff, usage: gateway.usageOf(sessionId) };
  } catch (error) {
    archive.setRunStatus(run.id, "failed", error instanceof Error ? error.message : String(error));
    throw error;
  } finally {
    await gateway.close();
  }
}
