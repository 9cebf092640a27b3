// Evaluation without containers, through the evaluator's own seams: the solver asks the simulator's
// model of success whether this agent (its skills and fingerprint, read from its source) solves the
// task, and leaves the reference or a plausible wrong version in the workspace; the grader passes a
// workspace whose solution files equal the reference. One metered model call stands for each task's
// session, so cost, the run budget and its refusals behave as they do with real agents.
import {
  type FileMap,
  type GradeFn,
  type SolveFn,
  type SolveOutcome,
  solveIdentity,
  type Task,
} from "../../../evaluator/index.ts";
import { type Gateway, GatewayError, type SimOracle, simFinalSolution } from "../../llm/index.ts";
import type { AgentProfile } from "./agent-profile.ts";
import { editorToolDefinition } from "./editor-tool.ts";
import { openingMessages } from "./self-modify.ts";

function trajectoryOf(entries: Record<string, unknown>[]): string {
  return `${entries.map((entry) => JSON.stringify(entry)).join("\n")}\n`;
}

/** The tools the agent's editor schema expresses, so the metered request is priced like a real first call. */
function solveTools(profile: AgentProfile) {
  const commands = ["view", "create", "str_replace", "insert"] as const;
  return [
    editorToolDefinition(
      profile.skills.has("undo") ? [...commands, "undo_edit"] : [...commands],
      profile.skills.has("ranged_view"),
    ),
  ];
}

export function inProcessSolver(profile: AgentProfile, oracle: SimOracle, gateway: Gateway): SolveFn {
  return async (request) => {
    const { task } = request;
    const { signal } = request;
    const started = performance.now();
    const identity = solveIdentity(request);
    const { sessionId } = identity;
    const unchanged: FileMap = { ...task.workspace };
    const outcome = (parts: Partial<SolveOutcome>): SolveOutcome => ({
      finalWorkspace: unchanged,
      trajectory: "",
      timedOut: false,
      killed: false,
      exitCode: 0,
      durationMs: Math.round(performance.now() - started),
      usage: gateway.usageOf(sessionId),
      warnings: [],
      ...parts,
    });
    // Killed from outside (the second Ctrl-C): what containers get when the run's are removed.
    if (signal?.aborted) return outcome({ killed: true, exitCode: null });
    try {
      await gateway.call(
        identity,
        "solve",
        {
          messages: openingMessages(profile.systemPrompt, task.instructions),
          tools: solveTools(profile),
        },
        signal,
      );
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      const trajectory = trajectoryOf([{ type: "error", source: "model", message: error.message }]);
      return outcome({ trajectory, exitCode: 1, warnings: [`the agent run ended by error: ${error.message}`] });
    }
    if (signal?.aborted) return outcome({ killed: true, exitCode: null });
    const knowledge = oracle.lookup(task.qualifiedId);
    if (!knowledge) {
      const trajectory = trajectoryOf([{ type: "end", reason: "the simulator knows no reference for this task" }]);
      return outcome({ trajectory });
    }
    const draw = { seed: request.seed, taskId: task.qualifiedId, agentFingerprint: profile.fingerprint };
    const solution = simFinalSolution(knowledge, profile.skills, draw, profile.checksWork);
    const finalWorkspace: FileMap = { ...unchanged };
    for (const [path, content] of Object.entries(solution.files)) finalWorkspace[path] = Buffer.from(content);
    const trajectory = trajectoryOf([
      { type: "start", simulated: "in process: the sim's model of success decided this task" },
      { type: "end", reason: "done", skills: [...profile.skills].sort(), wrote: Object.keys(solution.files) },
    ]);
    return outcome({ finalWorkspace, trajectory });
  };
}

function solutionFileState(task: Task, changes: Parameters<GradeFn>[1], path: string): Buffer | null | undefined {
  return path in changes ? changes[path] : task.workspace[path];
}

/** Passes when every solution file equals the reference; one "test" per solution file. */
export const gradeAgainstReference: GradeFn = async (task, changes) => {
  const paths = task.manifest.solutionFiles;
  const wrong = paths.filter((path) => {
    const content = solutionFileState(task, changes, path);
    const reference = task.reference[path];
    return !content || !reference || !content.equals(reference);
  });
  const output =
    wrong.length === 0
      ? "in-process grading: every solution file equals the reference"
      : `in-process grading: ${wrong.join(", ")} differ${wrong.length === 1 ? "s" : ""} from the reference`;
  return {
    status: wrong.length === 0 ? "passed" : "failed",
    testsPassed: paths.length - wrong.length,
    testsTotal: paths.length,
    output,
    durationMs: 0,
  };
};
