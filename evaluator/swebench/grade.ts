// Grading a SWE-bench instance: a fresh container of its image with a fresh copy of its repository,
// the grading script (eval-script.ts) over the agent's patch and the instance's test patch, the test
// log parsed with the repository's parser, and the published rule: resolved exactly when every
// FAIL_TO_PASS test passes and every PASS_TO_PASS test still passes. Each named test's status is kept.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_LIMITS, type ExecResult, readTextInside, type SandboxSession } from "../../sandbox/index.ts";
import { GRADE_ENV, type GradeDeps } from "../grading/grade.ts";
import { type GradeResult, newNonce, tail } from "../grading/verdict.ts";
import { testSeconds } from "../manifest.ts";
import type { Task, TaskEnvironment } from "../task-types.ts";
import { testDirectives } from "./directives.ts";
import { evalScript, GRADE_DIR, LOG_DIR, type ScriptOutcome, scriptOutcome, TEST_LOG } from "./eval-script.ts";
import { logParser } from "./log-parsers/index.ts";
import { commitBase, ENVIRONMENT_PATH, REPO_DIR, repositoryDir, repositoryEnv } from "./repository.ts";
import { resolve, summarizeResolution } from "./resolution.ts";
import { type RepoSpec, repoSpec } from "./specs.ts";
import { filesResetBeforeTests, gitDataFiles } from "./test-integrity.ts";

/** The test log is read back whole (a verbose Django run is a few MiB), up to this. */
const MAX_LOG_BYTES = 64 * 1024 * 1024;
const LOG_COPY_POLICY = { symlinks: "refuse" as const, maxBytes: MAX_LOG_BYTES, maxEntries: 16 };
export const GRADING_PATH = `${ENVIRONMENT_PATH}:/usr/local/bin:/usr/bin:/bin`;

/** The environment task being graded: a task with its environment. */
export type EnvironmentTask = Task & { environment: TaskEnvironment };

function result(status: GradeResult["status"], output: string, total: number, extra: Partial<GradeResult> = {}) {
  return { status, testsPassed: 0, testsTotal: total, output, durationMs: 0, channel: "unguarded", ...extra } as const;
}

/** Reads the test log the script left (copied out under caps; the solution's code wrote into it). */
async function readTestLog(session: SandboxSession): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "dgm-swebench-log-"));
  try {
    await session.copyOut(LOG_DIR, dir, LOG_COPY_POLICY);
    return await readTextInside(dir, TEST_LOG, MAX_LOG_BYTES);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** What judging a run needs besides its outcome: the task, its spec and how many tests it names. */
interface Judging {
  task: EnvironmentTask;
  spec: RepoSpec;
  total: number;
}

/** Turns the script's outcome and the test log into a grade. */
async function judge(
  { task, spec, total }: Judging,
  run: ExecResult,
  outcome: ScriptOutcome,
  session: SandboxSession,
): Promise<GradeResult> {
  const { instance } = task.environment;
  if (outcome.kind === "apply-failed")
    return result("failed", `the agent's patch does not apply to the repository:\n${outcome.detail}`, total, {
      reason: "the patch does not apply",
    });
  if (outcome.kind === "test-patch-failed")
    return result(
      "error",
      `the instance's test patch does not apply at its base: the instance or its image is wrong (check \`dgm tasks check\`):\n${outcome.detail}`,
      total,
    );
  if (outcome.kind === "incomplete") {
    const status = run.status === "timeout" ? "timeout" : run.status === "oom" ? "failed" : "error";
    return result(status, `grading did not finish (${run.status}, exit ${run.exitCode}):\n${outcome.detail}`, total, {
      durationMs: run.durationMs,
    });
  }
  const log = await readTestLog(session);
  const statuses = logParser(spec.parser)(log);
  const resolution = resolve(statuses, instance.failToPass, instance.passToPass);
  const timedOut = outcome.exitCode === 124 || outcome.exitCode === 137;
  const passed = resolution.failToPass.passed + resolution.passToPass.passed;
  const summary = `${resolution.resolved ? "resolved" : "not resolved"}: ${summarizeResolution(resolution)}${timedOut ? ` (the tests ran past ${testSeconds(task.manifest)} s and were stopped)` : ""}`;
  return {
    status: resolution.resolved ? "passed" : timedOut ? "timeout" : "failed",
    testsPassed: passed,
    testsTotal: total,
    // The summary last: the diagnoser reads the output's tail.
    output: `${tail(log)}\n\n${summary}`,
    durationMs: run.durationMs,
    channel: "unguarded",
    tests: resolution.tests.map(({ name, expected, status, passed }) => ({ name, expected, status, passed })),
    ...(resolution.resolved ? {} : { reason: summary }),
  };
}

/** Grades the agent's patch (a git diff of /testbed from its base) on the instance's hidden tests. */
export async function gradeInstance(task: EnvironmentTask, patch: string, deps: GradeDeps): Promise<GradeResult> {
  const { instance, image } = task.environment;
  const spec = repoSpec(instance.repo, instance.version);
  const seconds = testSeconds(task.manifest);
  const total = instance.failToPass.length + instance.passToPass.length;
  const intoGit = gitDataFiles(patch);
  if (intoGit.length > 0)
    return result("failed", `the agent's patch writes into git's own data (${intoGit.join(", ")}): refused`, total, {
      reason: "the patch writes into .git",
    });
  const work = async (): Promise<GradeResult> => {
    const session = await deps.sandbox.startSession({
      labels: { ...deps.labels, task: deps.labels?.task ?? task.qualifiedId, purpose: "grade" },
      image,
      env: { ...GRADE_ENV, ...repositoryEnv(spec), PATH: GRADING_PATH },
      imageDirs: [repositoryDir(DEFAULT_LIMITS.workspaceBytes)],
    });
    try {
      const base = await commitBase(session);
      await session.writeFiles(GRADE_DIR, { "agent.patch": patch, "test.patch": instance.testPatch });
      const nonce = newNonce();
      const script = evalScript({
        spec,
        base,
        resetFiles: filesResetBeforeTests(instance, patch),
        directives: testDirectives(instance.repo, instance.testPatch),
        testSeconds: seconds,
      });
      const run = await session.exec({
        cmd: ["bash", "-c", script],
        cwd: REPO_DIR,
        stdin: `${nonce}\n`,
        timeoutMs: (seconds + 300) * 1000,
        maxOutputBytes: 256 * 1024,
      });
      return await judge({ task, spec, total }, run, scriptOutcome(run.stdout, nonce), session);
    } finally {
      await session.destroy();
    }
  };
  return deps.slots ? deps.slots.run(work) : work();
}
