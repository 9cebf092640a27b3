// `dgm agent run`: run any agent (a source directory, the built-in seed, or an archived agent) on any
// directory in the sandbox, and write the resulting patch and trajectory. The user's directory is only
// read (it is copied into the container); every model call goes through the gateway into the archive.
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Archive } from "../../archive/index.ts";
import { DockerSandbox, ensureSandboxImage } from "../../sandbox/index.ts";
import { createPricing, createProvider, loadModelsConfig, type SessionUsage } from "../../src/llm/index.ts";
import { agentEndReason } from "./end-reason.ts";
import type { AgentGate } from "./gate.ts";
import type { AgentLimits } from "./run.ts";
import { runOnCopy } from "./run-on-copy.ts";

export const SEED_AGENT_DIR = fileURLToPath(new URL("../../agents/seed/", import.meta.url));

/** A failure the person running the command can fix; the message says how. */
export class AgentRunError extends Error {
  override name = "AgentRunError";
}

export interface RunOnDirectoryOptions {
  archive: Archive;
  /** "seed", a directory with src/main.ts, or an archived agent id (or unique prefix). */
  agentRef: string;
  workspaceDir: string;
  instructions: string;
  outDir: string;
  model?: string;
  configFile?: string;
  limits: AgentLimits;
  /** The validation gate every agent passes before it runs (src/evolve/gate's agentGate). */
  gate: AgentGate;
  /** Mount tsc, esbuild and agent-check in the container. */
  toolchain?: boolean;
  onProgress?: (message: string) => void;
}

export interface RunOnDirectoryResult {
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
  usage: SessionUsage | undefined;
  stderrTail: string;
  warnings: string[];
}

interface AgentSource {
  dir: string;
  label: string;
  /** The archive's id when the agent came from the archive. */
  archivedId: string | null;
}

async function agentSource(archive: Archive, ref: string, scratch: string): Promise<AgentSource> {
  if (ref === "seed") return { dir: SEED_AGENT_DIR, label: "seed", archivedId: null };
  const asDir = resolve(ref);
  if (existsSync(asDir) && statSync(asDir).isDirectory()) {
    if (!existsSync(join(asDir, "src", "main.ts"))) {
      throw new AgentRunError(`${asDir} is not an agent: it has no src/main.ts (see agents/README.md), or use "seed"`);
    }
    return { dir: asDir, label: asDir, archivedId: null };
  }
  const row = archive.resolveAgent(ref);
  if (!row)
    throw new AgentRunError(
      `no agent directory or archived agent named ${ref}: give "seed", a path like agents/seed, or an id from \`dgm tree\``,
    );
  const dir = join(scratch, "agent-source");
  await archive.store.checkout(row.commit, dir);
  return { dir, label: row.id, archivedId: row.id };
}

export async function runAgentOnDirectory(options: RunOnDirectoryOptions): Promise<RunOnDirectoryResult> {
  const { archive } = options;
  const workspaceDir = resolve(options.workspaceDir);
  if (!existsSync(workspaceDir) || !statSync(workspaceDir).isDirectory()) {
    throw new AgentRunError(`--workspace ${workspaceDir} is not a directory`);
  }
  const models = loadModelsConfig({ model: options.model, configFile: options.configFile });
  const scratch = mkdtempSync(join(tmpdir(), "dgm-agent-run-"));
  try {
    const agent = await agentSource(archive, options.agentRef, scratch);
    options.onProgress?.("checking the sandbox image");
    await ensureSandboxImage({ log: (line) => options.onProgress?.(line) });
    options.onProgress?.(`checking ${agent.label} (typecheck, bundle and smoke run, in the sandbox)`);
    const bundle = await options.gate(agent.dir, join(scratch, "bundle"));
    if (!bundle.ok) throw new AgentRunError(`the agent does not pass the gate: ${bundle.stage}: ${bundle.reason}`);

    options.onProgress?.(
      `running ${agent.label} with ${models.solve.provider}:${models.solve.model} on a copy of ${workspaceDir}`,
    );
    const { runId, run, diff, usage } = await runOnCopy({
      archive,
      sandbox: new DockerSandbox(),
      provider: createProvider(models.solve, { archive }),
      pricing: createPricing(models.prices ?? {}),
      bundleFile: bundle.bundleFile,
      workspaceDir,
      scratch,
      instructions: options.instructions,
      limits: options.limits,
      runConfig: { command: "agent run", agent: agent.label, workspace: workspaceDir, models: { solve: models.solve } },
      agentId: agent.archivedId,
      toolchain: options.toolchain ?? false,
    });
    await mkdir(options.outDir, { recursive: true });
    const patchFile = join(options.outDir, "patch.diff");
    const trajectoryFile = join(options.outDir, "trajectory.jsonl");
    await writeFile(patchFile, diff.patch);
    await writeFile(trajectoryFile, run.trajectory);
    return {
      runId,
      agent: agent.label,
      model: `${models.solve.provider}:${models.solve.model}`,
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
