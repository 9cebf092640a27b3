// Grading: a fresh hardened container with no gateway, holding the pristine workspace, only the
// agent's changes to solution files, and the pristine hidden tests; the test command under a timeout.
import type { EvaluationStatus } from "../../archive/types.ts";
import type { ExecResult, Sandbox, SessionLabels } from "../../sandbox/types.ts";
import { testSeconds } from "../manifest.ts";
import type { ContainerSlots } from "../slots.ts";
import type { Task } from "../task-types.ts";
import { applySolution, type SolutionChanges } from "./changes.ts";
import { parseTestCounts } from "./parse-results.ts";

export const WORKSPACE = "/workspace";
/** How much of the test output is kept for the diagnoser (the tail: failures are summarised last). */
export const OUTPUT_TAIL_CHARS = 8_000;

export interface GradeResult {
  status: EvaluationStatus;
  testsPassed: number;
  testsTotal: number;
  /** Tail of stdout+stderr of the test command. */
  output: string;
  /** Time of the test command alone. */
  durationMs: number;
}

export interface GradeDeps {
  sandbox: Sandbox;
  /** Held while the grading container lives; omit to run unlimited (callers own their limits). */
  slots?: ContainerSlots;
  labels?: Omit<SessionLabels, "purpose">;
  /** Image override (polyglot suites with other toolchains). */
  image?: string;
}

const GRADE_ENV = { PYTHONDONTWRITEBYTECODE: "1", PYTHONHASHSEED: "0", CI: "true", NO_COLOR: "1", FORCE_COLOR: "0" };

function tail(text: string): string {
  return text.length <= OUTPUT_TAIL_CHARS ? text : `…${text.slice(-OUTPUT_TAIL_CHARS)}`;
}

/** Turns one run of the test command into a verdict. */
export function verdictOf(result: ExecResult): GradeResult {
  const output = tail([result.stdout, result.stderr].filter((part) => part !== "").join("\n"));
  const counts = parseTestCounts(`${result.stdout}\n${result.stderr}`);
  const base = { output, durationMs: result.durationMs, testsPassed: counts?.passed ?? 0, testsTotal: counts?.total ?? 0 };
  if (result.status === "timeout") return { ...base, status: "timeout" };
  if (result.status !== "ok") return { ...base, status: "error", output: tail(`[grading: test run ended by ${result.status}]\n${output}`) };
  if (!counts) return { ...base, status: result.exitCode === 0 ? "error" : "failed", output: tail(`[grading: no test summary found]\n${output}`) };
  const allPassed = counts.total > 0 && counts.passed === counts.total;
  if (result.exitCode === 0 && allPassed) return { ...base, status: "passed" };
  if (counts.total === 0) return { ...base, status: "error", output: tail(`[grading: no tests ran]\n${output}`) };
  return { ...base, status: "failed" };
}

/**
 * Grades `changes` (solution file → content, null = deleted; other paths are ignored) `repeat` times
 * in ONE fresh container; the workspace is rewritten before every run so runs cannot leak state.
 */
export async function gradeRepeatedly(task: Task, changes: SolutionChanges, deps: GradeDeps, repeat: number): Promise<GradeResult[]> {
  const work = async (): Promise<GradeResult[]> => {
    const session = await deps.sandbox.startSession({
      labels: { ...deps.labels, task: deps.labels?.task ?? task.qualifiedId, purpose: "grade" },
      image: deps.image,
      env: GRADE_ENV,
    });
    try {
      const files = { ...applySolution(task, changes), ...task.tests };
      const results: GradeResult[] = [];
      for (let run = 0; run < repeat; run++) {
        if (run > 0) await session.exec({ cmd: ["sh", "-c", `rm -rf ${WORKSPACE}/* ${WORKSPACE}/.[!.]*`], timeoutMs: 30_000 });
        await session.writeFiles(WORKSPACE, files);
        const result = await session.exec({ cmd: task.manifest.testCommand, cwd: WORKSPACE, timeoutMs: testSeconds(task.manifest) * 1000 });
        results.push(verdictOf(result));
        if (result.status !== "ok") break;
      }
      return results;
    } finally {
      await session.destroy();
    }
  };
  return deps.slots ? deps.slots.run(work) : work();
}

/** Grades the agent's solution changes once. Used by evaluation and by `tasks check`. */
export async function gradeFiles(task: Task, changes: SolutionChanges, deps: GradeDeps): Promise<GradeResult> {
  const [result] = await gradeRepeatedly(task, changes, deps, 1);
  return result as GradeResult;
}
