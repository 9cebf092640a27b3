// seaborn's reading: `pytest --no-header -rA` summary lines, plus the verbose `name PASSED` form.
// Only passes and failures are read; a skipped or erroring test is missing, as in the published parser.
import { type LogParser, logLines, pySplit, type TestStatus } from "./status.ts";

export const parseSeaborn: LogParser = (log) => {
  const statuses = new Map<string, TestStatus>();
  for (const line of logLines(log)) {
    const [first, second] = pySplit(line);
    if (first === undefined || second === undefined) continue;
    if (line.startsWith("FAILED")) statuses.set(second, "FAILED");
    else if (line.includes(" PASSED ")) {
      if (second === "PASSED") statuses.set(first, "PASSED");
    } else if (line.startsWith("PASSED")) statuses.set(second, "PASSED");
  }
  return statuses;
};
