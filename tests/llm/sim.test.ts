// The offline simulator: deterministic, acts only through the agent's tools, succeeds more often
// when the agent's prompt and tools express more skills, diagnoses a missing skill, and adds it to
// an agent's own prompt (sometimes breaking the build or changing nothing).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { createSimProvider, promptSkills, type SimTaskKnowledge } from "../../src/llm/index.ts";
import { harmfulInstructions } from "../../src/llm/sim/landscape.ts";
import { bashTool, editorTool, runAgent } from "./agent-harness.ts";
import { identity } from "./support.ts";

const reference = [
  "export function clamp(x, lo, hi) {",
  "  if (x < lo) return lo;",
  "  if (x > hi) return hi;",
  "  return x;",
  "}",
  'export const banner = `it\'s $HOME and \\\\n "quoted"`;',
  "",
].join("\n");
const stub = 'export function clamp(x, lo, hi) {\n  throw new Error("not implemented");\n}\n';
const task: SimTaskKnowledge = {
  solutionFiles: { "src/clamp.js": reference },
  stubFiles: { "src/clamp.js": stub },
  difficulty: "easy",
};
// A Python task for the checking test: py_compile starts far faster than node --check.
const pyReference =
  "def clamp(x, lo, hi):\n    if x < lo:\n        return lo\n    if x > hi:\n        return hi\n    return x\n";
const pyTask: SimTaskKnowledge = {
  solutionFiles: { "clamp.py": pyReference },
  stubFiles: { "clamp.py": "def clamp(x, lo, hi):\n    raise NotImplementedError\n" },
  difficulty: "easy",
};
const tasks: Record<string, SimTaskKnowledge> = { clamp: task, "clamp-py": pyTask };
// "clamp-py#7" is the clamp-py task under another id: the sim draws outcomes per task, so many ids
// give many independent draws of the same task.
const baseTask = (id: string) => id.split("#")[0]!;
const oracle = { lookup: (id: string) => tasks[baseTask(id)] };
const seedPrompt =
  "You are a coding agent working in a repository at the workspace directory.\nUse the tools to make the change.";
const seedTools = [bashTool, editorTool({ ranged: true, undo: true })];
const sentence = (name: string) => promptSkills.find((skill) => skill.name === name)!.sentence;

const dirs: string[] = [];
function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "dgm-sim-test-"));
  dirs.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function solveOnce(system: string, tools = seedTools, agentId = "agent-1", taskId = "clamp") {
  const [path, content] = Object.entries(tasks[baseTask(taskId)]!.stubFiles)[0]!;
  const dir = workspace({ [path]: content, "README.md": "Implement clamp." });
  const run = await runAgent({
    provider: createSimProvider({ oracle }),
    dir,
    system,
    task: "Implement clamp in src/clamp.js.",
    tools,
    caller: identity({ taskId, agentId, sessionId: `s-${agentId}` }),
    seed: 7,
  });
  return { run, written: readFileSync(join(dir, path), "utf8") };
}

