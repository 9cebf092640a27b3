// The log parsers of SWE-bench's harness, by the names the specs table uses (evaluator/swebench/specs.ts).
// Each turns the test output between the eval script's start and end markers into test name → status,
// with names spelled as the dataset's FAIL_TO_PASS and PASS_TO_PASS lists spell them.
import type { ParserName } from "../specs.ts";
import { parseDjango } from "./django.ts";
import { parseMatplotlib, parsePytest, parsePytestOptions } from "./pytest.ts";
import { parsePytestV2 } from "./pytest-v2.ts";
import { parseSeaborn } from "./seaborn.ts";
import type { LogParser } from "./status.ts";
import { parseSympy } from "./sympy.ts";

export { type LogParser, TEST_STATUSES, type TestStatus } from "./status.ts";

const PARSERS: Record<ParserName, LogParser> = {
  pytest: parsePytest,
  "pytest-options": parsePytestOptions,
  "pytest-v2": parsePytestV2,
  django: parseDjango,
  sympy: parseSympy,
  seaborn: parseSeaborn,
  matplotlib: parseMatplotlib,
};

export function logParser(name: ParserName): LogParser {
  return PARSERS[name];
}
