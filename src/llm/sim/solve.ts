// Solving a task, as a small state machine over the conversation: look at the workspace, maybe
// read the files, write each solution file (the reference, or a wrong version), maybe run a check
// and fix a wrong answer, then finish with plain text. Whether the answer is right is drawn once
// per session with a probability that grows with the agent's skills.
import type { CallContext, ChatRequest } from "../types.ts";
import { looksFailed, takenSteps } from "./conversation.ts";
import type { SimTaskKnowledge } from "./oracle.ts";
import { skillsOf } from "./skills.ts";
import {
  buggyPathOf,
  firstAnswerIsRight,
  fixedAfterCheck,
  requestFingerprint,
  type SolveDraw,
  wrongContentOf,
} from "./success.ts";
import type { CallSpec, Toolkit } from "./toolkit.ts";

export type SolveAction =
  | { kind: "calls"; step: number; text: string | null; calls: CallSpec[] }
  | { kind: "answer"; text: string };

interface Plan {
  steps: { calls: CallSpec[]; text?: string; isWrite?: boolean }[];
  summary: string;
}

function checkCommand(paths: string[]): string {
  const checks = paths.map((path) =>
    /\.py$/.test(path)
      ? `python3 -m py_compile '${path}'`
      : /\.(m?js|cjs)$/.test(path)
        ? `node --check '${path}'`
        : `test -s '${path}'`,
  );
  return `${checks.join(" && ")} && echo CHECK-OK`;
}

function buildPlan(task: SimTaskKnowledge, tools: Toolkit, skills: Set<string>, draw: SolveDraw): Plan {
  const paths = Object.keys(task.solutionFiles).sort();
  const correct = firstAnswerIsRight(task.difficulty, skills, draw);
  const buggyPath = buggyPathOf(task, draw);
  const steps: Plan["steps"] = [];
  const look = tools.list();
  const planText = skills.has("plan")
    ? `Plan: 1. look at the workspace; 2. implement ${paths.join(", ")}; 3. ${skills.has("run_tests") ? "check the result" : "finish"}.`
    : undefined;
  if (look) steps.push({ calls: [look], text: planText });
  if (skills.has("read_first")) {
    const views = paths.map((path) => tools.view(path, skills.has("ranged_view") ? [1, 200] : undefined));
    steps.push({ calls: views.filter((call): call is CallSpec => call !== undefined) });
  }
  for (const path of paths) {
    const content = correct || path !== buggyPath ? task.solutionFiles[path]! : wrongContentOf(task, path, draw);
    const write = tools.write(path, content);
    if (write) steps.push({ calls: [write], isWrite: true });
  }
  const check = tools.hasShell && skills.has("run_tests") ? tools.run(checkCommand(paths)) : undefined;
  if (check) {
    steps.push({ calls: [check] });
    if (!correct && buggyPath && fixedAfterCheck(draw)) {
      const fix = tools.write(buggyPath, task.solutionFiles[buggyPath]!);
      if (fix)
        steps.push({ calls: [fix], isWrite: true, text: `The check showed a problem in ${buggyPath}; fixing it.` });
      steps.push({ calls: [check] });
    }
  }
  return { steps, summary: `I implemented the solution in ${paths.join(", ")}.` };
}

export function solveStep(
  request: ChatRequest,
  context: CallContext,
  task: SimTaskKnowledge | undefined,
  tools: Toolkit,
): SolveAction {
  const taken = takenSteps(request);
  if (!task) {
    if (taken.length === 0) {
      const look = tools.list();
      if (look) return { kind: "calls", step: 0, text: null, calls: [look] };
    }
    return { kind: "answer", text: "I could not work out what this task needs; stopping without changes." };
  }
  if (!tools.canWrite()) {
    return { kind: "answer", text: "None of the available tools can write files, so I cannot make the change." };
  }
  const skills = skillsOf(request);
  const draw = {
    seed: context.seed,
    taskId: context.caller.taskId ?? "",
    agentFingerprint: requestFingerprint(request),
  };
  const plan = buildPlan(task, tools, skills, draw);
  const last = taken.at(-1);
  let next = last ? last.step + 1 : 0;
  // A failed write is retried only by agents told to retry after errors (at most twice).
  if (last && plan.steps[last.step]?.isWrite && looksFailed(last.result) && skills.has("retry_on_error")) {
    const tries = taken.filter((step) => step.step === last.step).length;
    if (tries < 3) next = last.step;
  }
  const step = plan.steps[next];
  if (!step) return { kind: "answer", text: plan.summary };
  return { kind: "calls", step: next, text: step.text ?? null, calls: step.calls };
}

/** The stable parts of a session's identity (not its random session id), so reruns with one seed agree. */
export function sessionKey(context: CallContext): string[] {
  const { purpose, taskId, agentId, attemptId, evaluationKey } = context.caller;
  return [purpose, taskId ?? "", agentId ?? "", attemptId ?? "", evaluationKey ?? ""];
}
