// Turning one run of a task's tests into a verdict. A guarded run (our harness: evaluator/grading/harness)
// is judged ONLY by the line `@@dgm-grade <nonce> {json}` carrying this run's nonce, which the harness
// read from stdin before any solution code ran: whatever else the solution prints counts for nothing.
// An unguarded run (a runner we do not wrap, e.g. jest or pytest in polyglot suites) is judged, as
// before, by the summary the runner prints on the output the solution shares.
import { randomBytes } from "node:crypto";
import type { EvaluationStatus, NamedTestResult } from "../../archive/index.ts";
import type { ExecResult } from "../../sandbox/index.ts";
import { parseTestCounts } from "./parse-results.ts";

/** How a result's counts were obtained: by our harness over a nonce-checked line, or from the runner's own output. */
export type GradingChannel = "guarded" | "unguarded";

export interface GradeResult {
  status: EvaluationStatus;
  testsPassed: number;
  testsTotal: number;
  /** Tail of stdout+stderr of the test command (the verdict line replaced by a readable summary). */
  output: string;
  /** Time of the test command alone. */
  durationMs: number;
  /** How the counts were obtained; absent when no test command ran (e.g. in-process grading). */
  channel?: GradingChannel;
  /** Tampering with the test framework seen at run time; a result with any is failed. */
  tamper?: string[];
  /** Why the run failed when its tests alone do not say it: too few tests, no verdict, tampering. */
  reason?: string;
  /** Each test the task names and how it ended (SWE-bench), stored with the result. */
  tests?: NamedTestResult[];
}

export const VERDICT_MARKER = "@@dgm-grade";
/** How much of the test output is kept for the diagnoser (the tail: failures are summarised last). */
export const OUTPUT_TAIL_CHARS = 8_000;

/** What the harness reports on its verdict line. */
export interface HarnessReport {
  runner: string;
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  /** Failures outside any counted test: a crashed test file, a failed fixture, an exception escaping the run. */
  problems: string[];
  tamper: string[];
}

/** A fresh nonce for one run of the tests. */
export function newNonce(): string {
  return randomBytes(16).toString("hex");
}

export function tail(text: string): string {
  return text.length <= OUTPUT_TAIL_CHARS ? text : `…${text.slice(-OUTPUT_TAIL_CHARS)}`;
}

const count = (value: unknown): number =>
  typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : 0;
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];

function parseReport(json: string): HarnessReport | undefined {
  try {
    const raw: unknown = JSON.parse(json);
    if (typeof raw !== "object" || raw === null) return undefined;
    const fields = raw as Record<string, unknown>;
    return {
      runner: typeof fields.runner === "string" ? fields.runner : "?",
      total: count(fields.total),
      passed: count(fields.passed),
      failed: count(fields.failed),
      skipped: count(fields.skipped),
      problems: strings(fields.problems),
      tamper: strings(fields.tamper),
    };
  } catch {
    return undefined;
  }
}

export interface VerdictLines {
  /** Reports on lines carrying this run's nonce (the honest harness prints exactly one). */
  reports: (HarnessReport | undefined)[];
  /** Lines that pose as a verdict without this run's nonce. */
  forged: number;
  /** The output with every verdict line, genuine or not, taken out. */
  rest: string;
}

/** Finds the verdict lines in a run's stdout. */
export function findVerdictLines(stdout: string, nonce: string): VerdictLines {
  const reports: (HarnessReport | undefined)[] = [];
  let forged = 0;
  const rest: string[] = [];
  for (const line of stdout.split("\n")) {
    const text = line.replace(/\r$/, "");
    if (!text.startsWith(VERDICT_MARKER)) {
      rest.push(line);
      continue;
    }
    const match = /^@@dgm-grade ([0-9a-f]+) (.*)$/.exec(text);
    if (match && nonce !== "" && match[1] === nonce) reports.push(parseReport(match[2] ?? ""));
    else forged += 1;
  }
  return { reports, forged, rest: rest.join("\n") };
}

function combine(stdout: string, stderr: string): string {
  return [stdout, stderr].filter((part) => part.trim() !== "").join("\n");
}

/**
 * The verdict on a guarded run: passed only when exactly one genuine verdict line says every counted
 * test passed, the count is the task's expected count (or at least one test when it has none), no
 * failure happened outside the tests, nothing was tampered with, and the command exited with 0.
 */
