// Evaluating an agent outside an evolution run (`dgm eval`): resolve the agent (a source directory or
// an archived agent), bundle it, wire the archive, the model gateway and the sandbox, then evaluate.
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { AgentRow, Archive, StageName } from "../archive/index.ts";
import { DockerSandbox, ensureSandboxImage } from "../sandbox/index.ts";
import { createGateway, createPricing, createProvider, failureWithFix, loadModelsConfig } from "../src/llm/index.ts";
import { type AgentGate, GATE_STAGES } from "./agent-runner/index.ts";
import { modelKeyOf } from "./cache-key.ts";
import { TaskError } from "./errors.ts";
import { type EvaluateAgentResult, type EvaluationStage, evaluateAgent } from "./evaluate.ts";
import { simOracleFor } from "./sim-oracle.ts";
import { type ContainerSlots, sharedContainerSlots } from "./slots.ts";
import type { SolveLimits } from "./solve-task.ts";
import { stageOfSuite } from "./suite-stages.ts";
import { loadSuite } from "./suites.ts";

export interface StandaloneEvalOptions {
  archive: Archive;
  /** A directory holding an agent's source (src/main.ts), or an archived agent's id (or unique prefix). */
  agentRef: string;
  suite: string;
  /** --model spec (sim, openai:<model>, replay:<run>); default from configuration (sim). */
  model?: string;
  configFile?: string;
  seed?: number;
  workers?: number;
  slots?: ContainerSlots;
  limits?: SolveLimits;
  /** The validation gate the agent passes before any task runs (src/evolve/gate's agentGate). */
  gate: AgentGate;
  onResult?: Parameters<typeof evaluateAgent>[0]["onResult"];
  onProgress?: (message: string) => void;
}

export interface StandaloneEvalResult extends EvaluateAgentResult {
  runId: string;
  agent: AgentRow;
  stage: StageName;
  taskCount: number;
}

async function resolveAgent(
  archive: Archive,
  ref: string,
  runId: string,
  scratch: string,
): Promise<{ row: AgentRow; sourceDir: string }> {
  const asDir = resolve(ref);
  if (existsSync(asDir) && statSync(asDir).isDirectory()) {
    if (!existsSync(join(asDir, "src", "main.ts")))
      throw new TaskError(`${asDir} is not an agent: it has no src/main.ts (see agents/README.md)`);
    const { commit, tree } = await archive.store.importDir(asDir, `dgm eval: ${asDir}`);
    const row = archive.createAgent({ runId, parentId: null, commit, tree, generation: 0 });
    await archive.store.setBranch(row.id, commit);
    return { row, sourceDir: asDir };
  }
  const row = archive.resolveAgent(ref);
  if (!row)
    throw new TaskError(
      `no agent directory or archived agent named ${ref}: give a path like agents/seed or an id from \`dgm tree\``,
    );
  const sourceDir = join(scratch, "source");
  await archive.store.checkout(row.commit, sourceDir);
  return { row, sourceDir };
}

export async function evaluateStandalone(options: StandaloneEvalOptions): Promise<StandaloneEvalResult> {
  const { archive } = options;
  const tasks = loadSuite(options.suite);
  if (tasks.length === 0) throw new TaskError(`suite ${options.suite} has no tasks`);
  const models = loadModelsConfig({ model: options.model, configFile: options.configFile });
  const seed = options.seed ?? 0;
  const run = archive.createRun({
    config: { command: "eval", suite: options.suite, agent: options.agentRef, models: { solve: models.solve } },
    seed,
  });
  const scratch = mkdtempSync(join(tmpdir(), "dgm-eval-"));
  try {
    const { row, sourceDir } = await resolveAgent(archive, options.agentRef, run.id, scratch);
    options.onProgress?.("checking the sandbox image");
    await ensureSandboxImage({ log: (line) => options.onProgress?.(line) });
    options.onProgress?.(`checking the agent (${GATE_STAGES.join(", ")}, in the sandbox)`);
    const gated = await options.gate(sourceDir, join(scratch, "bundle"));
    if (!gated.ok) throw new TaskError(`the agent does not pass the gate: ${gated.stage}: ${gated.reason}`);
    for (const note of gated.notes ?? []) options.onProgress?.(`gate: ${note}`);
    const { bundleFile } = gated;
    const provider = createProvider(models.solve, { archive, sim: { oracle: simOracleFor(tasks) } });
    const gateway = createGateway({
      archive,
      providers: { solve: provider },
      pricing: createPricing(models.prices ?? {}),
      seed,
    });
    const stage = stageOfSuite(options.suite);
    const stages: EvaluationStage[] = [{ name: stage, tasks }];
    try {
      const result = await evaluateAgent({
        archive,
        sandbox: new DockerSandbox(),
        gateway,
        agent: { id: row.id, tree: row.tree, bundleFile },
        runId: run.id,
        stages,
        seed,
        modelKey: modelKeyOf(models.solve),
        slots: options.slots ?? sharedContainerSlots(),
        suite: options.suite,
        workers: options.workers,
        limits: options.limits,
        onResult: options.onResult,
        halted: () => failureWithFix(gateway.modelFailure()),
      });
      if (result.haltedBy) archive.setRunStatus(run.id, "failed", result.haltedBy);
      else archive.setRunStatus(run.id, "finished");
      return { ...result, runId: run.id, agent: archive.getAgent(row.id) ?? row, stage, taskCount: tasks.length };
    } finally {
      await gateway.close();
    }
  } catch (error) {
    archive.setRunStatus(run.id, "failed", error instanceof Error ? error.message : String(error));
    throw error;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
