// Grading: a fresh hardened container with no gateway, holding the pristine workspace, only the
// agent's changes to solution files, and the pristine hidden tests; the test command under a timeout.
// Runners the harness wraps (node --test, unittest) report through it and are judged by its verdict
// line alone (see verdict.ts and harness.ts); others are judged by their own output, marked unguarded.
import {
  type ExecResult,
  languageImageTag,
  type Sandbox,
  type SandboxSession,
  type SessionLabels,
} from "../../sandbox/index.ts";
import { testSeconds } from "../manifest.ts";
import type { ContainerSlots } from "../slots.ts";
import type { Task } from "../task-types.ts";
import { applySolution, type SolutionChanges } from "./changes.ts";
import { guardCommand, harnessEnv, harnessTree } from "./harness.ts";
import { type GradeResult, guardedVerdict, newNonce, OUTPUT_TAIL_CHARS, verdictOf } from "./verdict.ts";

export type { GradeResult } from "./verdict.ts";
export const WORKSPACE = "/workspace";

export interface GradeDeps {
  sandbox: Sandbox;
  /** Held while the grading container lives; omit to run unlimited (callers own their limits). */
  slots?: ContainerSlots;
  labels?: Omit<SessionLabels, "purpose">;
  /** Image override; by default the task's language image. */
  image?: string;
}

export const GRADE_ENV = {
  PYTHONDONTWRITEBYTECODE: "1",
  PYTHONHASHSEED: "0",
  CI: "true",
  NO_COLOR: "1",
  FORCE_COLOR: "0",
};

/** How one task's test command is run and judged. */
interface GradingPlan {
  cmd: string[];
  env: Record<string, string>;
  /** The harness reads a nonce from stdin; unguarded commands get no stdin, as they always did. */
  takesNonce: boolean;
  judge: (result: ExecResult, nonce: string) => GradeResult;
}

function planOf(task: Task): GradingPlan {
  const expected = task.manifest.expectedTests;
  const guarded = guardCommand(task.manifest.testCommand);
  if (!guarded)
    return {
      cmd: task.manifest.testCommand,
      env: {},
      takesNonce: false,
      judge: (result) => verdictOf(result, expected),
    };
  return {
    cmd: guarded.cmd,
    env: harnessEnv(task),
    takesNonce: true,
    judge: (result, nonce) => guardedVerdict(result, nonce, expected),
  };
}

/** Per-run output kept by the repeat loop: enough for any runner's summary, small enough for 20 runs. */
const REPEAT_TAIL_BYTES = 24_000;
const RUN_MARKER = "@@dgm-run-end";

function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, "'\\''")}'`;
}

/**
 * The repeat loop as one shell script: restore the pristine workspace, run the test command under
 * `timeout`, print the tail of its output and a marker line with the exit code. One exec for all runs
 * keeps the per-run overhead to the test command itself. Each run's nonce comes from the loop's stdin
 * (read before the first run) and is piped into that run alone, never written to a file or an argv.
 */
function repeatScript(task: Task, plan: GradingPlan, repeat: number): string {
  const command = plan.cmd.map(shellQuote).join(" ");
  const feed = plan.takesNonce ? `printf '%s\\n' "\${nonces[$((run - 1))]}" | ` : "";
  const input = plan.takesNonce ? "" : " < /dev/null";
  return [
    "set -u",
    "mapfile -t nonces",
    `snapshot=$(mktemp -d /tmp/dgm-pristine.XXXXXX)`,
    `cp -a ${WORKSPACE}/. "$snapshot"/`,
    `for run in $(seq 1 ${repeat}); do`,
    `  if [ "$run" -gt 1 ]; then find ${WORKSPACE} -mindepth 1 -delete; cp -a "$snapshot"/. ${WORKSPACE}/; fi`,
    `  start=$(date +%s%N)`,
    `  ${feed}timeout -k 2 ${testSeconds(task.manifest)} ${command}${input} > /tmp/dgm-run.out 2>&1; code=$?`,
    `  end=$(date +%s%N)`,
    `  tail -c ${REPEAT_TAIL_BYTES} /tmp/dgm-run.out`,
    `  echo; echo "${RUN_MARKER} $run exit=$code ms=$(( (end - start) / 1000000 ))"`,
    `  if [ "$code" -eq 124 ] || [ "$code" -eq 137 ]; then break; fi`,
    "done",
  ].join("\n");
}