describe("sim: solving", () => {
  it("is deterministic from seed, identity and request", async () => {
    const a = await solveOnce(seedPrompt);
    const b = await solveOnce(seedPrompt);
    expect(JSON.stringify(b.run.messages)).toBe(JSON.stringify(a.run.messages));
    expect(a.run.finalText).toMatch(/src\/clamp\.js/);
    const toolsUsed = a.run.messages.flatMap((m) =>
      m.role === "assistant" ? (m.tool_calls ?? []).map((c) => c.function.name) : [],
    );
    expect(toolsUsed[0]).toBe("bash");
    expect(toolsUsed).toContain("editor");
  });

  it("writes through bash alone (heredoc, exact bytes) and fails when no tool can write", async () => {
    let exact = false;
    for (let i = 0; i < 12 && !exact; i++)
      exact = (await solveOnce(seedPrompt, [bashTool], `bash-${i}`)).written === reference;
    expect(exact).toBe(true);

    const readOnly = await solveOnce(seedPrompt, [editorTool({ commands: ["view"] })]);
    expect(readOnly.written).toBe(stub);
    expect(readOnly.run.finalText).toMatch(/cannot/);
  });

  it("succeeds more often when the agent expresses more skills", async () => {
    // Editor-only agents: everything stays in process, so many seeded sessions are cheap.
    const editorOnly = [editorTool({ ranged: true, undo: true })];
    const skilled = [
      seedPrompt,
      sentence("plan"),
      sentence("read_first"),
      sentence("retry_on_error"),
      sentence("edge_cases"),
    ].join("\n");
    const rate = async (system: string) => {
      let solved = 0;
      for (let i = 0; i < 100; i++) {
        if ((await solveOnce(system, editorOnly, `agent-${i}`, `clamp-py#${i}`)).written === pyReference) solved++;
      }
      return solved / 100;
    };
    const seedRate = await rate(seedPrompt);
    const skilledRate = await rate(skilled);
    console.log(
      `sim success on an easy task: seed-like agent ${seedRate.toFixed(2)}, with 4 more skills ${skilledRate.toFixed(2)}`,
    );
    expect(seedRate).toBeGreaterThan(0.3);
    expect(seedRate).toBeLessThan(0.5);
    expect(skilledRate).toBeGreaterThan(seedRate + 0.2);
  });

  it("with the run_tests skill, checks its work with bash and sometimes fixes a wrong answer", async () => {
    const system = [seedPrompt, sentence("run_tests")].join("\n");
    const runs = [];
    for (let i = 0; i < 12; i++) runs.push(await solveOnce(system, seedTools, `checker-${i}`, `clamp-py#${i}`));
    const commands = runs.flatMap(({ run }) =>
      run.messages.flatMap((m) =>
        m.role === "assistant" ? (m.tool_calls ?? []).map((c) => c.function.arguments) : [],
      ),
    );
    expect(commands.some((args) => args.includes("py_compile"))).toBe(true);
    const fixed = runs.filter(({ run }) =>
      run.messages.some((m) => m.role === "assistant" && m.content?.includes("The check showed a problem")),
    );
    expect(fixed.length).toBeGreaterThan(0);
    for (const { written } of fixed) expect(written).toBe(pyReference);
  });
});

const promptsFile = (lines: string[]) =>
  ["export const SYSTEM_PROMPT = [", ...lines.map((line) => `  ${JSON.stringify(line)},`), '].join("\\n");', ""].join(
    "\n",
  );

