// Task loading without Docker: manifest validation messages, content hashes, suite resolution, the
// polyglot layout, result parsing and the split of an agent's changes.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  applySolution,
  loadPolyglot,
  loadSuite,
  loadTaskDir,
  parseTestCounts,
  scanBuiltinTasks,
  scanSuite,
  solutionPatch,
  splitChanges,
  TaskError,
} from "../../evaluator/index.ts";

const fixtures = new URL("../fixtures/", import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), "dgm-eval-load-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const goodManifest = {
  id: "demo",
  language: "javascript",
  kind: "function",
  title: "Demo",
  difficulty: "easy",
  instructions: "instructions.md",
  solutionFiles: ["src/add.js"],
  testFiles: ["test/add.test.js"],
  testCommand: ["node", "--test", "test/"],
};

let counter = 0;
function makeTask(manifest: Record<string, unknown>, files: Record<string, string>): string {
  const dir = join(scratch, `task-${counter++}`);
  mkdirSync(dir);
  writeFileSync(join(dir, "task.json"), JSON.stringify(manifest));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const goodFiles = {
  "instructions.md": "Add two numbers.",
  "workspace/src/add.js": "export const add = () => 0;\n",
  "tests/test/add.test.js": "import { add } from '../src/add.js';\n",
  "reference/src/add.js": "export const add = (a, b) => a + b;\n",
};

function loadError(manifest: Record<string, unknown>, files: Record<string, string>): string {
  try {
    loadTaskDir(makeTask(manifest, files), "t");
  } catch (error) {
    expect(error).toBeInstanceOf(TaskError);
    return (error as Error).message;
  }
  throw new Error("expected the task to be rejected");
}

describe("task manifests", () => {
  it("loads a valid task with a stable content hash that changes with any file", () => {
    const a = loadTaskDir(makeTask(goodManifest, goodFiles), "t");
    const b = loadTaskDir(makeTask(goodManifest, goodFiles), "t");
    expect(a.qualifiedId).toBe("t:demo");
    expect(a.contentHash).toBe(b.contentHash);
    const changed = loadTaskDir(makeTask(goodManifest, { ...goodFiles, "tests/test/add.test.js": "// other\n" }), "t");
    expect(changed.contentHash).not.toBe(a.contentHash);
  });

  it("names what is wrong", () => {
    expect(loadError({ ...goodManifest, language: "cobol" }, goodFiles)).toMatch(/unknown language "cobol"/);
    expect(loadError({ ...goodManifest, testFiles: ["src/add.js"] }, goodFiles)).toMatch(
      /both as a solution file and as a test file/,
    );
    const { "reference/src/add.js": _ref, ...noReference } = goodFiles;
    expect(loadError(goodManifest, noReference)).toMatch(/reference is missing solution file src\/add.js/);
    const { "tests/test/add.test.js": _test, ...noTest } = goodFiles;
    expect(loadError(goodManifest, noTest)).toMatch(/hidden test file test\/add.test.js is missing/);
    expect(loadError(goodManifest, { ...goodFiles, "workspace/test/add.test.js": "x" })).toMatch(
      /present in workspace\/: the agent would see it/,
    );
    const { "instructions.md": _i, ...noInstructions } = goodFiles;
    expect(loadError(goodManifest, noInstructions)).toMatch(/missing file .*instructions.md/);
    expect(loadError({ ...goodManifest, solutionFiles: ["../escape.js"] }, goodFiles)).toMatch(
      /relative path inside the task/,
    );
    const dir = join(scratch, "empty");
    mkdirSync(dir);
    expect(() => loadTaskDir(dir, "t")).toThrow(/missing file .*task.json/);
  });
});

describe("suites", () => {
  it("resolves builtin subsets, single tasks and rejects unknown specs", () => {
    const { tasks } = scanBuiltinTasks();
    expect(tasks.length).toBeGreaterThan(0);
    const small = loadSuite("builtin:small");
    const medium = loadSuite("builtin:medium").map((task) => task.qualifiedId);
    expect(small.length).toBeGreaterThan(0);
    expect(small.length).toBeLessThanOrEqual(10);
    for (const task of small) expect(medium).toContain(task.qualifiedId);
    const first = tasks[0];
    if (!first) throw new Error("no tasks");
    expect(loadSuite(`builtin:${first.manifest.id}`).map((task) => task.qualifiedId)).toEqual([first.qualifiedId]);
    expect(() => loadSuite("builtin:no-such-task")).toThrow(/no built-in task or subset named no-such-task/);
    expect(() => loadSuite("nonsense")).toThrow(/unknown suite/);
  });

  it("loads the polyglot layout: instructions, xtest rewrite, jest through Exercism's babel, pytest", () => {
    // Every language's fixture is covered in polyglot-loading.test.ts; these two are the original pair.
    const tasks = loadPolyglot(join(fixtures, "polyglot")).filter((task) =>
      ["javascript", "python"].includes(task.manifest.language),
    );
    expect(tasks.map((task) => task.qualifiedId)).toEqual(["polyglot:javascript__two-fer", "polyglot:python__leap"]);
    const [js, py] = tasks;
    if (!js || !py) throw new Error("fixture tasks missing");
    expect(js.tests["two-fer.spec.js"]?.toString()).not.toMatch(/xtest\(/);
    // The exercise's package.json and babel.config.js are left as they are: the image's jest config
    // compiles the tests with Exercism's preset whatever they say.
    expect(JSON.parse(js.workspace["package.json"]?.toString() ?? "{}").type).toBe("commonjs");
    expect(js.workspace["babel.config.js"]).toBeDefined();
    expect(js.reference["two-fer.js"]?.toString()).toContain("One for $" + "{name}");
    expect(py.instructions).toContain("leap year");
    expect(py.instructions).toContain("Implement `leap_year(year)`");
    expect(py.manifest.testCommand.slice(0, 3)).toEqual(["python3", "-m", "pytest"]);
  });

  it("sets aside a language no sandbox image runs, and still loads the others", () => {
    const copy = join(scratch, "poly-copy");
    cpSync(join(fixtures, "polyglot"), copy, { recursive: true });
    cpSync(join(fixtures, "polyglot-unsupported"), copy, { recursive: true });
    const scan = scanSuite(`polyglot:${copy}`);
    expect(scan.setAside).toEqual([{ id: "csharp", reason: expect.stringMatching(/no sandbox image runs csharp/) }]);
    expect(scan.problems).toEqual([]);
    expect(loadPolyglot(copy)).toHaveLength(scanSuite(`polyglot:${join(fixtures, "polyglot")}`).tasks.length);
    expect(() => loadSuite(`polyglot:${join(copy, "csharp")}`)).toThrow(/polyglot language csharp is not supported/);
  });
});

describe("test output parsing", () => {
  it("reads node --test (tap and spec), unittest, jest and pytest summaries", () => {
    expect(
      parseTestCounts("# tests 5\n# suites 1\n# pass 3\n# fail 2\n# cancelled 0\n# skipped 0\n# todo 0\n"),
    ).toEqual({ passed: 3, total: 5 });
    expect(parseTestCounts("ℹ tests 4\nℹ suites 0\nℹ pass 4\nℹ fail 0\n")).toEqual({ passed: 4, total: 4 });
    expect(
      parseTestCounts(
        "...\n----------------------------------------------------------------------\nRan 6 tests in 0.002s\n\nFAILED (failures=1, errors=2)\n",
      ),
    ).toEqual({ passed: 3, total: 6 });
    expect(parseTestCounts("Ran 3 tests in 0.000s\n\nOK (skipped=1)\n")).toEqual({ passed: 2, total: 2 });
    expect(
      parseTestCounts("Test Suites: 1 failed, 1 total\nTests:       1 failed, 2 skipped, 4 passed, 7 total\n"),
    ).toEqual({ passed: 4, total: 5 });
    expect(parseTestCounts("=========== 2 failed, 3 passed in 0.12s ===========\n")).toEqual({ passed: 3, total: 5 });
    expect(parseTestCounts("============ 1 error in 0.05s ============\n")).toEqual({ passed: 0, total: 1 });
    expect(parseTestCounts("Segmentation fault\n")).toBeUndefined();
  });
});

describe("agent changes", () => {
  it("applies only solution files and reports everything else", async () => {
    const task = loadTaskDir(makeTask(goodManifest, goodFiles), "t");
    const final = {
      "src/add.js": Buffer.from("export const add = (a, b) => a + b;\n"),
      "test/add.test.js": Buffer.from("// the agent's own copy of a hidden test path\n"),
      "package.json": Buffer.from("{}"),
    };
    const changes = splitChanges(task, final);
    expect(Object.keys(changes.solution)).toEqual(["src/add.js"]);
    expect(changes.warnings).toEqual([
      "added package.json (not a solution file, ignored)",
      "added test/add.test.js (not a solution file, ignored)",
    ]);
    const graded = applySolution(task, { ...changes.solution, "test/add.test.js": Buffer.from("evil") });
    expect(Object.keys(graded)).toEqual(["src/add.js"]);
    const patch = await solutionPatch(task, changes.solution);
    expect(patch).toContain("diff --git a/src/add.js b/src/add.js");
    expect(patch).toContain("+export const add = (a, b) => a + b;");
    expect(await solutionPatch(task, { "src/add.js": null })).toContain("deleted file mode");
  });
});
