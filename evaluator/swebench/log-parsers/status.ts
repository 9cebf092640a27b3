// The statuses SWE-bench's parsers give a test, and the text helpers every parser shares. The parsers
// read output of code an agent wrote, so the helpers are linear in the input and never throw.

export type TestStatus = "PASSED" | "FAILED" | "SKIPPED" | "ERROR" | "XFAIL";

export type LogParser = (log: string) => Map<string, TestStatus>;

/** In the order SWE-bench's TestStatus enum lists them (the order does not matter to any parser). */
export const TEST_STATUSES: readonly TestStatus[] = ["FAILED", "PASSED", "SKIPPED", "ERROR", "XFAIL"];

/**
 * Lines longer than this are skipped: no runner prints a test name this long, and a line an agent's
 * code wrote can be megabytes, which every per-line split and search would then walk again.
 */
export const MAX_LINE_CHARS = 10_000;

/** Python's str.isspace() characters: what `str.split()` and `str.strip()` cut on (and `\s` in re). */
const PY_SPACE = "\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const PY_SPACE_RUN = new RegExp(`[${PY_SPACE}]+`);
const PY_EDGE_SPACE = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, "g");
const PY_SPACE_CHAR = new RegExp(`^[${PY_SPACE}]$`);

/** Python's `text.split()`: the words between runs of whitespace, none empty. */
export function pySplit(text: string): string[] {
  return text.split(PY_SPACE_RUN).filter((word) => word !== "");
}

/** Python's `text.strip()`. */
export function pyStrip(text: string): string {
  return text.replace(PY_EDGE_SPACE, "");
}

/** Whether one character is Python whitespace (what `\s` matches in the parsers' patterns). */
export function isPySpace(char: string | undefined): boolean {
  return char !== undefined && PY_SPACE_CHAR.test(char);
}

/** The log's lines as Python's `log.split("\n")` gives them, minus the lines too long to be a test. */
export function logLines(log: string): string[] {
  return log.split("\n").filter((line) => line.length <= MAX_LINE_CHARS);
}

export function isTestStatus(word: string | undefined): word is TestStatus {
  return word !== undefined && (TEST_STATUSES as readonly string[]).includes(word);
}

export function startsWithStatus(line: string): boolean {
  return TEST_STATUSES.some((status) => line.startsWith(status));
}

export function endsWithStatus(line: string): boolean {
  return TEST_STATUSES.some((status) => line.endsWith(status));
}

/**
 * pytest's `SKIPPED [2] tests/a.py:10: reason` summary line, where `[2]` is a count and not a test
 * (SWE-bench skips it since its fix #598; a bare `PASSED [100%]` is still read as a test, because two
 * pytest instances' PASS_TO_PASS lists name "[100%]").
 */
export function isSkipSummary(status: string, name: string): boolean {
  return status === "SKIPPED" && /^\[\d+\]$/.test(name);
}

/**
 * Records a status word as the published parsers do, with one deliberate difference: a word that is
 * not exactly a status (`PASSEDx`, from a line that merely starts with one) is not recorded. The
 * published parsers store it, and grading then counts that test as neither passed nor failed, like a
 * skip; here the line is ignored (the test keeps what an earlier line said, or counts as missing), so
 * garbled output cannot excuse a test.
 */
export function record(statuses: Map<string, TestStatus>, name: string, status: string): void {
  if (isTestStatus(status)) statuses.set(name, status);
}
