// EvolveServices without containers: the real archive (SQLite and git), the real metering gateway with
// the simulator behind it (every call recorded, priced and held to the run budget), and the simulator
// deciding what containers would: whether a child's build breaks and which tasks an agent solves.
// Nothing of an agent's source is ever executed. Fast enough for loop tests and search benchmarks.
import { join } from "node:path";
import type { AgentRow, Archive, RunRow } from "../../../archive/index.ts";
import {
  ContainerSlots,
  evaluateAgent,
  evaluateTask,
  modelKeyOf,
  type TaskEvaluationOptions,
} from "../../../evaluator/index.ts";
import type { Sandbox } from "../../../sandbox/index.ts";
import { type ModelsConfig, type ScriptStep, simModel } from "../../llm/index.ts";
import type { EvolveOptions } from "../options.ts";
import { prepareRunResources } from "../run-resources.ts";
import { EvaluationCutShort, type EvolveServices, type ServicesWiring } from "../services.ts";
import { AgentProfiles } from "./agent-profile.ts";
import { gateInProcess, inProcessArtifact } from "./gate.ts";
import { selfModifyInProcess } from "./self-modify.ts";
import { gradeAgainstReference, inProcessSolver } from "./solve-and-grade.ts";

export interface InProcessSeams {
  /** Models per role (default: the simulator for both). The gate and task outcomes are the sim's either way. */
  models?: ModelsConfig;
  /** Scripts for the scripted provider, when a role is scripted (tests that need a model of their own). */
  scripts?: Record<string, ScriptStep[]>;
}

/** The evaluator's default solver and grader need a sandbox; ours replace both, so reaching it is a bug. */
const noSandbox: Sandbox = {
  startSession: () => Promise.reject(new Error("the in-process evolve services have no sandbox to start")),
  prune: async () => 0,
};

const simRoles: ModelsConfig = {
  solve: { provider: "sim", model: simModel },
  diagnose: { provider: "sim", model: simModel },
};

export function createInProcessServices(
  archive: Archive,
  run: RunRow,
  options: EvolveOptions,
  seams: InProcessSeams = {},
): ServicesWiring {
  const models = seams.models ?? simRoles;
  const resources = prepareRunResources(archive, run, options, models, seams.scripts);
  const { stages, catalog, oracle, gateway, modelFailure } = resources;
  const profiles = new AgentProfiles(archive.store, join(archive.home, "work", run.id, "in-process"));
  // Its own cache key: results decided in process must never answer for a container evaluation.
  const modelKey = `in-process ${modelKeyOf(models.solve)}`;
  const slots = new ContainerSlots(options.maxContainers);

  /** What evaluating needs here: the sim's solver for this agent's profile, and the reference grader. */
  const taskOptions = async (agent: AgentRow, signal: AbortSignal): Promise<TaskEvaluationOptions> => {
    const profile = await profiles.of(agent);
    return {
      archive,
      sandbox: noSandbox,
      gateway,
      agent: { id: agent.id, tree: agent.tree, bundleFile: inProcessArtifact(agent.tree) },
      runId: run.id,
      seed: options.seed,
      modelKey,
      slots,
      solve: inProcessSolver(profile, oracle, gateway),
      grade: gradeAgainstReference,
      signal,
    };
  };

  const services: EvolveServices = {
    archive,
    tasks: catalog,
    diagnose: (identity, request, signal) => gateway.call(identity, "diagnose", request, signal),

    async selfModify(request) {
      const modifier = await profiles.of(request.modifier);
      return selfModifyInProcess({ gateway, maxSteps: options.agentLimits.maxSteps }, request, modifier.systemPrompt);
    },

    async gate(sourceDir, agentId, signal) {
      // As the Docker gate: aborted, it gives no verdict at all (an aborted gate says nothing of the agent).
      signal.throwIfAborted();
      const agent = archive.getAgent(agentId);
      if (!agent) throw new Error(`cannot gate agent ${agentId}: it is not in the archive`);
      const verdict = await gateInProcess(sourceDir);
      if (!verdict.ok) return verdict;
      await profiles.fromDir(agent.tree, sourceDir);
      return { ok: true, artifact: inProcessArtifact(agent.tree) };
    },

    async evaluate(agent, artifact, signal) {
      if (artifact !== inProcessArtifact(agent.tree)) {
        throw new Error(`${artifact} is not the in-process artifact of agent ${agent.id}: gate it with these services`);
      }
      const result = await evaluateAgent({
        ...(await taskOptions(agent, signal)),
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
      return (await evaluateTask(await taskOptions(agent, signal), resources.taskById(taskId), stage)).row;
    },

    budgetExhausted: resources.budgetExhausted,
    modelFailure,
    pruneContainers: async () => 0,
  };

  return { services, gateway, close: () => gateway.close() };
}
