// Reading SWE-bench instance files as the dataset is published: both file forms, both forms of the
// test lists, numeric versions, and an error for each bad record naming file, place, instance and field.
import { closeSync, ftruncateSync, mkdirSync, openSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TaskError } from "../../../evaluator/errors.ts";
import { MAX_INSTANCES_FILE_BYTES, parseInstances, readInstancesFile } from "../../../evaluator/swebench/instances.ts";
import { tempDir } from "../../support/temp.ts";
import { jsonl, type RawInstance, record, writeTemp } from "./instance-records.ts";

/** The message of the error `run` throws (failing the test when it does not throw a TaskError). */
function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TaskError);
    return (error as TaskError).message;
  }
  throw new Error("expected a TaskError, nothing was thrown");
}

const parseOne = (overrides: RawInstance, id = "django__django-10973") =>
  errorOf(() => parseInstances(jsonl([record("django__django-1"), record(id, overrides)]), "inst.jsonl"));

describe("SWE-bench instance files", () => {
  it("reads JSON Lines with blank lines, mapping every published field and ignoring extra ones", () => {
    const path = writeTemp(
      "verified.jsonl",
      `${JSON.stringify(record("django__django-10973"))}\n\n${JSON.stringify(record("sympy__sympy-20590", { hints_text: "see #1" }))}\n\n`,
    );
    const instances = readInstancesFile(path);
    expect(instances.map((instance) => instance.instanceId)).toEqual(["django__django-10973", "sympy__sympy-20590"]);
    expect(instances[1]).toEqual({
      instanceId: "sympy__sympy-20590",
      repo: "sympy/sympy",
      baseCommit: "0123456789abcdef0123456789abcdef01234567",
      problemStatement: "Fix sympy__sympy-20590",
      patch: expect.stringContaining("diff --git a/x.py b/x.py"),
      testPatch: expect.stringContaining("diff --git a/tests/test_x.py b/tests/test_x.py"),
      failToPass: ["tests/test_x.py::test_fix"],
      passToPass: [],
      version: "3.0",
      environmentSetupCommit: "abcdef0",
      hintsText: "see #1",
      createdAt: "2019-02-26T12:00:00Z",
    });
    expect(instances[1]).not.toHaveProperty("difficulty");
  });

  it("reads a JSON array and an {instances: [...]} document, with test lists given as arrays", () => {
    const lists = { FAIL_TO_PASS: ["test_a (m.T)", "test_b (m.T)"], PASS_TO_PASS: ["test_c (m.T)"] };
    const arrayFile = writeTemp("dev.json", JSON.stringify([record("astropy__astropy-12907", lists)], null, 2));
    const [fromArray] = readInstancesFile(arrayFile);
    expect(fromArray?.failToPass).toEqual(["test_a (m.T)", "test_b (m.T)"]);
    expect(fromArray?.passToPass).toEqual(["test_c (m.T)"]);
    const wrapped = parseInstances(JSON.stringify({ instances: [record("astropy__astropy-12907")] }), "w.json");
    expect(wrapped.map((instance) => instance.instanceId)).toEqual(["astropy__astropy-12907"]);
  });

  it("reads JSON Lines written to a .json name, as Hugging Face's to_json does", () => {
    const path = writeTemp("hf.json", jsonl([record("django__django-1"), record("django__django-2")]));
    expect(readInstancesFile(path).map((instance) => instance.instanceId)).toEqual([
      "django__django-1",
      "django__django-2",
    ]);
  });

  it("gives numeric versions one decimal when integral, so 3.0 stays 3.0", () => {
    const versions = [3, 3.0, 0.12, "1.11"].map(
      (version) => parseInstances(jsonl([record("django__django-5", { version })]), "v.jsonl")[0]?.version,
    );
    expect(versions).toEqual(["3.0", "3.0", "0.12", "1.11"]);
  });

  it("names the file, line, instance and field of a bad record, with how to fix it", () => {
    const message = parseOne({ base_commit: "not-a-commit" });
    expect(message).toContain("inst.jsonl line 2 (instance django__django-10973): base_commit must be 7–40 hex digits");
    expect(message).toContain("give the commit the task starts from");
  });

  it("names the index of a bad record in a JSON array", () => {
    const text = JSON.stringify([record("django__django-1"), record("django__django-2", { repo: "django" })]);
    expect(errorOf(() => parseInstances(text, "set.json"))).toContain(
      'set.json index 1 (instance django__django-2): repo must be "owner/name"',
    );
  });

  it("rejects each kind of bad field with its own message", () => {
    expect(parseOne({ instance_id: "django-10973" }, "django-10973")).toContain(
      "instance django-10973): instance_id must look like owner__repo-number",
    );
    expect(parseOne({ FAIL_TO_PASS: "[]" })).toContain(
      "FAIL_TO_PASS is empty: an instance with no FAIL_TO_PASS test cannot show that a fix works",
    );
    expect(parseOne({ FAIL_TO_PASS: "test_a, test_b" })).toContain("FAIL_TO_PASS is a string that is not a JSON array");
    expect(parseOne({ PASS_TO_PASS: [1, 2] })).toContain("PASS_TO_PASS must be a list of non-empty test names");
    expect(parseOne({ PASS_TO_PASS: undefined })).toContain("PASS_TO_PASS is missing");
    expect(parseOne({ test_patch: "--- a/t.py\n+++ b/t.py\n" })).toContain(
      'test_patch is not a diff: give the patch that adds the hidden tests, with "diff --git a/… b/…" headers',
    );
    expect(parseOne({ patch: "just text" })).toContain("patch is not a diff");
    expect(parseOne({ problem_statement: "" })).toContain("problem_statement is empty");
    expect(parseOne({ version: true })).toContain("version must be the repository version");
    expect(parseOne({ environment_setup_commit: "xyz" })).toContain("environment_setup_commit must be 7–40 hex digits");
    expect(parseOne({ repo: undefined })).toContain(
      'repo is missing: give the GitHub repository, e.g. "django/django"',
    );
  });

  it("accepts an empty gold patch and null optional fields", () => {
    const [instance] = parseInstances(
      jsonl([record("django__django-7", { patch: "", hints_text: null, environment_setup_commit: null })]),
      "n.jsonl",
    );
    expect(instance?.patch).toBe("");
    expect(instance).not.toHaveProperty("hintsText");
    expect(instance).not.toHaveProperty("environmentSetupCommit");
  });

  it("rejects a duplicate instance id, naming both places", () => {
    const text = jsonl([record("django__django-1"), record("django__django-2"), record("django__django-1")]);
    expect(errorOf(() => parseInstances(text, "dup.jsonl"))).toContain(
      "dup.jsonl line 3 (instance django__django-1): instance_id is a duplicate of line 1",
    );
  });

  it("reports a line that is not JSON, a record that is not an object, and every problem at once", () => {
    const text = `${JSON.stringify(record("django__django-1"))}\n{"instance_id": \n[1]\n${JSON.stringify(record("django__django-2", { repo: "x" }))}\n`;
    const message = errorOf(() => parseInstances(text, "mixed.jsonl"));
    expect(message).toContain("3 problem(s) in SWE-bench instances mixed.jsonl");
    expect(message).toContain("mixed.jsonl line 2 is not valid JSON");
    expect(message).toContain("mixed.jsonl line 3 is not an object");
    expect(message).toContain("mixed.jsonl line 4 (instance django__django-2): repo must be");
  });

  it("refuses an empty file and a missing one, naming the path tried", () => {
    expect(errorOf(() => readInstancesFile(writeTemp("empty.jsonl", "\n\n")))).toContain("holds no instances");
    const missing = join(tempDir("swebench"), "nowhere.jsonl");
    expect(errorOf(() => readInstancesFile(missing))).toBe(`SWE-bench instance file ${missing} does not exist`);
  });

  it("refuses a file past the size cap before reading it", () => {
    const dir = tempDir("swebench");
    mkdirSync(join(dir, "big"));
    const path = join(dir, "big", "huge.jsonl");
    // A sparse file: its size is past the cap without the disk holding it.
    const fd = openSync(path, "w");
    ftruncateSync(fd, MAX_INSTANCES_FILE_BYTES + 1024 * 1024);
    closeSync(fd);
    expect(errorOf(() => readInstancesFile(path))).toBe(
      `SWE-bench instance file ${path} is 257.0 MiB, past the 256.0 MiB this reads`,
    );
  });
});
