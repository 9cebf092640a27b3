// The seed agent's tools, tested on the host as plain units (this is our own seed code, not agent
// code under evaluation), and its prompt against the simulator's skill table.
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SYSTEM_PROMPT } from "../../agents/seed/src/prompts.ts";
import { BASH_TOOL, formatBashResult, runBash } from "../../agents/seed/src/tools/bash.ts";
import { EDITOR_TOOL, Editor } from "../../agents/seed/src/tools/editor.ts";
import type { ToolDefinition } from "../../src/llm/index.ts";
import { promptSkillsIn, toolSkillsIn } from "../../src/llm/sim/skills.ts";
import { tempDir } from "../support/temp.ts";

function workspace(files: Record<string, string>): string {
  const dir = tempDir("seed-tools");
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("seed editor", () => {
  it("str_replace refuses a missing or ambiguous string and names the lines", () => {
    const dir = workspace({ "a.js": "let x = 1;\nlet y = 2;\nlet x2 = 1;\n" });
    const editor = new Editor(dir);
    expect(editor.run({ command: "str_replace", path: "a.js", old_str: "= 1;", new_str: "= 3;" })).toBe(
      `Error: old_str occurs 2 times in ${join(dir, "a.js")} (lines 1, 3); include more context to make it unique`,
    );
    expect(editor.run({ command: "str_replace", path: "a.js", old_str: "nope", new_str: "" })).toMatch(
      /^Error: old_str was not found/,
    );
    expect(readFileSync(join(dir, "a.js"), "utf8")).toBe("let x = 1;\nlet y = 2;\nlet x2 = 1;\n");
    expect(editor.run({ command: "str_replace", path: "a.js", old_str: "let x = 1;", new_str: "let x = 3;" })).toMatch(
      /^Replaced/,
    );
    expect(readFileSync(join(dir, "a.js"), "utf8")).toBe("let x = 3;\nlet y = 2;\nlet x2 = 1;\n");
  });

  it("views a line range with numbers and rejects a range past the end", () => {
    const dir = workspace({ "f.txt": "a\nb\nc\nd\ne" });
    const editor = new Editor(dir);
    expect(editor.run({ command: "view", path: "f.txt", view_range: [2, 3] })).toBe("     2\tb\n     3\tc");
    expect(editor.run({ command: "view", path: join(dir, "f.txt"), view_range: [4, -1] })).toBe("     4\td\n     5\te");
    expect(editor.run({ command: "view", path: "f.txt", view_range: [3, 9] })).toMatch(/invalid: the file has 5 lines/);
    expect(editor.run({ command: "view", path: "." })).toBe("f.txt");
  });

  it("undo reverts edits in order, and undoing a create removes the file", () => {
    const dir = workspace({ "f.txt": "one\n" });
    const editor = new Editor(dir);
    editor.run({ command: "insert", path: "f.txt", insert_line: 0, new_str: "zero" });
    editor.run({ command: "str_replace", path: "f.txt", old_str: "one", new_str: "uno" });
    expect(readFileSync(join(dir, "f.txt"), "utf8")).toBe("zero\nuno\n");
    editor.run({ command: "undo_edit", path: "f.txt" });
    expect(readFileSync(join(dir, "f.txt"), "utf8")).toBe("zero\none\n");
    editor.run({ command: "undo_edit", path: "f.txt" });
    expect(readFileSync(join(dir, "f.txt"), "utf8")).toBe("one\n");
    expect(editor.run({ command: "undo_edit", path: "f.txt" })).toMatch(/^Error: no edit/);
    editor.run({ command: "create", path: "sub/new.txt", file_text: "hi" });
    expect(readFileSync(join(dir, "sub/new.txt"), "utf8")).toBe("hi");
    editor.run({ command: "undo_edit", path: "sub/new.txt" });
    expect(editor.run({ command: "view", path: "sub/new.txt" })).toMatch(/does not exist/);
  });

  it("refuses paths outside the workspace and malformed arguments without throwing", () => {
    const editor = new Editor(workspace({}));
    expect(editor.run({ command: "view", path: "../../etc/passwd" })).toMatch(/outside the workspace/);
    expect(editor.run({ command: "create", path: "x.txt" })).toBe("Error: file_text is required and must be a string");
    expect(editor.run({ command: "explode", path: "x.txt" })).toMatch(/unknown command "explode"/);
    expect(editor.run({ path: 42 })).toBe("Error: path is required and must be a string");
  });
});

describe("seed bash", () => {
  it("kills a command (and its children) at the timeout", async () => {
    const started = Date.now();
    const result = await runBash("sleep 30 & sleep 30; echo never", { cwd: tmpdir(), timeoutMs: 500 });
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBeNull();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(formatBashResult(result, 500)).toMatch(/^timed out after 1s \(killed\)/);
  });

  it("keeps the head and tail of long output and says how much was dropped", async () => {
    const result = await runBash("seq 1 100000", { cwd: tmpdir(), timeoutMs: 10_000, maxOutputChars: 1000 });
    expect(result.exitCode).toBe(0);
    expect(result.output.startsWith("1\n2\n3\n")).toBe(true);
    expect(result.output.endsWith("99999\n100000\n")).toBe(true);
    expect(result.output).toMatch(/\[\.\.\. \d+ characters truncated \.\.\.\]/);
    expect(result.output.length).toBeLessThan(1100);
  });

  it("reports the exit code and interleaves stderr", async () => {
    const result = await runBash("echo out; echo err >&2; exit 7", { cwd: tmpdir(), timeoutMs: 5000 });
    expect(result.exitCode).toBe(7);
    expect(result.output).toContain("out");
    expect(result.output).toContain("err");
  });
});

describe("seed prompt and tool schemas", () => {
  it("lacks the six prompt skills and has the two tool skills the simulator looks for", () => {
    expect([...promptSkillsIn(SYSTEM_PROMPT)]).toEqual([]);
    const tools = [BASH_TOOL, EDITOR_TOOL] as unknown as ToolDefinition[];
    expect([...toolSkillsIn(tools)].sort()).toEqual(["ranged_view", "undo"]);
  });

  it("keeps the anchor line that the simulator inserts skills after", () => {
    const source = readFileSync(new URL("../../agents/seed/src/prompts.ts", import.meta.url), "utf8");
    expect(source).toContain("\nexport const SYSTEM_PROMPT = [\n");
  });
});