/** Splits the loop's stdout into one ExecResult per run. */
function splitRuns(stdout: string): ExecResult[] {
  const runs: ExecResult[] = [];
  const pattern = new RegExp(`^${RUN_MARKER} \\d+ exit=(\\d+) ms=(\\d+)$`, "gm");
  let from = 0;
  for (const match of stdout.matchAll(pattern)) {
    const code = Number(match[1]);
    const timedOut = code === 124 || code === 137;
    runs.push({
      status: timedOut ? "timeout" : "ok",
      exitCode: timedOut ? null : code,
      stdout: stdout.slice(from, match.index).trimEnd(),
      stderr: "",
      droppedBytes: 0,
      durationMs: Number(match[2]),
    });
    from = (match.index ?? 0) + match[0].length + 1;
  }
  return runs;
}

/** One grading pass in a shared container: these solution changes, graded `repeat` times in a row. */
export interface GradingPass {
  changes: SolutionChanges;
  repeat: number;
}

/**
 * Runs one pass in a live grading session with an empty workspace: writes the pristine workspace
 * with the solution changes and the hidden tests, and runs the test command. Several runs share one
 * exec, each on a pristine copy of that workspace.
 */
async function gradePass(session: SandboxSession, task: Task, pass: GradingPass): Promise<GradeResult[]> {
  const timeoutMs = testSeconds(task.manifest) * 1000;
  const plan = planOf(task);
  await session.writeFiles(WORKSPACE, { ...applySolution(task, pass.changes), ...task.tests });
  const nonces = Array.from({ length: Math.max(1, pass.repeat) }, newNonce);
  const stdin = `${nonces.join("\n")}\n`;
  if (pass.repeat <= 1) {
    const run = await session.exec({
      cmd: plan.cmd,
      cwd: WORKSPACE,
      env: plan.env,
      ...(plan.takesNonce ? { stdin } : {}),
      timeoutMs,
    });
    return [plan.judge(run, nonces[0] ?? "")];
  }
  const loop = await session.exec({
    cmd: ["bash", "-c", repeatScript(task, plan, pass.repeat)],
    cwd: WORKSPACE,
    env: plan.env,
    stdin,
    timeoutMs: pass.repeat * (timeoutMs + 5_000),
    maxOutputBytes: (pass.repeat + 1) * (REPEAT_TAIL_BYTES + 200),
  });
  const runs = splitRuns(loop.stdout).map((run, index) => plan.judge(run, nonces[index] ?? ""));
  if (loop.status !== "ok") runs.push(plan.judge({ ...loop, stdout: loop.stdout.slice(-OUTPUT_TAIL_CHARS) }, ""));
  return runs;
}

/**
 * Grades several passes (e.g. the untouched stub, then the reference 20 times) in ONE fresh
 * container, one pass after the other: a container start is most of a small task's grading time.
 * Returns one list of results per pass; a pass's list stops early at a run that times out.
 */
export async function gradePasses(task: Task, passes: GradingPass[], deps: GradeDeps): Promise<GradeResult[][]> {
  const work = async (): Promise<GradeResult[][]> => {
    const session = await deps.sandbox.startSession({
      labels: { ...deps.labels, task: deps.labels?.task ?? task.qualifiedId, purpose: "grade" },
      image: deps.image ?? languageImageTag(task.manifest.language),
      env: GRADE_ENV,
      trees: [harnessTree()],
    });
    try {
      const results: GradeResult[][] = [];
      for (const [index, pass] of passes.entries()) {
        // A pass never sees what an earlier one left behind (caches, build output, changed files): build
        // tools keep theirs in /tmp (cargo's target, go's cache), and cargo would reuse the stub's build
        // for the reference, whose files carry the same timestamps.
        if (index > 0)
          await session.exec({ cmd: ["find", WORKSPACE, "/tmp", "-mindepth", "1", "-delete"], timeoutMs: 30_000 });
        results.push(await gradePass(session, task, pass));
      }
      return results;
    } finally {
      await session.destroy();
    }
  };
  return deps.slots ? deps.slots.run(work) : work();
}

/**
 * Grades the agent's solution changes (solution file → content, null = deleted; other paths are
 * ignored) once, in a fresh container. Used by evaluation.
 */
export async function gradeFiles(task: Task, changes: SolutionChanges, deps: GradeDeps): Promise<GradeResult> {
  const [[result] = []] = await gradePasses(task, [{ changes, repeat: 1 }], deps);
  if (!result) throw new Error(`grading ${task.qualifiedId} produced no result`);
  return result;
}