export function guardedVerdict(execResult: ExecResult, nonce: string, expectedTests: number | undefined): GradeResult {
  // SIGKILL from inside the container (neither our deadline nor the OOM killer, which the sandbox
  // reports as such) is the test process being ended early: judged like any other early exit.
  const result: ExecResult =
    execResult.status === "killed" && execResult.exitCode === 137 ? { ...execResult, status: "ok" } : execResult;
  const lines = findVerdictLines(result.stdout, nonce);
  const report = lines.reports.length === 1 ? lines.reports[0] : undefined;
  const tamper = [...(report?.tamper ?? [])];
  if (lines.forged > 0) tamper.push(`the output held ${lines.forged} line(s) posing as the grader's verdict`);
  if (lines.reports.length > 1) tamper.push(`the grader's verdict line appeared ${lines.reports.length} times`);
  const passed = report?.passed ?? 0;
  const total = report?.total ?? 0;
  const testsTotal = Math.max(total, expectedTests ?? 0);
  const failures: string[] = [];
  if (result.status === "ok" && lines.reports.length === 0) {
    failures.push(
      `no verdict from the grader: the test process ended before reporting (exit code ${result.exitCode ?? "none"}); ` +
        "a solution that exits, crashes or kills the test process early fails",
    );
  } else if (lines.reports.length === 1 && !report) failures.push("the grader's verdict line could not be read");
  if (tamper.length > 0) failures.push(`tampering with the test framework: ${tamper.join("; ")}`);
  if (report) {
    if (expectedTests !== undefined && total < expectedTests)
      failures.push(`ran ${total} of ${expectedTests} expected tests`);
    else if (expectedTests !== undefined && total > expectedTests)
      failures.push(`ran ${total} tests, but the task has exactly ${expectedTests}`);
    else if (total === 0) failures.push("no tests ran");
    failures.push(...report.problems);
    if (report.failed > 0 || passed < total) failures.push(`${total - passed} of ${total} tests failed`);
    else if (result.status === "ok" && result.exitCode !== 0)
      failures.push(`the test command exited with ${result.exitCode}`);
  }
  const summary = report
    ? `${passed}/${testsTotal} tests passed${expectedTests !== undefined ? ` (${expectedTests} expected)` : ""}`
    : "no verdict";
  const reason = failures.join("; ");
  const header = `[grading: guarded ${report?.runner ?? "runner"}: ${summary}${reason ? ` — ${reason}` : ""}]`;
  const output = tail(`${combine(lines.rest, result.stderr)}\n${header}`);
  const base = {
    output,
    durationMs: result.durationMs,
    testsPassed: passed,
    testsTotal,
    channel: "guarded" as const,
    tamper,
  };
  if (result.status === "timeout") return { ...base, status: "timeout", ...(reason ? { reason } : {}) };
  if (result.status !== "ok")
    return {
      ...base,
      status: "error",
      reason: `test run ended by ${result.status}`,
      output: tail(`[grading: test run ended by ${result.status}]\n${output}`),
    };
  if (failures.length > 0) return { ...base, status: "failed", reason };
  return { ...base, status: "passed" };
}

/**
 * The verdict on an unguarded run (a runner the harness does not wrap): the runner's own summary on the
 * output the solution shares, checked against the expected count when the task declares one.
 */
export function verdictOf(result: ExecResult, expectedTests?: number): GradeResult {
  const output = tail(combine(result.stdout, result.stderr));
  const counts = parseTestCounts(`${result.stdout}\n${result.stderr}`);
  const base = {
    output,
    durationMs: result.durationMs,
    testsPassed: counts?.passed ?? 0,
    testsTotal: Math.max(counts?.total ?? 0, expectedTests ?? 0),
    channel: "unguarded" as const,
  };
  if (result.status === "timeout") return { ...base, status: "timeout" };
  if (result.status !== "ok")
    return { ...base, status: "error", output: tail(`[grading: test run ended by ${result.status}]\n${output}`) };
  if (!counts)
    return {
      ...base,
      status: result.exitCode === 0 ? "error" : "failed",
      output: tail(`[grading: no test summary found]\n${output}`),
    };
  if (expectedTests !== undefined && counts.total !== expectedTests) {
    const reason = `ran ${counts.total} tests, the task expects ${expectedTests}`;
    return { ...base, status: "failed", reason, output: tail(`${output}\n[grading: ${reason}]`) };
  }
  const allPassed = counts.total > 0 && counts.passed === counts.total;
  if (result.exitCode === 0 && allPassed) return { ...base, status: "passed" };
  if (counts.total === 0) return { ...base, status: "error", output: tail(`[grading: no tests ran]\n${output}`) };
  return { ...base, status: "failed" };
}
