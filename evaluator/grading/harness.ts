// The grader harness: our scripts in evaluator/grading/harness, read-only in every grading
// container at /opt/dgm-grader, and the rewriting of a task's test command so that they, not the
// runner's own summary on output the solution shares, produce the result.
//
//   node --test <args>             → node --test --import <guard> --test-reporter=<reporter> … <args>
//   python3 -m unittest <args>     → python3 /opt/dgm-grader/unittest_runner.py <args>
//
// Any other command (jest, pytest, a shell script) runs unchanged and is graded from its own output,
// marked "unguarded".
import { fileURLToPath } from "node:url";
import type { ReadOnlyTree } from "../../sandbox/index.ts";
import type { Task } from "../task-types.ts";

export const HARNESS_ROOT = "/opt/dgm-grader";
const hostDir = fileURLToPath(new URL("./harness/", import.meta.url));

export type GuardedRunner = "node-test" | "unittest";

export interface GuardedCommand {
  runner: GuardedRunner;
  cmd: string[];
}

/** Our harness scripts as a read-only tree (they hold nothing secret; the nonce comes over stdin). */
export function harnessTree(): ReadOnlyTree {
  return { name: "grader", containerPath: HARNESS_ROOT, sources: [{ hostPath: hostDir, path: "" }] };
}

/** Reporter options a task may give are replaced by ours (the reporter is the only source of counts). */
function withoutReporterOptions(args: string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? "";
    if (arg === "--test-reporter" || arg === "--test-reporter-destination") index += 1;
    else if (!arg.startsWith("--test-reporter=") && !arg.startsWith("--test-reporter-destination=")) kept.push(arg);
  }
  return kept;
}

/** The guarded form of a test command, or undefined when the harness does not wrap its runner. */
export function guardCommand(command: readonly string[]): GuardedCommand | undefined {
  const [program, first, second, ...rest] = command;
  if (program === "node" && first === "--test") {
    const args = withoutReporterOptions([second, ...rest].filter((arg): arg is string => arg !== undefined));
    return {
      runner: "node-test",
      cmd: [
        "node",
        "--test",
        `--import=${HARNESS_ROOT}/node-guard.mjs`,
        `--test-reporter=${HARNESS_ROOT}/node-reporter.mjs`,
        "--test-reporter-destination=stdout",
        ...args,
      ],
    };
  }
  if ((program === "python3" || program === "python") && first === "-m" && second === "unittest") {
    return { runner: "unittest", cmd: [program, `${HARNESS_ROOT}/unittest_runner.py`, ...rest] };
  }
  return undefined;
}

/** What the harness is told about the task (nothing secret): where a counted test may be defined. */
export function harnessEnv(task: Task): Record<string, string> {
  return { DGM_GRADER: JSON.stringify({ testFiles: task.manifest.testFiles }) };
}
