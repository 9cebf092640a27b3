// Counting passed/total tests from the output of the runners tasks use: node --test (TAP and spec
// reporters), unittest, jest, pytest, and the polyglot languages' runners (go test -json, cargo test,
// JUnit's console launcher, Catch). Returns undefined when no known summary is present.
export interface TestCounts {
  passed: number;
  total: number;
}

const number = (match: RegExpMatchArray | null | undefined, group = 1): number => Number(match?.[group] ?? 0);

function lastMatch(text: string, pattern: RegExp): RegExpMatchArray | undefined {
  const matches = [...text.matchAll(new RegExp(pattern.source, `${pattern.flags.replace("g", "")}g`))];
  return matches.at(-1);
}

/** node --test: "# tests 5 / # pass 4" (TAP) or "ℹ tests 5 / ℹ pass 4" (spec). */
function parseNodeTest(text: string): TestCounts | undefined {
  const tests = lastMatch(text, /^[#ℹ] tests (\d+)$/m);
  const pass = lastMatch(text, /^[#ℹ] pass (\d+)$/m);
  if (!tests || !pass) return undefined;
  const todo = number(lastMatch(text, /^[#ℹ] todo (\d+)$/m));
  const skipped = number(lastMatch(text, /^[#ℹ] skipped (\d+)$/m));
  return { passed: number(pass), total: number(tests) - todo - skipped };
}

/** jest: "Tests:       1 failed, 4 passed, 5 total". */
function parseJest(text: string): TestCounts | undefined {
  const line = lastMatch(text, /^Tests:\s+(.*\d+ total)\s*$/m)?.[1];
  if (!line) return undefined;
  const passed = number(line.match(/(\d+) passed/));
  const skipped = number(line.match(/(\d+) skipped/)) + number(line.match(/(\d+) todo/));
  return { passed, total: number(line.match(/(\d+) total/)) - skipped };
}

/** pytest: "===== 1 failed, 4 passed in 0.12s =====" (also "1 error", "no tests ran"). */
function parsePytest(text: string): TestCounts | undefined {
  const line = lastMatch(text, /^=+ (.*\bin [\d.]+s.*) =+\s*$/m)?.[1];
  if (!line || !/passed|failed|error|no tests ran|skipped/.test(line)) return undefined;
  const passed = number(line.match(/(\d+) passed/));
  const failed = number(line.match(/(\d+) failed/));
  const errors = number(line.match(/(\d+) errors?/));
  return { passed, total: passed + failed + errors };
}

/** unittest: "Ran 5 tests in 0.001s" then "OK" or "FAILED (failures=1, errors=1, skipped=1)". */
function parseUnittest(text: string): TestCounts | undefined {
  const ran = lastMatch(text, /^Ran (\d+) tests? in [\d.]+s$/m);
  if (!ran) return undefined;
  const after = text.slice((ran.index ?? 0) + ran[0].length);
  const verdict = after.match(/^(OK|FAILED)(?: \((.*)\))?\s*$/m);
  const details = verdict?.[2] ?? "";
  const failures = number(details.match(/failures=(\d+)/));
  const errors = number(details.match(/errors=(\d+)/));
  const skipped = number(details.match(/skipped=(\d+)/));
  const unexpected = number(details.match(/unexpected successes=(\d+)/));
  const total = number(ran) - skipped;
  if (!verdict) return { passed: 0, total };
  return { passed: Math.max(0, total - failures - errors - unexpected), total };
}

/**
 * go test -json: one JSON event per line; a test's last "pass"/"fail"/"skip" is its result. Only leaf
 * tests count (a parent with subtests passes when they all do), skipped ones not at all.
 */
function parseGoTestJson(text: string): TestCounts | undefined {
  const results = new Map<string, string>();
  for (const line of text.split("\n")) {
    if (!line.startsWith("{")) continue;
    try {
      const event: unknown = JSON.parse(line);
      if (typeof event !== "object" || event === null) continue;
      const { Action: action, Test: test } = event as { Action?: unknown; Test?: unknown };
      if (typeof test === "string" && (action === "pass" || action === "fail" || action === "skip"))
        results.set(`${(event as { Package?: unknown }).Package ?? ""} ${test}`, action);
    } catch {
      // Not an event: compiler output or a line the code under test printed.
    }
  }
  if (results.size === 0) return undefined;
  // Every name that has a subtest, found from the subtests' own names: one pass, however many events the
  // (hostile, up to the output cap) test output holds.
  const parents = new Set<string>();
  for (const name of results.keys()) {
    for (let slash = name.indexOf("/"); slash !== -1; slash = name.indexOf("/", slash + 1))
      parents.add(name.slice(0, slash));
  }
  const counted = [...results.keys()].filter((name) => !parents.has(name) && results.get(name) !== "skip");
  return { passed: counted.filter((name) => results.get(name) === "pass").length, total: counted.length };
}

/** cargo test: one "test result: ok. 3 passed; 1 failed; 0 ignored; …" per test binary, summed. */
function parseCargo(text: string): TestCounts | undefined {
  const lines = [...text.matchAll(/^test result: \w+\. (\d+) passed; (\d+) failed;/gm)];
  if (lines.length === 0) return undefined;
  const passed = lines.reduce((sum, line) => sum + number(line, 1), 0);
  const failed = lines.reduce((sum, line) => sum + number(line, 2), 0);
  return { passed, total: passed + failed };
}

/** JUnit's console launcher: "[ 10 tests successful ]", "[ 2 tests failed ]", "[ 1 tests aborted ]". */
function parseJunitConsole(text: string): TestCounts | undefined {
  const field = (name: string) => lastMatch(text, new RegExp(`^\\[\\s*(\\d+) tests ${name}\\s*\\]`, "m"));
  const successful = field("successful");
  const failed = field("failed");
  if (!successful || !failed) return undefined;
  const aborted = number(field("aborted"));
  return { passed: number(successful), total: number(successful) + number(failed) + aborted };
}

/** Catch (C++): "All tests passed (12 assertions in 5 test cases)" or "test cases: 5 | 4 passed | 1 failed". */
function parseCatch(text: string): TestCounts | undefined {
  const allPassed = lastMatch(text, /^All tests passed \(\d+ assertions? in (\d+) test cases?\)/m);
  if (allPassed) return { passed: number(allPassed), total: number(allPassed) };
  const summary = lastMatch(text, /^test cases:\s*(\d+) \|(.*)$/m);
  if (!summary) return undefined;
  return { passed: number(summary[2]?.match(/(\d+) passed/)), total: number(summary) };
}

/** Colour codes (ESC [ … m) some runners print even without a terminal. */
const ANSI_COLOR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

/** Tries every known format; the most specific markers first so one runner's output is not misread. */
export function parseTestCounts(output: string): TestCounts | undefined {
  const text = output.replace(/\r\n/g, "\n").replace(ANSI_COLOR, "");
  return (
    parseJest(text) ??
    parsePytest(text) ??
    parseGoTestJson(text) ??
    parseCargo(text) ??
    parseJunitConsole(text) ??
    parseCatch(text) ??
    parseNodeTest(text) ??
    parseUnittest(text)
  );
}
