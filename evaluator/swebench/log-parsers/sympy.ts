// sympy's own runner (`bin/test -C --verbose`): one line per test, `test_name ok`, `test_name F`
// (failed) or `test_name E` (error); a failure is also headed by a banner naming the file and test:
//   ________________ sympy/core/tests/test_basic.py:test_subs ________________
// Other outcomes (`f` expected failure, `s` skipped, timings after the status) are not read, as in
// the published parser, so such tests count as missing.
import { type LogParser, logLines, pySplit, pyStrip, type TestStatus } from "./status.ts";

/**
 * The test a failure banner names, read as the published pattern `(_*) (.*)\.py:(.*) (_*)` reads a
 * line: after the line's first space, up to the last `.py:` that a space follows, then up to the
 * last space. Any line of that shape counts, banner or not, as it does in the published parser.
 */
export function bannerTest(line: string): string | undefined {
  const firstSpace = line.indexOf(" ");
  const lastSpace = line.lastIndexOf(" ");
  if (firstSpace < 0) return undefined;
  const pyColon = line.lastIndexOf(".py:", lastSpace - 4);
  if (pyColon <= firstSpace) return undefined;
  return `${line.slice(firstSpace + 1, pyColon)}.py:${line.slice(pyColon + 4, lastSpace)}`;
}

const TEST_LINE_ENDINGS: readonly [string, TestStatus][] = [
  [" E", "ERROR"],
  [" F", "FAILED"],
  [" ok", "PASSED"],
];

export const parseSympy: LogParser = (log) => {
  const statuses = new Map<string, TestStatus>();
  const lines = logLines(log);
  // Banners first: a `test_x ok` line later in the log overrides them, as in the published parser.
  for (const line of lines) {
    const test = bannerTest(line);
    if (test !== undefined) statuses.set(test, "FAILED");
  }
  for (const raw of lines) {
    const line = pyStrip(raw);
    if (!line.startsWith("test_")) continue;
    const name = pySplit(line)[0];
    if (name === undefined) continue;
    for (const [ending, status] of TEST_LINE_ENDINGS) {
      if (line.endsWith(ending)) statuses.set(name, status);
    }
  }
  return statuses;
};
