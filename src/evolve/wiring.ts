// Builds the loop's services from the real rooms: the archive, the Docker sandbox, the metering
// gateway with the configured providers, the evaluator and the validation gate.
import { access, copyFile } from "node:fs/promises";
import { join } from "node:path";
import { type AgentRow, type Archive, callerIdentity, type RunRow } from "../../archive/index.ts";
import {
  bundleOfArchivedAgent,
  ContainerSlots,
  diffWorkspaces,
  evaluateAgent,
  evaluateTask,
  modelKeyOf,
  retryOnLostEngine,
  runAgentInSession,
  type TaskEvaluationOptions,
  treeBundlePath,
} from "../../evaluator/index.ts";
import { DockerSandbox, type Sandbox } from "../../sandbox/index.ts";
import type { ModelsConfig, ScriptStep } from "../llm/index.ts";
import { validateAgent } from "./gate/index.ts";
import type { EvolveOptions } from "./options.ts";
import { prepareRunResources } from "./run-resources.ts";
import { EvaluationCutShort, type EvolveServices, type ServicesWiring } from "./services.ts";

/** Where tests and benchmarks plug in: a wrapped sandbox (the phase benchmark times every call), scripts for the scripted provider. */
export interface WiringSeams {
  sandbox?: Sandbox;
  scripts?: Record<string, ScriptStep[]>;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

export function createEvolveServices(
  archive: Archive,
  run: RunRow,
  options: EvolveOptions,
  models: ModelsConfig,
  seams: WiringSeams = {},
): ServicesWiring {
  const sandbox = seams.sandbox ?? new DockerSandbox();
  const resources = prepareRunResources(archive, run, options, models, seams.scripts);
  const { stages, catalog, gateway, modelFailure } = resources;
  const slots = new ContainerSlots(options.maxContainers);
  const bundlesDir = join(archive.home, "bundles");
  const modelKey = modelKeyOf(models.solve);
  const limits = options.agentLimits;

  const bundleOf = async (agent: AgentRow): Promise<string> => {
    const bundle = await retryOnLostEngine(() => slots.run(() => bundleOfArchivedAgent(archive, agent, sandbox)));
    if (!bundle.ok) throw new Error(`cannot bundle agent ${agent.id}: ${bundle.reason}`);
    return bundle.bundleFile;
  };

  const taskOptions = (agent: AgentRow, bundleFile: string, signal: AbortSignal): TaskEvaluationOptions => ({
    archive,
    sandbox,
    gateway,
    agent: { id: agent.id, tree: agent.tree, bundleFile },
    runId: run.id,
    seed: options.seed,
    modelKey,
    slots,
    signal,
    limits: {
      maxSteps: limits.maxSteps,
      session: { maxCalls: limits.maxCallsPerSession, maxTokens: limits.maxTokensPerSession },
    },
  });

  const services: EvolveServices = {
    archive,
    tasks: catalog,
    diagnose: (identity, request, signal) => gateway.call(identity, "diagnose", request, signal),

    async gate(sourceDir, agentId, signal) {
      const agent = archive.getAgent(agentId);
      const bundleDir = join(bundlesDir, "gate", agentId);
      // The gate judges the child: an engine lost under it says nothing about the child, so it runs again.
      const result = await retryOnLostEngine(() =>
        slots.run(() =>
          validateAgent({
            sourceDir,
            sandbox,
            bundleDir,
            recorder: archive,
            identity: { runId: run.id, agentId, purpose: "smoke" },
            signal,
          }),
        ),
      );
      if (!result.ok) return result;
      if (!agent) return { ok: true, artifact: result.bundleFile };
      // Keep the gate's bundle as the tree's bundle, so it is never rebuilt.
      const treeBundle = treeBundlePath(archive, agent.tree);
      if (!(await exists(treeBundle))) await copyFile(result.bundleFile, treeBundle);
      return { ok: true, artifact: treeBundle };
    },

    async selfModify({ runId, attemptId, modifier, workspaceDir, outDir, instructions, signal }) {
      const modifierBundle = await bundleOf(modifier);
      const { run: result } = await retryOnLostEngine(() =>
        runAgentInSession({
          sessions: gateway,
          identity: callerIdentity({ runId, agentId: modifier.id, attemptId, purpose: "self-modify" }),
          seed: options.seed,
          sessionLimits: {
            maxCalls: limits.maxCallsPerSession,
            maxTokens: limits.maxTokensPerSession,
            maxWallMs: (limits.wallSeconds + 10) * 1000,
          },
          hold: (work) => slots.run(work),
          sandbox,
          bundleFile: modifierBundle,
          workspaceDir,
          workspaceOutDir: outDir,
          instructions,
          limits: { wallSeconds: limits.wallSeconds, maxSteps: limits.maxSteps },
          labels: { purpose: "self-modify", run: runId, agent: modifier.id },
          toolchain: true,
          signal,
        }),
      );
      if (!result.workspaceOutDir) {
        return { workspaceDir: outDir, changedFiles: [], status: result.status, exitCode: result.exitCode };
      }
      const diff = await diffWorkspaces(workspaceDir, result.workspaceOutDir);
      return {
        workspaceDir: result.workspaceOutDir,
        changedFiles: diff.changedFiles,
        status: result.status,
        exitCode: result.exitCode,
      };
    },

    async evaluate(agent, bundleFile, signal) {
      // The artifact of the Docker gate is the bundle's path.
      const result = await evaluateAgent({
        ...taskOptions(agent, bundleFile, signal),
        stages,
        halted: resources.halted,
        claimTask: resources.claimTask,
      });
      if (result.refusedBy) throw new EvaluationCutShort(result.refusedBy);
      return result.scores;
    },

    searchPool: resources.searchPool,
    heldOutTasks: resources.heldOut.map((task) => task.qualifiedId),
    async evaluateTask(agent, taskId, stage, signal) {
      const options = taskOptions(agent, await bundleOf(agent), signal);
      return (await evaluateTask(options, resources.taskById(taskId), stage)).row;
    },

    budgetExhausted: resources.budgetExhausted,
    modelFailure,
    pruneContainers: (runId) => sandbox.prune({ run: runId }),
  };

  return { services, gateway, close: () => gateway.close() };
}
