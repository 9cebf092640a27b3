// The gate's build stages, run where they always run now: inside one hardened container. Typecheck,
// bundle and the agent's own tests reject broken agents with precise reasons, and the seed itself passes
// them — also after a line is added to its prompt, as the simulator and prompts.ts invite. (The smoke
// stage is covered in seed-sandbox.docker.test.ts; hostile trees in tests/security/.)
import { appendFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { agentTestsVerdict, buildAgent, formatTscErrors } from "../../evaluator/index.ts";
import { validateAgent } from "../../src/evolve/gate/index.ts";
import { describeDocker, testSandbox } from "../support/docker.ts";
import { tempDir } from "../support/temp.ts";

const seedDir = new URL("../../agents/seed/", import.meta.url).pathname;

/** A copy of the seed outside the project (no node_modules above it), with one file edited. */
function seedCopy(edit?: { file: string; from: string; to: string }): string {
  const dir = tempDir("gate-agent");
  cpSync(seedDir, dir, { recursive: true });
  if (edit) {
    const path = join(dir, edit.file);
    const text = readFileSync(path, "utf8");
    expect(text).toContain(edit.from);
    writeFileSync(path, text.replace(edit.from, edit.to));
  }
  return dir;
}

const build = (sourceDir: string, runTests = false) =>
  buildAgent({ sandbox: testSandbox(), sourceDir, outFile: join(tempDir("gate-out"), "agent.mjs"), runTests });

describeDocker("gate: typecheck and bundle in the sandbox", () => {
  it("accepts the seed and bundles it into one self-contained .mjs", async () => {
    const result = await build(seedCopy());
    expect(result).toMatchObject({ ok: true, bytes: expect.any(Number) });
    if (!result.ok) return;
    const text = readFileSync(result.outFile, "utf8");
    expect(text).toContain("You are a coding agent");
    expect(text).not.toMatch(/from "\.\.?\//); // no relative imports left: one file
  });

  it("rejects a type error with file, line, column and code", async () => {
    const dir = seedCopy({
      file: "src/tools/editor.ts",
      from: '    const lines = text.split("\\n");\n    if (typeof line',
      to: '    const lines: number = text.split("\\n");\n    if (typeof line',
    });
    expect(await build(dir)).toEqual({
      ok: false,
      stage: "typecheck",
      reason: expect.stringMatching(
        /^type error at src\/tools\/editor\.ts:\d+:11: TS2322 Type 'string\[\]' is not assignable to type 'number'/,
      ),
    });
  });

  it("rejects a missing tsconfig.json", async () => {
    expect(await build(tempDir("gate-empty"))).toEqual({
      ok: false,
      stage: "typecheck",
      reason: expect.stringMatching(/no tsconfig\.json/),
    });
  });

  it("rejects a bundle that imports a package (the contract allows Node's standard library only)", async () => {
    const dir = seedCopy({
      file: "src/main.ts",
      from: 'import { runLoop } from "./loop.ts";',
      to: '// @ts-ignore: typechecks, but the bundle must refuse it\nimport leftPad from "left-pad";\nvoid leftPad;\nimport { runLoop } from "./loop.ts";',
    });
    expect(await build(dir)).toEqual({
      ok: false,
      stage: "bundle",
      reason: expect.stringMatching(
        /^bundle failed: src\/main\.ts:\d+:\d+: imports the package "left-pad"; agents may depend on Node's standard library only/,
      ),
    });
  });

  it("rejects a bundle without the src/main.ts entry point", async () => {
    const dir = seedCopy();
    const tsconfig = JSON.parse(readFileSync(join(dir, "tsconfig.json"), "utf8"));
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ ...tsconfig, include: ["lib"] }));
    cpSync(join(dir, "src"), join(dir, "lib"), { recursive: true });
    rmSync(join(dir, "src"), { recursive: true });
    expect(await build(dir)).toEqual({
      ok: false,
      stage: "bundle",
      reason: expect.stringMatching(/^bundle failed: .*src\/main\.ts/),
    });
  });
});

it("formats tsc's output", () => {
  expect(
    formatTscErrors(
      "src/a.ts(4,2): error TS2304: Cannot find name 'x'.\nnoise\nerror TS5058: The specified path does not exist",
    ),
  ).toEqual(["src/a.ts:4:2: TS2304 Cannot find name 'x'.", "TS5058: The specified path does not exist"]);
});

/** The seed's prompt with one sentence added right after the array's opener, as the simulator adds skills. */
const PROMPT_EDIT = {
  file: "src/prompts.ts",
  from: "export const SYSTEM_PROMPT = [\n",
  to: 'export const SYSTEM_PROMPT = [\n  "Read the relevant files before editing them.",\n',
};

