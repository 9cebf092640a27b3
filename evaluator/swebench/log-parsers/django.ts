// Django's test runner at verbosity 2 (unittest's verbose stream), read as SWE-bench reads it:
//   test_add (queries.tests.AddTests) ... ok
//   test_sub (queries.tests.SubTests) ... FAIL
//   test_skip (queries.tests.SkipTests) ... skipped 'needs PostgreSQL'
//   test_doc (queries.tests.DocTests)
//   A test whose docstring's first line is its description. ... ok     (the name read is the description)
//   test_noisy (queries.tests.NoisyTests) ... printed output
//   ok                                                                  (the status on a later line)
// plus `FAIL: name` / `ERROR: name` headers of the failure report (whose name is their second word).
import { readInterruptedPasses } from "./django-interrupted.ts";
import { type LogParser, logLines, pySplit, pyStrip, type TestStatus } from "./status.ts";

const PASS_SUFFIXES = [" ... ok", " ... OK", " ...  OK"];

/** A migration's progress output that django__django-7188 prints on the same line as its test. */
const MIGRATION_PREFIX = "Applying sites.0002_alter_domain_unique...test_no_migrations";

/** `--version is equivalent to version` is a test whose output always breaks its line. */
const VERSION_TEST = "--version is equivalent to version";

/** The text before the first `separator`, as Python's `text.split(separator)[0]`. */
const before = (text: string, separator: string): string => text.split(separator, 1)[0] ?? "";

/** Reads one stripped line; returns the test a later bare `ok` line would belong to. */
function readLine(statuses: Map<string, TestStatus>, stripped: string, previous: string | undefined) {
  let line = stripped;
  if (line.includes(VERSION_TEST)) statuses.set(VERSION_TEST, "PASSED");
  const pending = line.includes(" ... ") ? before(line, " ... ") : previous;
  const passSuffix = PASS_SUFFIXES.find((suffix) => line.endsWith(suffix));
  if (passSuffix !== undefined) {
    if (line.startsWith(MIGRATION_PREFIX)) line = pyStrip(line.slice(line.indexOf("...") + 3));
    const end = line.lastIndexOf(passSuffix);
    statuses.set(end < 0 ? line : line.slice(0, end), "PASSED");
  }
  if (line.includes(" ... skipped")) statuses.set(before(line, " ... skipped"), "SKIPPED");
  if (line.endsWith(" ... FAIL")) statuses.set(before(line, " ... FAIL"), "FAILED");
  const header = pySplit(line)[1];
  if (line.startsWith("FAIL:") && header !== undefined) statuses.set(header, "FAILED");
  if (line.endsWith(" ... ERROR")) statuses.set(before(line, " ... ERROR"), "ERROR");
  if (line.startsWith("ERROR:") && header !== undefined) statuses.set(header, "ERROR");
  if (line.startsWith("ok") && pending !== undefined) statuses.set(pending, "PASSED");
  return pending;
}

export const parseDjango: LogParser = (log) => {
  const statuses = new Map<string, TestStatus>();
  let pending: string | undefined;
  for (const line of logLines(log)) pending = readLine(statuses, pyStrip(line), pending);
  for (const test of readInterruptedPasses(log)) statuses.set(test, "PASSED");
  return statuses;
};
