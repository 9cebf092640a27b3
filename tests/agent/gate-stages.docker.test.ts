// The gate's compile stages, run where they always run now: inside one hardened container. Typecheck
// and bundle reject broken agents with precise reasons, and the seed itself passes both. (The smoke
// stage is covered in seed-sandbox.docker.test.ts; hostile trees in tests/security/.)
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { buildAgent, formatTscErrors } from "../../evaluator/index.ts";
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

const build = (sourceDir: string) =>
  buildAgent({ sandbox: testSandbox(), sourceDir, outFile: join(tempDir("gate-out"), "agent.mjs") });

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
