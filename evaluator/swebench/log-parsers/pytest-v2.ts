// The later pytest reading SWE-bench uses for astropy, scikit-learn and sphinx, whose runs colour their
// output (tox) or print statuses after the name (astropy's classic console style, `-vv`):
//   PASSED tests/test_build.py::test_html[a b]          (summary; the name may hold spaces)
//   astropy/io/tests/test_x.py::test_read PASSED        (status last, older pytest)
import {
  endsWithStatus,
  isSkipSummary,
  type LogParser,
  logLines,
  pySplit,
  record,
  startsWithStatus,
  type TestStatus,
} from "./status.ts";

/** `ESC[32m`-style colour codes lose their `[<digits>m` here; the ESC itself goes with the control characters. */
const COLOUR_CODE = /\[\p{Nd}+m/gu;
/** Characters 1–31: ESC, tab, carriage return and the other controls, all dropped. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL_CHARACTERS = /[\x01-\x1f]/g;

export function stripColours(line: string): string {
  return line.replace(COLOUR_CODE, "").replace(CONTROL_CHARACTERS, "");
}

export const parsePytestV2: LogParser = (log) => {
  const statuses = new Map<string, TestStatus>();
  for (const raw of logLines(log)) {
    let line = stripColours(raw);
    if (startsWithStatus(line)) {
      // Only the first " - " starts the failure message: cutting there keeps the message out of the name.
      if (line.startsWith("FAILED")) line = line.split(" - ", 1)[0] ?? "";
      const [status, ...name] = pySplit(line);
      if (status !== undefined && name.length > 0 && !isSkipSummary(status, name[0] ?? "")) {
        record(statuses, name.join(" "), status);
      }
    } else if (endsWithStatus(line)) {
      const words = pySplit(line);
      const status = words.pop();
      if (status !== undefined && words.length > 0) record(statuses, words.join(" "), status);
    }
  }
  return statuses;
};
