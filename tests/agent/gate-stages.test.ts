// The gate's host-side stages: typecheck and bundle reject broken agents with precise reasons, and
// the seed itself passes both. (The sandboxed smoke stage is covered in seed-sandbox.docker.test.ts.)
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundleAgent } from "../../evaluator/agent-runner/index.ts";
import { formatTscErrors, typecheckAgent } from "../../src/evolve/gate/index.ts";
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

describe("gate: typecheck and bundle", () => {
  it("accepts the seed and bundles it into one self-contained .mjs", async () => {
    const dir = seedCopy();
    expect(await typecheckAgent(dir)).toEqual({ ok: true });
    const out = join(dir, "out", "agent.mjs");
    const bundle = await bundleAgent(dir, out);
    expect(bundle.ok).toBe(true);
    const text = readFileSync(out, "utf8");
    expect(text).toContain("You are a coding agent");
    expect(text).not.toMatch(/from "\.\.?\//); // no relative imports left: one file
  });

  it("rejects a type error with file, line, column and code", async () => {
    const dir = seedCopy({
      file: "src/tools/editor.ts",
      from: '    const lines = text.split("\\n");\n    if (typeof line',
      to: '    const lines: number = text.split("\\n");\n    if (typeof line',
    });
    const result = await typecheckAgent(dir);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.reason).toMatch(
        /^type error at src\/tools\/editor\.ts:\d+:11: TS2322 Type 'string\[\]' is not assignable to type 'number'/,
      );
  });

  it("rejects a missing tsconfig.json", async () => {
    const dir = tempDir("gate-empty");
    expect(await typecheckAgent(dir)).toEqual({ ok: false, reason: expect.stringMatching(/no tsconfig\.json/) });
  });

  it("rejects a bundle that imports a package (the contract allows Node's standard library only)", async () => {
    const dir = seedCopy({
      file: "src/main.ts",
      from: 'import { runLoop } from "./loop.ts";',
      to: '// @ts-ignore: typechecks, but the bundle must refuse it\nimport leftPad from "left-pad";\nvoid leftPad;\nimport { runLoop } from "./loop.ts";',
    });
    expect(await typecheckAgent(dir)).toEqual({ ok: true });
    const result = await bundleAgent(dir, join(dir, "out", "agent.mjs"));
    expect(result).toEqual({
      ok: false,
      reason: expect.stringMatching(
        /^bundle failed: src\/main\.ts:\d+:\d+: imports the package "left-pad"; agents may depend on Node's standard library only/,
      ),
    });
  });

  it("rejects a bundle without the src/main.ts entry point", async () => {
    const dir = tempDir("gate-noentry");
    const result = await bundleAgent(dir, join(dir, "agent.mjs"));
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/^bundle failed: .*src\/main\.ts/) });
  });

  it("formats tsc's output", () => {
    expect(
      formatTscErrors(
        "src/a.ts(4,2): error TS2304: Cannot find name 'x'.\nnoise\nerror TS5058: The specified path does not exist",
      ),
    ).toEqual(["src/a.ts:4:2: TS2304 Cannot find name 'x'.", "TS5058: The specified path does not exist"]);
  });
});
