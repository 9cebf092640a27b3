// `dgm eval`: evaluate one agent outside an evolution run. The agent (the seed, a source directory, or
// an archived agent) goes through the gate, then runs on every task of the suite in fresh containers,
// each graded in another with the hidden tests; results go to a bookkeeping run in the archive.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AgentRow, Archive, StageName } from "../../archive/index.ts";
import {
  type ContainerSlots,
  type EvaluateAgentResult,
  evaluateAgent,
  importAgentSource,
  loadSuite,
  modelKeyOf,
  resolveAgentSource,
  type SolveLimits,
  sharedContainerSlots,
  stageOfSuite,
  TaskError,
} from "../../evaluator/index.ts";
import { DockerSandbox, requireLanguageImages, type Sandbox } from "../../sandbox/index.ts";
import { failureWithFix, openModels, simOracleFor } from "../llm/index.ts";
import { gatedBundle } from "./gated-bundle.ts";
import { type ModelChoice, modelsOf } from "./models.ts";

export interface EvalOptions extends ModelChoice {
  archive: Archive;
  /** "seed", a directory with src/main.ts, an archived agent id or unique prefix, "best", "best@<run>". */
  agentRef: string;
  suite: string;
  seed?: number;
  workers?: number;
  slots?: ContainerSlots;
  limits?: SolveLimits;
  /** Default: the local Docker engine. */
  sandbox?: Sandbox;
  onResult?: Parameters<typeof evaluateAgent>[0]["onResult"];
  onProgress?: (message: string) => void;
}

export interface EvalResult extends EvaluateAgentResult {
  runId: string;
  agent: AgentRow;
  stage: StageName;
  taskCount: number;
}

export async function evaluateOnSuite(options: EvalOptions): Promise<EvalResult> {
  const { archive } = options;
  const tasks = loadSuite(options.suite);
  if (tasks.length === 0) throw new TaskError(`suite ${options.suite} has no tasks`);
  await requireLanguageImages(tasks.map((task) => task.manifest.language));
  const models = modelsOf(options);
  const source = resolveAgentSource(archive, options.agentRef);
  const sandbox = options.sandbox ?? new DockerSandbox();
  const seed = options.seed ?? 0;
  const run = archive.createRun({
    config: { command: "eval", suite: options.suite, agent: options.agentRef, models: { solve: models.solve } },
    seed,
  });
  const scratch = mkdtempSync(join(tmpdir(), "dgm-eval-"));
  try {
    // Results are recorded against an archived agent's own row, or a new one for a directory.
    const row =
      source.kind === "archived"
        ? source.agent
        : await importAgentSource(archive, source, run.id, `dgm eval: ${source.label}`);
    const bundleFile = await gatedBundle(archive, source, sandbox, scratch, options.onProgress);
    const gateway = openModels(archive, models, {
      roles: ["solve"],
      oracle: simOracleFor(tasks),
      scripts: options.scripts,
      seed,
    });
    const stage = stageOfSuite(options.suite);
    try {
      const result = await evaluateAgent({
        archive,
        sandbox,
        gateway,
        agent: { id: row.id, tree: row.tree, bundleFile },
        runId: run.id,
        stages: [{ name: stage, tasks }],
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
