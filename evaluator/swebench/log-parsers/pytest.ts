// pytest's `-rA` short test summary, read as SWE-bench reads it for most pytest repositories:
//   PASSED tests/test_a.py::test_one
//   FAILED tests/test_a.py::test_two - AssertionError: assert 1 == 2
// The name is the second word, so a parametrized id with a space in it is cut at the space; the
// dataset's FAIL_TO_PASS/PASS_TO_PASS lists were made by these same parsers and are cut the same way.
import {
  isSkipSummary,
  type LogParser,
  logLines,
  pySplit,
  record,
  startsWithStatus,
  type TestStatus,
} from "./status.ts";

/** The status word and test name of one summary line, or undefined when it is not one. */
function summaryEntry(line: string): { status: string; name: string } | undefined {
  if (!startsWithStatus(line)) return undefined;
  // The published parser blanks every " - " of a FAILED line so the message joins the words after the name.
  const words = pySplit(line.startsWith("FAILED") ? line.replaceAll(" - ", " ") : line);
  const [status, name] = words;
  if (status === undefined || name === undefined || isSkipSummary(status, name)) return undefined;
  return { status, name };
}

function summaryParser(rename: (name: string) => string, rewriteLine: (line: string) => string): LogParser {
  return (log) => {
    const statuses = new Map<string, TestStatus>();
    for (const line of logLines(log)) {
      const entry = summaryEntry(rewriteLine(line));
      if (entry) record(statuses, rename(entry.name), entry.status);
    }
    return statuses;
  };
}

const same = (text: string): string => text;

/** The plain reading (flask, xarray, pytest, astroid, marshmallow, pvlib, pyvista, sqlfluff). */
export const parsePytest: LogParser = summaryParser(same, same);

/**
 * A parameter that is an absolute path keeps only its last segment (`test_x[/tmp/abc/file]` →
 * `test_x[/file]`), since the temporary directory differs between runs (requests, pylint, pydicom).
 * Everything after the last `]` is dropped, as the published pattern `(.*?)\[(.*)\]` drops it.
 */
export function shortenPathOption(name: string): string {
  const open = name.indexOf("[");
  const close = name.lastIndexOf("]");
  if (open < 0 || close <= open) return name;
  const main = name.slice(0, open);
  let option = name.slice(open + 1, close);
  if (option.startsWith("/") && !option.startsWith("//") && !option.includes("*")) {
    option = `/${option.split("/").at(-1) ?? ""}`;
  }
  return `${main}[${option}]`;
}

export const parsePytestOptions: LogParser = summaryParser(shortenPathOption, same);

/** matplotlib's ids print mouse buttons by enum name in newer versions; the dataset spells them as numbers. */
const numberMouseButtons = (line: string): string =>
  line.replaceAll("MouseButton.LEFT", "1").replaceAll("MouseButton.RIGHT", "3");

export const parseMatplotlib: LogParser = summaryParser(same, numberMouseButtons);
