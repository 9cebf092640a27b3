// The baseline grading benchmarks compare with: a task's test command in a bare `docker run --rm`, on
// the graded workspace (pristine files, the reference's solution, the hidden tests) bind-mounted.
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { execa, execaSync } from "execa";
import { applySolution, type Task } from "../evaluator/index.ts";
import { DEFAULT_LIMITS } from "../sandbox/index.ts";

/** Writes the workspace grading would see for the reference into `dir` (writable by the container's user). */
export function writeGradedWorkspace(task: Task, dir: string): string {
  const files = { ...applySolution(task, task.reference), ...task.tests };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  // Build tools write next to the sources (cargo's lock file): any uid may.
  execaSync("chmod", ["-R", "a+rwX", dir]);
  chmodSync(dir, 0o777);
  return dir;
}

export interface BareRunOptions {
  image: string;
  /** Under the sandbox's CPU and memory limits too: what the harness itself adds is then the difference. */
  limited?: boolean;
}

/** Runs the task's test command on `dir` in a bare container as uid 1000, without a network. */
export function bareTestRun(task: Task, dir: string, options: BareRunOptions) {
  const limits = options.limited
    ? ["--cpus", String(DEFAULT_LIMITS.nanoCpus / 1e9), "--memory", String(DEFAULT_LIMITS.memoryBytes)]
    : [];
  return execa(
    "docker",
    [
      ...["run", "--rm", "--network", "none", "-u", "1000:1000", "-v", `${dir}:/workspace`, "-w", "/workspace"],
      ...limits,
      ...[options.image, ...task.manifest.testCommand],
    ],
    { reject: false },
  );
}