/** The seed test that used to be there: it pinned the prompt's first line, which prompts.ts invites changing. */
const FIRST_LINE_TEST = `
test("the system prompt starts with the anchor's first line", () => {
  assert.match(SYSTEM_PROMPT, /^You are a coding agent/);
});
`;

describeDocker("gate: the agent's own tests", () => {
  it("passes a seed whose prompt gained a line after the array's opener, through all four stages", async () => {
    const dir = seedCopy(PROMPT_EDIT);
    const result = await validateAgent({ sourceDir: dir, sandbox: testSandbox(), bundleDir: tempDir("gate-bundle") });
    expect(result).toMatchObject({ ok: true, notes: [expect.stringMatching(/^tests: \d+ passed in 1 file$/)] });
    if (!result.ok) return;
    expect(Object.keys(result.durationsMs)).toEqual(["typecheck", "bundle", "tests", "smoke"]);
    expect(result.durationsMs.tests).toBeGreaterThan(0);
    expect(readFileSync(result.bundleFile, "utf8")).toContain("Read the relevant files before editing them.");

    // The same child under the seed's old test: rejected at "tests", the failing test and its line named.
    appendFileSync(join(dir, "test/tools.test.ts"), FIRST_LINE_TEST);
    const old = await build(dir, true);
    expect(old).toEqual({
      ok: false,
      stage: "tests",
      reason: expect.stringMatching(
        /^test "the system prompt starts with the anchor's first line" failed at test\/tools\.test\.ts:\d+:\d+: The input did not match the regular expression \/\^You are a coding agent\//,
      ),
    });
    if (!old.ok) expect(old.reason).not.toMatch(/\n/);
  });

  it("names a failing nested test with the assertion's line, and passes an agent without tests", async () => {
    const dir = seedCopy();
    rmSync(join(dir, "test"), { recursive: true });
    const untested = await build(dir, true);
    expect(untested).toMatchObject({ ok: true, testsNote: "no test files (test/**/*.test.ts): nothing to run" });

    // test/**: found below test/ too; multi-line assertion messages come back as one line.
    cpSync(join(seedDir, "test"), join(dir, "test"), { recursive: true });
    mkdirSync(join(dir, "test/unit"));
    writeFileSync(
      join(dir, "test/unit/sum.test.ts"),
      'import assert from "node:assert/strict";\nimport { describe, it } from "node:test";\n' +
        'describe("sum", () => {\n  it("adds two numbers", () => {\n    assert.equal(1 + 1, 3);\n  });\n});\n',
    );
    expect(await build(dir, true)).toEqual({
      ok: false,
      stage: "tests",
      reason:
        'test "sum > adds two numbers" failed at test/unit/sum.test.ts:5:12: Expected values to be strictly equal: 2 !== 3',
    });
  });
});

describe("the tests stage's verdict (read from agent output, so hostile)", () => {
  const exec = (stdout: string, exitCode: number | null = 1, status: "ok" | "timeout" = "ok") => ({
    status,
    exitCode,
    stdout,
    stderr: "",
  });

  it("passes only when the script's verdict and its exit code agree", () => {
    expect(agentTestsVerdict(exec('{"ok":true,"files":2,"passed":7,"failed":0}', 0), 1000)).toEqual({
      ok: true,
      files: 2,
      passed: 7,
      note: "7 passed in 2 files",
    });
    expect(agentTestsVerdict(exec('{"ok":true,"files":1,"passed":1,"failed":0}', 1), 1000)).toMatchObject({
      ok: false,
    });
  });

  it("flattens, strips and caps what the agent printed", () => {
    const failure = { test: "a\u001b[31m\nb", where: "test/a.test.ts:1:1", message: "x".repeat(2000) };
    const verdict = agentTestsVerdict(exec(JSON.stringify({ ok: false, failed: 2, failures: [failure] })), 1000);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.reason).toMatch(/^test "a \[31m b" failed at test\/a\.test\.ts:1:1: x+\.\.\.$/);
    expect(verdict.reason.length).toBeLessThanOrEqual(500);
  });

  it("says why when there is no verdict, the tests do not bundle, or time runs out", () => {
    expect(agentTestsVerdict(exec("Segmentation fault", 139), 1000)).toEqual({
      ok: false,
      reason: "tests ended without a verdict (exit code 139): Segmentation fault",
    });
    expect(
      agentTestsVerdict(exec('{"ok":false,"errors":["test/a.test.ts:1:8: Could not resolve \\"x\\""]}'), 1000),
    ).toEqual({
      ok: false,
      reason: 'the tests do not bundle: test/a.test.ts:1:8: Could not resolve "x"',
    });
    expect(agentTestsVerdict(exec("", null, "timeout"), 120_000)).toEqual({
      ok: false,
      reason: "tests timed out after 120s",
    });
  });
});
