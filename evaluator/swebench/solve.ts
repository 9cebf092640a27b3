// Solving a SWE-bench instance: the agent runs in the instance's own image (hardened as every session:
// no network, no capabilities, uid 1000, limits), on a writable copy of /testbed committed as a fresh
// base, with node carried in read-only; its change is the diff from that base, taken in its container.
import { DEFAULT_LIMITS } from "../../sandbox/index.ts";
import { runAgentInSession } from "../agent-runner/index.ts";
import { agentSeconds } from "../manifest.ts";
import type { SolveOutcome, SolveRequest } from "../solve-task.ts";
import { solveIdentity } from "../solve-task.ts";
import type { EnvironmentTask } from "./grade.ts";
import { commitBase, diffFromBase, ENVIRONMENT_PATH, repositoryDir, repositoryEnv } from "./repository.ts";
import { repoSpec } from "./specs.ts";

export async function solveInstance(request: SolveRequest, task: EnvironmentTask): Promise<SolveOutcome> {
  const wallSeconds = request.limits?.wallSeconds ?? agentSeconds(task.manifest);
  const { instance } = task.environment;
  let base = "";
  let diff = { patch: "", warnings: ["the agent's repository was never read back"] };
  const { run, usage } = await runAgentInSession({
    sessions: request.gateway,
    identity: solveIdentity(request),
    seed: request.seed,
    sessionLimits: { maxWallMs: (wallSeconds + 10) * 1000, ...request.limits?.session },
    hold: (work) => request.slots.run(work),
    sandbox: request.sandbox,
    bundleFile: request.agent.bundleFile,
    imageWorkspace: repositoryDir(DEFAULT_LIMITS.workspaceBytes),
    nodeRuntime: true,
    env: { ...repositoryEnv(repoSpec(instance.repo, instance.version)), PATH: ENVIRONMENT_PATH },
    beforeRun: async (session) => {
      base = await commitBase(session);
    },
    afterRun: async (session) => {
      diff = await diffFromBase(session, base);
    },
    instructions: task.instructions,
    limits: { wallSeconds, maxSteps: request.limits?.maxSteps, maxTokensPerCall: request.limits?.maxTokensPerCall },
    graceSeconds: request.limits?.graceSeconds,
    image: task.environment.image,
    labels: { purpose: "solve", run: request.runId, agent: request.agent.id, task: task.qualifiedId },
    ...(request.signal ? { signal: request.signal } : {}),
  });
  const warnings = [...run.warnings, ...diff.warnings];
  if (run.status === "timeout")
    warnings.push(`the agent did not stop within ${wallSeconds} s and was killed; its repository was graded as left`);
  else if (run.status !== "ok") warnings.push(`the agent run ended by ${run.status}`);
  return {
    finalWorkspace: undefined,
    repositoryPatch: diff.patch,
    trajectory: run.trajectory,
    timedOut: run.status === "timeout",
    killed: run.status === "killed",
    exitCode: run.exitCode,
    durationMs: run.durationMs,
    usage,
    warnings,
  };
}