describe("sim: diagnosis and self-modification", () => {
  it("diagnoses a skill the agent lacks, naming its sentence verbatim", async () => {
    const source = promptsFile(["You are a coding agent.", sentence("run_tests")]);
    const request = {
      messages: [
        { role: "system" as const, content: "You are an expert in building coding agents." },
        { role: "user" as const, content: `## Agent source\n\n### src/prompts.ts\n\`\`\`\n${source}\n\`\`\`\n` },
      ],
    };
    const sim = createSimProvider();
    const context = {
      caller: identity({ purpose: "diagnose", attemptId: "att-1" }),
      role: "diagnose" as const,
      seed: 3,
      seq: 0,
    };
    const reply = await sim.complete(request, context);
    const again = await sim.complete(request, context);
    expect(again).toEqual(reply);
    const proposal = JSON.parse(reply.choices[0]!.message.content!) as { skill: string; problem_statement: string };
    const skill = promptSkills.find((candidate) => candidate.name === proposal.skill);
    expect(skill).toBeDefined();
    expect(proposal.skill).not.toBe("run_tests");
    expect(proposal.problem_statement).toContain(skill!.sentence);
  });

  async function selfModify(attemptId: string, tools = seedTools, system = seedPrompt) {
    const original = promptsFile(["You are a coding agent working in a repository at the workspace directory."]);
    const dir = workspace({
      "src/prompts.ts": original,
      "src/main.ts": 'import { SYSTEM_PROMPT } from "./prompts.ts";\n',
    });
    const instructions = `The workspace is the source code of a coding agent (you).\n\nAdd this instruction to the agent's system prompt: "${sentence("edge_cases")}"`;
    await runAgent({
      provider: createSimProvider(),
      dir,
      system,
      task: instructions,
      tools,
      caller: identity({ purpose: "self-modify", attemptId, taskId: null }),
      seed: 11,
    });
    const after = readFileSync(join(dir, "src/prompts.ts"), "utf8");
    const withLine = (text: string) => original.replace("= [\n", `= [\n  ${JSON.stringify(text)},\n`);
    const outcome =
      after === original
        ? "unchanged"
        : after === withLine(sentence("edge_cases"))
          ? "added"
          : harmfulInstructions.some((instruction) => after === withLine(instruction.sentence))
            ? "misguided"
            : "broken";
    return { original, after, outcome };
  }

  async function tally(prefix: string, system = seedPrompt) {
    const outcomes = await Promise.all(
      Array.from({ length: 60 }, (_, i) => selfModify(`${prefix}-${i}`, seedTools, system)),
    );
    const counts = { added: 0, misguided: 0, broken: 0, unchanged: 0 };
    for (const result of outcomes) counts[result.outcome as keyof typeof counts]++;
    return { outcomes, counts };
  }

  function typeErrors(text: string): number {
    const host = ts.createCompilerHost({});
    const file = "/virtual/prompts.ts";
    const read = host.getSourceFile;
    host.getSourceFile = (name, version) =>
      name === file ? ts.createSourceFile(name, text, version) : read(name, version);
    const program = ts.createProgram([file], { noEmit: true, strict: true, lib: ["lib.es2022.d.ts"], types: [] }, host);
    return [...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics()].length;
  }

  it("adds the skill through the agent's tools, and sometimes breaks the build, misguides or changes nothing", async () => {
    // The seed-like modifier (no prompt skill): landscape.ts gives 0.2 broken, 0.1 unchanged, and
    // 0.4 of the rest misguided, so about 25 added, 17 misguided, 12 broken, 6 unchanged of 60.
    const { outcomes, counts } = await tally("att");
    expect(counts.added).toBeGreaterThan(15);
    expect(counts.misguided).toBeGreaterThan(5);
    expect(counts.broken).toBeGreaterThan(0);
    expect(counts.unchanged).toBeGreaterThan(0);
    const broken = outcomes.find((result) => result.outcome === "broken")!;
    expect(typeErrors(broken.after)).toBeGreaterThan(0);
    expect(typeErrors(outcomes.find((result) => result.outcome === "added")!.after)).toBe(0);
    expect(typeErrors(outcomes.find((result) => result.outcome === "misguided")!.after)).toBe(0);
    // The same attempt is the same outcome.
    expect((await selfModify("att-0")).after).toBe(outcomes[0]!.after);
  });

  it("modifies better when the modifier plans, reads first and checks its work (a heritable skill)", async () => {
    const skilled = [seedPrompt, sentence("plan"), sentence("read_first"), sentence("run_tests")].join("\n");
    const seedLike = await tally("heritable");
    const good = await tally("heritable", skilled);
    // landscape.ts: broken 0.2 → 0.1 and misguided 0.4 → 0.1 of the rest: added 42% → 72%.
    expect(good.counts.added).toBeGreaterThan(seedLike.counts.added + 8);
    expect(good.counts.misguided + good.counts.broken).toBeLessThan(
      seedLike.counts.misguided + seedLike.counts.broken - 8,
    );
  });

  it("edits with sed when bash is its only tool", async () => {
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => selfModify(`sed-${i}`, [bashTool])));
    expect(results.some((result) => result.outcome === "added")).toBe(true);
  });
});
