// The agent's own tests: run with `agent-check` in the sandbox (bundled by esbuild, run by node --test).
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { SYSTEM_PROMPT } from "../src/prompts.ts";
import { BASH_TOOL, runBash } from "../src/tools/bash.ts";
import { EDITOR_TOOL, Editor } from "../src/tools/editor.ts";

test("str_replace edits a unique string and undo restores it", () => {
  const dir = mkdtempSync(join(tmpdir(), "seed-"));
  writeFileSync(join(dir, "a.txt"), "one\ntwo\nthree\n");
  const editor = new Editor(dir);
  assert.match(editor.run({ command: "str_replace", path: "a.txt", old_str: "two", new_str: "2" }), /Replaced/);
  assert.equal(readFileSync(join(dir, "a.txt"), "utf8"), "one\n2\nthree\n");
  editor.run({ command: "undo_edit", path: "a.txt" });
  assert.equal(readFileSync(join(dir, "a.txt"), "utf8"), "one\ntwo\nthree\n");
});

test("str_replace refuses an ambiguous string", () => {
  const dir = mkdtempSync(join(tmpdir(), "seed-"));
  writeFileSync(join(dir, "a.txt"), "x\nx\n");
  assert.match(
    new Editor(dir).run({ command: "str_replace", path: "a.txt", old_str: "x", new_str: "y" }),
    /occurs 2 times/,
  );
});

test("bash reports the exit code and output", async () => {
  const result = await runBash("echo hi; exit 3", { cwd: tmpdir(), timeoutMs: 5000 });
  assert.equal(result.exitCode, 3);
  assert.equal(result.output.trim(), "hi");
});

// prompts.ts invites new lines right after the array's opener, so nothing here depends on the order of lines.
test("the system prompt names the agent's tools and tells the model how to finish", () => {
  for (const tool of [BASH_TOOL, EDITOR_TOOL])
    assert.ok(SYSTEM_PROMPT.includes(`\`${tool.function.name}\``), tool.function.name);
  assert.match(SYSTEM_PROMPT, /reply with a short summary and no tool call/);
});
