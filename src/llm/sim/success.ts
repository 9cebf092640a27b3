// The simulator's model of success on a task, as pure functions of (difficulty, skills, seed, task id,
// agent fingerprint). The solving state machine (solve.ts) plays it out through an agent's tools in a
// container; the in-process evolve services ask it directly. One model, so both agree on who solves what.
import { createHash } from "node:crypto";
import type { ChatRequest } from "../types.ts";
import { introduceBug } from "./bugs.ts";
import { agentNoise, firstPassProbability, fixAfterCheck } from "./landscape.ts";
import type { SimTaskKnowledge } from "./oracle.ts";
import { uniform } from "./rng.ts";

/** Who is solving what, under which seed: everything the draws depend on. */
export interface SolveDraw {
  seed: number;
  taskId: string;
  /** What makes an agent itself: a hash of what a model sees of it (its prompt and its tools). */
  agentFingerprint: string;
}

/** The draws shared by every agent on one task and seed ("common random numbers"). */
export function taskKeyOf(draw: SolveDraw): string[] {
  return [String(draw.seed), "solve", draw.taskId];
}

/** The draws of one agent on one task. */
export function agentKeyOf(draw: SolveDraw): string[] {
  return [...taskKeyOf(draw), draw.agentFingerprint];
}

/**
 * Whether the first answer is right. The draw that decides it is shared by every agent on the same
 * task and seed, shifted a little by noise of the agent's own: so an agent with more skills solves
 * more, not just luckier, and parent/child comparisons are not drowned in noise.
 */
export function firstAnswerIsRight(
  difficulty: SimTaskKnowledge["difficulty"],
  skills: Set<string>,
  draw: SolveDraw,
): boolean {
  const threshold =
    firstPassProbability(difficulty, skills) + agentNoise * (uniform(...agentKeyOf(draw), "noise") - 0.5);
  return uniform(...taskKeyOf(draw), "outcome") < threshold;
}

/** Whether an agent that checks its work (a shell and the run_tests skill) notices and fixes a wrong answer. */
export function fixedAfterCheck(draw: SolveDraw): boolean {
  return uniform(...taskKeyOf(draw), "fix-after-check") < fixAfterCheck;
}

/** The solution file a wrong answer gets wrong. */
export function buggyPathOf(task: SimTaskKnowledge, draw: SolveDraw): string | undefined {
  const paths = Object.keys(task.solutionFiles).sort();
  return paths[Math.floor(uniform(...agentKeyOf(draw), "which-file") * paths.length)] ?? paths[0];
}

/** A plausible wrong version of one solution file: the stub left as it was, or the reference with one bug. */
export function wrongContentOf(task: SimTaskKnowledge, path: string, draw: SolveDraw): string {
  const reference = task.solutionFiles[path] ?? "";
  const stub = task.stubFiles[path];
  const choice = uniform(...agentKeyOf(draw), "bug", path);
  const useStub = stub !== undefined && stub !== reference && choice < 0.3;
  return (useStub ? stub : introduceBug(reference, choice)) ?? stub ?? "";
}

/**
 * The solution files an agent ends with: all references when it is right, else one file wrong.
 * `checksWork`: the agent can run a check (a shell) and is told to (run_tests), so it may fix a wrong answer.
 */
export function finalSolution(
  task: SimTaskKnowledge,
  skills: Set<string>,
  draw: SolveDraw,
  checksWork: boolean,
): { right: boolean; files: Record<string, string> } {
  const right = firstAnswerIsRight(task.difficulty, skills, draw) || (checksWork && fixedAfterCheck(draw));
  const buggy = right ? undefined : buggyPathOf(task, draw);
  const files: Record<string, string> = {};
  for (const [path, reference] of Object.entries(task.solutionFiles)) {
    files[path] = path === buggy ? wrongContentOf(task, path, draw) : reference;
  }
  return { right, files };
}

/** The fingerprint of an agent as a request shows it: its system prompt and its tool schemas (not its random ids). */
export function requestFingerprint(request: ChatRequest): string {
  const system = request.messages.find((message) => message.role === "system")?.content ?? "";
  return fingerprintOf(system, JSON.stringify(request.tools ?? []));
}

/** A short stable hash of the parts that make an agent itself. */
export function fingerprintOf(...parts: string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest("hex").slice(0, 16);
}
