// `dgm agent run`: run any agent (the built-in seed, a source directory, or an archived agent) on any
// directory in the sandbox, and write the resulting patch and trajectory. The person's directory is only
// read (it is copied into the container); every model call goes through the gateway into the archive.
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Archive } from "../../archive/index.ts";
import { type AgentLimits, agentEndReason, resolveAgentSource, type SessionUsage } from "../../evaluator/index.ts";
import { DockerSandbox, type Sandbox } from "../../sandbox/index.ts";
import { CommandError } from "./errors.ts";
import { gatedBundle } from "./gated-bundle.ts";
import { type ModelChoice, modelName, modelsOf } from "./models.ts";
import { runOnCopy } from "./on-copy.ts";

export interface AgentRunOptions extends ModelChoice {
  archive: Archive;
  /** "seed", a directory with src/main.ts, an archived agent id or unique prefix, "best", "best@<run>". */
  agentRef: string;
  workspaceDir: string;
  instructions: string;
  outDir: string;
  limits: AgentLimits;
  /** Mount tsc, esbuild and agent-check in the container. */
  toolchain?: boolean;
  /** Default: the local Docker engine. */
  sandbox?: Sandbox;
  onProgress?: (message: string) => void;
}

export interface AgentRunOutput {
  runId: string;
  agent: string;
  model: string;
  status: string;
  exitCode: number | null;
  durationMs: number;
  /** Why the agent says it stopped (its trajectory's last "end" event), one line. */
  endReason: string | null;
  steps: number;
  changedFiles: string[];
  patchFile: string;
  trajectoryFile: string;
  usage: SessionUsage;
  stderrTail: string;
  warnings: string[];
}

export async function runAgentOnDirectory(options: AgentRunOptions): Promise<AgentRunOutput> {
  const { archive } = options;
  const workspaceDir = resolve(options.workspaceDir);
  if (!existsSync(workspaceDir) || !statSync(workspaceDir).isDirectory())
    throw new CommandError(`--workspace ${workspaceDir} is not a directory`);
  const models = modelsOf(options);
  const source = resolveAgentSource(archive, options.agentRef);
  const sandbox = options.sandbox ?? new DockerSandbox();
  const scratch = mkdtempSync(join(tmpdir(), "dgm-agent-run-"));
  try {
    const bundleFile = await gatedBundle(archive, source, sandbox, scratch, options.onProgress);
    options.onProgress?.(`running ${source.label} with ${modelName(models)} on a copy of ${workspaceDir}`);
    const { runId, run, diff, usage } = await runOnCopy({
      archive,
      sandbox,
      models,
      scripts: options.scripts,
      bundleFile,
      workspaceDir,
      scratch,
      instructions: options.instructions,
      limits: options.limits,
      runConfig: {
        command: "agent run",
        agent: source.label,
        workspace: workspaceDir,
        models: { solve: models.solve },
      },
      agentId: source.kind === "archived" ? source.agent.id : null,
      toolchain: options.toolchain ?? false,
    });
    await mkdir(options.outDir, { recursive: true });
    const patchFile = join(options.outDir, "patch.diff");
    const trajectoryFile = join(options.outDir, "trajectory.jsonl");
    await writeFile(patchFile, diff.patch);
    await writeFile(trajectoryFile, run.trajectory);
    return {
      runId,
      agent: source.label,
      model: modelName(models),
      status: run.status,
      exitCode: run.exitCode,
      durationMs: run.durationMs,
      endReason: agentEndReason(run.trajectory),
      steps: run.trajectory.split("\n").filter((line) => line.startsWith('{"type":"model"')).length,
      changedFiles: diff.changedFiles,
      patchFile,
      trajectoryFile,
      usage,
      stderrTail: run.stderrTail,
      warnings: run.warnings,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
