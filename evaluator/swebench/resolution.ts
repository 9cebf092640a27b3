// Whether an instance is resolved, by SWE-bench's rule (grading.py at df7b6b6): a listed test passed
// when its status is PASSED or XFAIL, failed when it is FAILED, ERROR or missing from the log; a
// SKIPPED test is neither and is left out of the count. Resolved exactly when no FAIL_TO_PASS and no
// PASS_TO_PASS test failed — the harness's "FULL" status, where both pass rates are 1 and an empty
// (or all-skipped) list counts as rate 1.
import type { TestStatus } from "./log-parsers/index.ts";

export interface TestOutcome {
  name: string;
  expected: "FAIL_TO_PASS" | "PASS_TO_PASS";
  status: TestStatus | "MISSING";
  /** PASSED or XFAIL. A SKIPPED test has neither `passed` nor `failed`. */
  passed: boolean;
  /** FAILED, ERROR or MISSING: what keeps an instance from being resolved. */
  failed: boolean;
}

export interface PassCount {
  passed: number;
  /** Every listed test, skipped ones included. */
  total: number;
  /** Listed tests that were skipped, which count as neither passed nor failed. */
  skipped: number;
}

export interface Resolution {
  resolved: boolean;
  tests: TestOutcome[];
  failToPass: PassCount;
  passToPass: PassCount;
}

function outcome(name: string, expected: TestOutcome["expected"], statuses: Map<string, TestStatus>): TestOutcome {
  const status = statuses.get(name) ?? "MISSING";
  const passed = status === "PASSED" || status === "XFAIL";
  return { name, expected, status, passed, failed: !passed && status !== "SKIPPED" };
}

function count(outcomes: TestOutcome[]): PassCount {
  return {
    passed: outcomes.filter((test) => test.passed).length,
    total: outcomes.length,
    skipped: outcomes.filter((test) => test.status === "SKIPPED").length,
  };
}

export function resolve(statuses: Map<string, TestStatus>, failToPass: string[], passToPass: string[]): Resolution {
  const f2p = failToPass.map((name) => outcome(name, "FAIL_TO_PASS", statuses));
  const p2p = passToPass.map((name) => outcome(name, "PASS_TO_PASS", statuses));
  const tests = [...f2p, ...p2p];
  return { resolved: !tests.some((test) => test.failed), tests, failToPass: count(f2p), passToPass: count(p2p) };
}

/** How many failing tests a summary names before it only counts the rest. */
const MAX_NAMED_FAILURES = 20;
/** Dataset names can be long (parametrized ids, Django docstrings); a summary line stays readable. */
const MAX_NAME_CHARS = 200;

const shortName = (name: string): string =>
  name.length > MAX_NAME_CHARS ? `${name.slice(0, MAX_NAME_CHARS - 1)}…` : name;

function listSummary(label: string, counts: PassCount, failures: TestOutcome[], room: number): string {
  const skipped = counts.skipped > 0 ? `, ${counts.skipped} skipped` : "";
  if (failures.length === 0) return `${label} ${counts.passed}/${counts.total} passed${skipped}`;
  const named = failures.slice(0, room).map((test) => `${shortName(test.name)} ${test.status}`);
  const more =
    failures.length > named.length ? `${named.length > 0 ? ", " : ""}${failures.length - named.length} more` : "";
  return `${label} ${counts.passed}/${counts.total} passed${skipped} (failed: ${named.join(", ")}${more})`;
}

/**
 * One line for a person or the diagnoser, e.g.
 * "FAIL_TO_PASS 1/2 passed (failed: test_a FAILED); PASS_TO_PASS 10/10 passed",
 * naming at most 20 failing tests across both lists.
 */
export function summarizeResolution(resolution: Resolution): string {
  const f2pFailures = resolution.tests.filter((test) => test.expected === "FAIL_TO_PASS" && test.failed);
  const p2pFailures = resolution.tests.filter((test) => test.expected === "PASS_TO_PASS" && test.failed);
  const p2pRoom = Math.max(0, MAX_NAMED_FAILURES - f2pFailures.length);
  return [
    listSummary("FAIL_TO_PASS", resolution.failToPass, f2pFailures, MAX_NAMED_FAILURES),
    listSummary("PASS_TO_PASS", resolution.passToPass, p2pFailures, p2pRoom),
  ].join("; ");
}
