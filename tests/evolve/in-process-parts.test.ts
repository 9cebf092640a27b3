// The parts of the in-process services: the editor the self-modifying agent gets (inside its copy,
// never through a symlink), the gate (the sim recognises its own breakage exactly as tsc reports it),
// and the agent profile read from source (the seed's skills as the sim sees them in its real tools).
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it, onTestFinished } from "vitest";
import { SYSTEM_PROMPT } from "../../agents/seed/src/prompts.ts";
import { BASH_TOOL } from "../../agents/seed/src/tools/bash.ts";
import { EDITOR_TOOL } from "../../agents/seed/src/tools/editor.ts";
import { type AgentRow, openArchive } from "../../archive/index.ts";
import { typecheckVerdict } from "../../evaluator/index.ts";
import { readProfile } from "../../src/evolve/in-process/agent-profile.ts";
import { WorkspaceEditor } from "../../src/evolve/in-process/editor-tool.ts";
import { gateInProcess } from "../../src/evolve/in-process/gate.ts";
import { selfModifyInProcess } from "../../src/evolve/in-process/self-modify.ts";
import {
  type ChatRequest,
  createGateway,
  createPricing,
  createSimProvider,
  promptSkills,
  simBuildBreakage,
  skillsOf,
  type ToolDefinition,
} from "../../src/llm/index.ts";
import { tempDir } from "../support/temp.ts";

const seedDir = new URL("../../agents/seed/", import.meta.url).pathname;

const tscBin = new URL("../../node_modules/typescript/bin/tsc", import.meta.url).pathname;
const typeRoots = new URL("../../node_modules/@types", import.meta.url).pathname;

/**
 * tsc with the agent's tsconfig, read as the gate reads it in the sandbox. On the host here only
 * because the source is the sim's own edit of the seed, never an agent's.
 */
async function typecheckSimEdit(dir: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  const args = [tscBin, "-p", "tsconfig.json", "--noEmit", "--pretty", "false", "--typeRoots", typeRoots];
  const result = await execa(process.execPath, args, { cwd: dir, reject: false, all: true });
  return typecheckVerdict(result.exitCode ?? null, result.all ?? "");
}

function seedCopy(): string {
  const dir = join(tempDir("in-process"), "agent");
  cpSync(seedDir, dir, { recursive: true, filter: (path) => !path.includes("node_modules") });
  return dir;
}

describe("the in-process editor", () => {
  it("views with line numbers, replaces a unique string and inserts after a line", async () => {
    const root = tempDir("in-process");
    writeFileSync(join(root, "a.ts"), "one\ntwo\nthree");
    const editor = new WorkspaceEditor(root);
    expect(await editor.run({ command: "view", path: "a.ts" })).toBe("     1\tone\n     2\ttwo\n     3\tthree");
    expect(await editor.run({ command: "str_replace", path: "a.ts", old_str: "two", new_str: "TWO" })).toMatch(
      /^Replaced/,
    );
    expect(await editor.run({ command: "insert", path: "a.ts", insert_line: 0, new_str: "zero" })).toMatch(/^Inserted/);
    expect(readFileSync(join(root, "a.ts"), "utf8")).toBe("zero\none\nTWO\nthree");
    expect(await editor.run({ command: "str_replace", path: "a.ts", old_str: "o", new_str: "0" })).toMatch(
      /^Error: old_str occurs \d+ times/,
    );
    expect(await editor.run({ command: "create", path: "b.ts", file_text: "x" })).toMatch(/^Error: unknown command/);
    expect([...editor.touched]).toEqual(["a.ts"]);
  });

  it("refuses paths outside its directory and symbolic links, for reading and for writing", async () => {
    const base = tempDir("in-process");
    const root = join(base, "workspace");
    const outside = join(base, "outside.txt");
    mkdirSync(join(root, "src"), { recursive: true });
    writeFileSync(outside, "secret\n");
    symlinkSync(outside, join(root, "src", "link.ts"));
    symlinkSync(base, join(root, "linked-dir"));
    const editor = new WorkspaceEditor(root);
    const attempts = [
      { command: "view", path: "../outside.txt" },
      { command: "view", path: outside },
      { command: "view", path: "src/link.ts" },
      { command: "view", path: "linked-dir/outside.txt" },
      { command: "str_replace", path: "src/link.ts", old_str: "secret", new_str: "leaked" },
      { command: "insert", path: "linked-dir/outside.txt", insert_line: 0, new_str: "leaked" },
    ];
    for (const args of attempts) {
      const answer = await editor.run(args);
      expect(answer, JSON.stringify(args)).toMatch(/^Error: .*(outside the directory|symbolic link)/);
      expect(answer).not.toContain("secret");
    }
    expect(readFileSync(outside, "utf8")).toBe("secret\n");
    expect(editor.touched.size).toBe(0);
  });
});

