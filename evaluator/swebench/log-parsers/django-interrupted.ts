// Django tests whose `... ok` was split from their name by output printed in between, which
// SWE-bench's django parser recognises in three shapes (matched on the whole log, not line by line):
//   name ... Testing against Django installed in '/testbed/django' ...(any lines)... silenced).
//   ok
//   name ... Internal Server Error: /some/path/
//   ok
//   name ... System check identified no issues (0 silenced)
//   ok
// The published patterns are regular expressions whose first one spans any number of lines lazily;
// here each shape is found by index, in one pass, so a hostile log cannot make the search quadratic.
// One simplification: the whitespace around `...` must be on the test's own line (the pattern's `\s`
// could also be the line break itself, which no runner prints).
import { isPySpace, MAX_LINE_CHARS } from "./status.ts";

const TESTING_AGAINST = "Testing against Django installed in ";
const SILENCED_END = " silenced).";
const SERVER_ERROR = "Internal Server Error: ";
const NO_ISSUES = "System check identified no issues (0 silenced)";

/**
 * Where the test name ends and what follows ` ... <tail>` begins, for the first `<space>...<space><tail>`
 * in the line at or after `from`; undefined when there is none.
 */
function marker(line: string, tail: string, from = 0): { nameEnd: number; after: number } | undefined {
  for (let dots = line.indexOf("...", from + 1); dots >= 1; dots = line.indexOf("...", dots + 1)) {
    if (isPySpace(line[dots - 1]) && isPySpace(line[dots + 3]) && line.startsWith(tail, dots + 4)) {
      return { nameEnd: dots - 1, after: dots + 4 + tail.length };
    }
  }
  return undefined;
}

/** name ... Testing against Django installed in … silenced).⏎ok — possibly many lines later. */
function testingAgainstPasses(lines: string[]): string[] {
  const passes: string[] = [];
  // Line j closes a match when it is exactly "ok" and line j-1 ends with " silenced).".
  let close = 1;
  const nextClose = (from: number): number => {
    close = Math.max(close, from);
    while (close < lines.length && !(lines[close] === "ok" && (lines[close - 1] ?? "").endsWith(SILENCED_END))) close++;
    return close;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.length > MAX_LINE_CHARS) continue;
    const found = marker(line, TESTING_AGAINST);
    if (!found) continue;
    let j = nextClose(i + 1);
    // A close right below the test line needs its " silenced)." after the marker, not inside it.
    if (j === i + 1 && line.length - SILENCED_END.length < found.after) j = nextClose(i + 2);
    if (j >= lines.length) break;
    passes.push(line.slice(0, found.nameEnd));
    i = j;
  }
  return passes;
}

/** name ... Internal Server Error: /path/⏎ok */
function serverErrorPass(line: string, next: string | undefined): string | undefined {
  if (next !== "ok" || !line.endsWith("/")) return undefined;
  for (let found = marker(line, SERVER_ERROR); found; found = marker(line, SERVER_ERROR, found.nameEnd + 1)) {
    if (line[found.after] === "/" && line.length - 1 > found.after) return line.slice(0, found.nameEnd);
  }
  return undefined;
}

/** name ... System check identified no issues (0 silenced)⏎ok */
function noIssuesPass(line: string, next: string | undefined): string | undefined {
  if (next !== "ok" || !line.endsWith(NO_ISSUES)) return undefined;
  const found = marker(line, NO_ISSUES, line.length - NO_ISSUES.length - 6);
  return found && found.after === line.length ? line.slice(0, found.nameEnd) : undefined;
}

/** The tests the three shapes show as passed, in the order the published parser records them. */
export function readInterruptedPasses(log: string): string[] {
  const lines = log.split("\n");
  const passes = testingAgainstPasses(lines);
  for (const read of [serverErrorPass, noIssuesPass]) {
    for (let i = 0; i + 1 < lines.length; i++) {
      const line = lines[i] ?? "";
      const test = line.length > MAX_LINE_CHARS ? undefined : read(line, lines[i + 1]);
      if (test !== undefined) passes.push(test);
    }
  }
  return passes;
}
