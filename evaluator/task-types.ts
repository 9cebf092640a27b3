// The task format. A task is a directory:
//
//   <task>/task.json      the manifest (TaskManifest below)
//   <task>/workspace/     what the agent sees: stubs, project files, visible docs (never the hidden tests)
//   <task>/tests/         hidden test files, paths relative to the workspace root they are copied into at grading
//   <task>/reference/     reference versions of the solution files, paths relative to the workspace root
//
// The instructions live in the manifest's `instructions` file (relative to the task directory).

import type { SandboxLanguage } from "../sandbox/index.ts";
import type { SwebenchInstance } from "./swebench/instances.ts";

/** A task runs in its language's sandbox image (javascript and python: the base image). */
export type TaskLanguage = SandboxLanguage;
export type TaskKind = "function" | "repository";
export type TaskDifficulty = "easy" | "medium" | "hard";

export interface TaskManifest {
  id: string;
  language: TaskLanguage;
  kind: TaskKind;
  title: string;
  difficulty: TaskDifficulty;
  /** Path of the instructions file relative to the task directory (e.g. "instructions.md"). */
  instructions: string;
  /** Files (relative to the workspace root) the agent may edit; only changes to these are graded. */
  solutionFiles: string[];
  /** Hidden test files (relative to the workspace root), stored under tests/. */
  testFiles: string[];
  /** argv run in the workspace root at grading, e.g. ["node", "--test", "test/"] or ["python3", "-m", "unittest", "-v"]. */
  testCommand: string[];
  /**
   * How many tests the hidden tests hold (what the reference runs, skipped tests not counted). Grading
   * fails a run that reports any other number, so a solution cannot pass by stopping the tests early.
   * `dgm tasks check` says the number when it is missing or wrong.
   */
  expectedTests?: number;
  limits?: {
    /** Agent wall time in seconds (default 300). */
    agentSeconds?: number;
    /** Test command timeout in seconds (default 60). */
    testSeconds?: number;
  };
}

/** A loaded, validated task with its files in memory (they are small). */
export interface Task {
  manifest: TaskManifest;
  /** Absolute directory the task was loaded from. */
  dir: string;
  /** Suite-qualified id, e.g. "builtin:js-fizzbuzz" or "polyglot:python/bowling". */
  qualifiedId: string;
  instructions: string;
  /** Workspace files, path → content. */
  workspace: Record<string, Buffer>;
  tests: Record<string, Buffer>;
  reference: Record<string, Buffer>;
  /** sha256 over manifest + all files: part of the evaluation cache key. */
  contentHash: string;
  /**
   * Set for a task whose repository lives in an environment image of its own (a SWE-bench instance):
   * its workspace, tests and reference are empty, and it is solved and graded in that image.
   */
  environment?: TaskEnvironment;
}

/** Where an environment task's repository and toolchain are, and what grades it. */
export interface TaskEnvironment {
  /** The image holding the repository (at /testbed) and its ready environment. */
  image: string;
  instance: SwebenchInstance;
}

/** A task that did not load, reported beside the ones that did. */
export interface TaskProblem {
  /** The task's name: a built-in task's directory, a polyglot exercise's id. */
  name: string;
  message: string;
}