async function simSelfModifications(count: number): Promise<string[]> {
  const home = tempDir("in-process");
  const archive = await openArchive(join(home, "archive"));
  onTestFinished(() => archive.close());
  const gateway = createGateway({
    archive,
    providers: { solve: createSimProvider() },
    pricing: createPricing(),
    seed: 5,
  });
  const modifier: AgentRow = {
    id: "seed",
    runId: "r",
    parentId: null,
    commit: "c",
    tree: "t",
    generation: 0,
    status: "admitted",
    statusReason: null,
    scores: {},
    createdAt: "2026-01-01T00:00:00Z",
  };
  const sentence = promptSkills.find((skill) => skill.name === "plan")!.sentence;
  const results: string[] = [];
  for (let index = 0; index < count; index++) {
    const outDir = join(home, `child-${index}`);
    await selfModifyInProcess(
      { gateway, maxSteps: 10 },
      {
        runId: "r",
        attemptId: `attempt-${index}`,
        modifier,
        workspaceDir: seedDir,
        outDir,
        instructions: `Add this instruction to the agent's system prompt: "${sentence}"`,
        signal: new AbortController().signal,
      },
      SYSTEM_PROMPT,
    );
    results.push(readFileSync(join(outDir, "src/prompts.ts"), "utf8"));
    rmSync(outDir, { recursive: true, force: true });
  }
  return results;
}

describe("the in-process gate", () => {
  it("rejects the sim's own breakage with the reason tsc gives, and passes what tsc passes", async () => {
    const sources = await simSelfModifications(120);
    const original = readFileSync(join(seedDir, "src/prompts.ts"), "utf8");
    const syntax = sources.find((source) => simBuildBreakage(source)?.includes("TS1005"));
    const type = sources.find((source) => simBuildBreakage(source)?.includes("TS2554"));
    const valid = sources.find((source) => source !== original && simBuildBreakage(source) === null);
    expect(syntax && type && valid, "the sim broke the build both ways and also added a skill").toBeTruthy();

    const checks = [syntax!, type!, valid!].map(async (source) => {
      const dir = seedCopy();
      writeFileSync(join(dir, "src/prompts.ts"), source);
      const [tsc, gate] = await Promise.all([typecheckSimEdit(dir), gateInProcess(dir)]);
      return { source, tsc, gate };
    });
    for (const { source, tsc, gate } of await Promise.all(checks)) {
      const expected = tsc.ok ? null : `typecheck: ${tsc.reason}`;
      expect(simBuildBreakage(source)).toBe(expected);
      expect(gate).toEqual(tsc.ok ? { ok: true } : { ok: false, stage: "typecheck", reason: tsc.reason });
    }
  }, 60_000);

  it("refuses a prompts file that is a symbolic link or too large", async () => {
    const linked = seedCopy();
    rmSync(join(linked, "src/prompts.ts"));
    symlinkSync(join(seedDir, "src/prompts.ts"), join(linked, "src/prompts.ts"));
    expect(await gateInProcess(linked)).toEqual({
      ok: false,
      stage: "in-process gate",
      reason: expect.stringMatching(/^cannot read src\/prompts\.ts: .*symbolic link/),
    });
    const huge = seedCopy();
    writeFileSync(join(huge, "src/prompts.ts"), "x".repeat(300 * 1024));
    expect(await gateInProcess(huge)).toMatchObject({ ok: false, reason: expect.stringMatching(/cap/) });
  });
});

describe("the agent profile", () => {
  it("reads the seed's skills from its source as the sim reads them from its real tools", async () => {
    const profile = await readProfile(seedDir);
    const request: ChatRequest = {
      messages: [{ role: "system", content: SYSTEM_PROMPT }],
      tools: [BASH_TOOL, EDITOR_TOOL] as unknown as ToolDefinition[],
    };
    expect(profile.systemPrompt).toBe(SYSTEM_PROMPT);
    expect([...profile.skills].sort()).toEqual([...skillsOf(request)].sort());
    expect(profile.checksWork).toBe(false);

    const dir = seedCopy();
    const runTests = promptSkills.find((skill) => skill.name === "run_tests")!.sentence;
    const prompts = readFileSync(join(dir, "src/prompts.ts"), "utf8");
    writeFileSync(join(dir, "src/prompts.ts"), prompts.replace("= [\n", `= [\n  ${JSON.stringify(runTests)},\n`));
    const skilled = await readProfile(dir);
    expect(skilled.skills.has("run_tests")).toBe(true);
    expect(skilled.checksWork).toBe(true);
    expect(skilled.fingerprint).not.toBe(profile.fingerprint);
  });
});
