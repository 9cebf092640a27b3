// Solving a SWE-bench instance: the agent runs in the instance's own image (hardened as every session:
// no network, no capabilities, uid 1000, limits), on a writable copy of /testbed committed as a fresh
// base, with node carried in read-only; its change is the diff from that base, taken in its container.
import { DEFAULT_LIMITS } from "../../sandbox/index.ts";
import { runAgentInSession } from "../agent-runner/index.ts";
import { agentSeconds } from "../manifest.ts";
import { type SolveOutcome, type SolveRequest, solveOutcome, solveRunOptions } from "../solve-task.ts";
import type { EnvironmentTask } from "./grade.ts";
import { commitBase, diffFromBase, ENVIRONMENT_PATH, repositoryDir, repositoryEnv } from "./repository.ts";
import { repoSpec } from "./specs.ts";

export async function solveInstance(request: SolveRequest, task: EnvironmentTask): Promise<SolveOutcome> {
  const wallSeconds = request.limits?.wallSeconds ?? agentSeconds(task.manifest);
  const { instance } = task.environment;
  let base = "";
  let diff = { patch: "", warnings: ["the agent's repository was never read back"] };
  const result = await runAgentInSession({
    ...solveRunOptions(request, wallSeconds),
    image: task.environment.image,
    imageWorkspace: repositoryDir(DEFAULT_LIMITS.workspaceBytes),
    nodeRuntime: true,
    env: { ...repositoryEnv(repoSpec(instance.repo, instance.version)), PATH: ENVIRONMENT_PATH },
    beforeRun: async (session) => {
      base = await commitBase(session);
    },
    afterRun: async (session) => {
      diff = await diffFromBase(session, base);
    },
  });
  return solveOutcome(result, wallSeconds, {
    finalWorkspace: undefined,
    repositoryPatch: diff.patch,
    name: "repository",
    warnings: diff.warnings,
  });
}
