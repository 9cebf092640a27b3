// SWE-bench instance records for the tests, in the published snake_case form, and a writer of
// instance files in a fresh temporary directory.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../../support/temp.ts";

export type RawInstance = Record<string, unknown>;

const TEST_PATCH = `diff --git a/tests/test_x.py b/tests/test_x.py
--- a/tests/test_x.py
+++ b/tests/test_x.py
@@ -1 +1,2 @@
 import x
+def test_fix(): assert x.fixed()
`;

const GOLD_PATCH = `diff --git a/x.py b/x.py
--- a/x.py
+++ b/x.py
@@ -1 +1 @@
-def fixed(): return False
+def fixed(): return True
`;

/** A valid record as Hugging Face publishes it (test lists as JSON-encoded strings), with extra fields. */
export function record(instanceId: string, overrides: RawInstance = {}): RawInstance {
  const [owner = "o", rest = "r-1"] = instanceId.split("__");
  return {
    repo: `${owner}/${rest.replace(/-\d+$/, "")}`,
    instance_id: instanceId,
    base_commit: "0123456789abcdef0123456789abcdef01234567",
    patch: GOLD_PATCH,
    test_patch: TEST_PATCH,
    problem_statement: `Fix ${instanceId}`,
    hints_text: "",
    created_at: "2019-02-26T12:00:00Z",
    version: "3.0",
    FAIL_TO_PASS: JSON.stringify(["tests/test_x.py::test_fix"]),
    PASS_TO_PASS: "[]",
    environment_setup_commit: "abcdef0",
    difficulty: "<15 min fix",
    ...overrides,
  };
}

/** Writes `text` to `name` in a new temporary directory; returns the file's path. */
export function writeTemp(name: string, text: string): string {
  const path = join(tempDir("swebench"), name);
  writeFileSync(path, text);
  return path;
}

export const jsonl = (records: RawInstance[]): string => `${records.map((r) => JSON.stringify(r)).join("\n")}\n`;
