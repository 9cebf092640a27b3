// The seed agent end to end: bundled on the host, run in the real sandbox, talking to the real
// gateway over its unix socket, with the scripted model (the only fake). Also the gate's smoke stage
// and the read-only toolchain (agent-check) inside a container.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Archive, callerIdentity, openArchive } from "../../archive/index.ts";
import { type AgentRunResult, buildAgent, diffWorkspaces, runAgent } from "../../evaluator/agent-runner/index.ts";
import { prepareToolchain } from "../../sandbox/index.ts";
import { validateAgent } from "../../src/evolve/gate/index.ts";
import {
  type ChatResponse,
  createGateway,
  createPricing,
  createScriptedProvider,
  type Gateway,
  ProviderError,
  type ScriptStep,
} from "../../src/llm/index.ts";
import { runAgentOnDirectory } from "../../src/run/index.ts";
import { describeDocker, testSandbox } from "../support/docker.ts";

const seedDir = new URL("../../agents/seed/", import.meta.url).pathname;
const taskDir = new URL("../../evaluator/tasks/fn-js-run-length/", import.meta.url).pathname;

/** A raw reply whose tool call arguments are not JSON (the scripted provider only builds valid ones). */
function malformedToolCall(): ChatResponse {
  return {
    id: "malformed",
    object: "chat.completion",
    created: 0,
    model: "scripted",
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: null,
          tool_calls: [
            { id: "bad1", type: "function", function: { name: "editor", arguments: '{"command": "view", path' } },
          ],
        },
        finish_reason: "tool_calls",
      },
    ],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

const events = (run: AgentRunResult): Record<string, unknown>[] =>
  run.trajectory
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describeDocker("seed agent in the sandbox", () => {
  const sandbox = testSandbox();
  const scripts: Record<string, ScriptStep[]> = {};
  const work = mkdtempSync(join(tmpdir(), "seed-sandbox-"));
  let archive: Archive;
  let gateway: Gateway;
  let bundleFile = "";

  beforeAll(async () => {
    archive = await openArchive(join(work, "home"));
    gateway = createGateway({
      archive,
      providers: { solve: createScriptedProvider({ scripts }) },
      pricing: createPricing(),
      retry: { maxAttempts: 1 },
    });
    const bundle = await buildAgent({ sandbox: testSandbox(), sourceDir: seedDir, outFile: join(work, "agent.mjs") });
    if (!bundle.ok) throw new Error(`${bundle.stage}: ${bundle.reason}`);
    bundleFile = bundle.outFile;
  });
  afterAll(async () => {
    await gateway.close();
    archive.close();
    rmSync(work, { recursive: true, force: true });
  });

  async function runSeed(
    sessionId: string,
    script: ScriptStep[],
    workspaceDir: string,
    instructions: string,
    limits = {},
    maxSteps = 10,
  ) {
    scripts[sessionId] = script;
    const session = await gateway.openSession({
      identity: callerIdentity({ purpose: "solve", sessionId }),
      role: "solve",
      ...limits,
    });
    try {
      return await runAgent({
        sandbox,
        gatewaySocketPath: session.socketPath,
        bundleFile,
        workspaceDir,
        workspaceOutDir: mkdtempSync(join(work, "out-")),
        instructions,
        limits: { wallSeconds: 60, maxSteps },
        labels: { purpose: "test" },
      });
    } finally {
      await session.close();
    }
  }

  it("solves a built-in task through the editor; the hidden tests pass in a fresh container", async () => {
    const stub = readFileSync(join(taskDir, "workspace/rle.js"), "utf8");
    const reference = readFileSync(join(taskDir, "reference/rle.js"), "utf8");
    const run = await runSeed(
      "solve-rle",
      [
        { toolCalls: [{ name: "editor", arguments: { command: "view", path: "rle.js", view_range: [1, 3] } }] },
        () => ({ response: malformedToolCall() }),
        {
          toolCalls: [
            {
              name: "editor",
              arguments: { command: "str_replace", path: "/workspace/rle.js", old_str: stub, new_str: reference },
            },
          ],
        },
        {
          toolCalls: [
            {
              name: "bash",
              arguments: { command: "node -e \"import('./rle.js').then((m) => console.log(m.encode('aaab')))\"" },
            },
          ],
        },
        "Implemented encode and decode.",
      ],
      join(taskDir, "workspace"),
      readFileSync(join(taskDir, "instructions.md"), "utf8"),
    );
    expect(run.stderrTail).toBe("");
    expect({ status: run.status, exitCode: run.exitCode }).toEqual({ status: "ok", exitCode: 0 });

    const trajectory = events(run);
    expect(trajectory.map((event) => event.type)).toEqual([
      "start",
      "model",
      "tool",
      "model",
      "tool",
      "model",
      "tool",
      "model",
      "tool",
      "model",
      "end",
    ]);
    const tools = trajectory.filter((event) => event.type === "tool");
    expect(tools[0]?.output).toBe(
      '     1\texport function encode(text) {\n     2\t  throw new Error("not implemented");\n     3\t}',
    );
    expect(tools[1]?.output).toMatch(/^Error: the arguments of editor are not a valid JSON object/);
    expect(tools[3]?.output).toBe("exit code 0\n3ab\n");
    // The model saw the tool results, including the complaint about the malformed call.
    const lastRequest = archive.listModelCalls({ sessionId: "solve-rle" }).at(-1)?.request as {
      messages: { role: string; content: string }[];
    };
    expect(
      lastRequest.messages.filter((message) => message.role === "tool").map((message) => message.content.slice(0, 13)),
    ).toEqual(["     1\texport", "Error: the ar", "Replaced in /", "exit code 0\n3"]);

    const diff = await diffWorkspaces(join(taskDir, "workspace"), run.workspaceOutDir);
    expect(diff.changedFiles).toEqual(["rle.js"]);
    expect(readFileSync(join(run.workspaceOutDir, "rle.js"), "utf8")).toBe(reference);

    const grader = await sandbox.startSession({ labels: { purpose: "grade" } });
    try {
      await grader.copyIn(run.workspaceOutDir, "/workspace");
      await grader.writeFiles("/workspace/hidden-test", {
        "rle.test.js": readFileSync(join(taskDir, "tests/hidden-test/rle.test.js")),
      });
      const graded = await grader.exec({
        cmd: ["node", "--test", "hidden-test/"],
        cwd: "/workspace",
        timeoutMs: 60_000,
      });
      expect(graded.stdout).toMatch(/# fail 0/);
      expect(graded.exitCode).toBe(0);
    } finally {
      await grader.destroy();
    }
  });

  it("survives an error reply from the gateway, and stops cleanly when the gateway refuses", async () => {
    const empty = mkdtempSync(join(work, "ws-"));
    const recovered = await runSeed(
      "gateway-error",
      [
        { error: new ProviderError("upstream exploded", false) },
        { toolCalls: [{ name: "bash", arguments: { command: "echo ok > done.txt" } }] },
        "Done.",
      ],
      empty,
      "Write done.txt.",
    );
    expect({ status: recovered.status, exitCode: recovered.exitCode }).toEqual({ status: "ok", exitCode: 0 });
    const firstError = events(recovered).find((event) => event.type === "error");
    expect(firstError?.message).toMatch(/^gateway replied 502: model call failed: .*upstream exploded/);
    expect(readFileSync(join(recovered.workspaceOutDir, "done.txt"), "utf8")).toBe("ok\n");

    const refused = await runSeed(
      "gateway-refusal",
      [{ toolCalls: [{ name: "bash", arguments: { command: "true" } }] }, "never reached"],
      empty,
      "Do something.",
      { limits: { maxCalls: 1 } },
    );
    expect({ status: refused.status, exitCode: refused.exitCode }).toEqual({ status: "ok", exitCode: 1 });
    expect(events(refused).at(-1)).toMatchObject({
      type: "end",
      exitCode: 1,
      reason: expect.stringMatching(/^gateway replied 429/),
    });
  });

  it("stops with exit code 2 at the step limit", async () => {
    const looping: ScriptStep[] = Array.from({ length: 3 }, () => ({
      toolCalls: [{ name: "bash", arguments: { command: "true" } }],
    }));
    const run = await runSeed("step-limit", looping, mkdtempSync(join(work, "ws-")), "Loop.", {}, 2);
    expect({ status: run.status, exitCode: run.exitCode }).toEqual({ status: "ok", exitCode: 2 });
    expect(events(run).at(-1)).toMatchObject({ type: "end", exitCode: 2, reason: "step limit of 2 reached" });
  });

  it("gate: passes the seed, rejects an agent that crashes at start with its stderr", async () => {
    const passed = await validateAgent({ sourceDir: seedDir, sandbox, bundleDir: join(work, "gate-seed") });
    expect(passed).toMatchObject({ ok: true, bundleFile: join(work, "gate-seed", "agent.mjs") });

    const crasher = mkdtempSync(join(work, "crasher-"));
    cpSync(seedDir, crasher, { recursive: true });
    const main = join(crasher, "src/main.ts");
    writeFileSync(main, `${readFileSync(main, "utf8")}\nthrow new Error("boom at start");\n`);
    const rejected = await validateAgent({ sourceDir: crasher, sandbox, bundleDir: join(work, "gate-crasher") });
    expect(rejected).toEqual({
      ok: false,
      stage: "smoke",
      reason: expect.stringMatching(/^smoke run exited with code 1; stderr: .*Error: boom at start/s),
    });
  });

  it("agent-check typechecks, bundles and runs the agent's own tests inside the sandbox", async () => {
    const toolchain = await prepareToolchain();
    const session = await sandbox.startSession({
      labels: { purpose: "check" },
      trees: [toolchain.tree],
      env: { PATH: toolchain.path },
    });
    try {
      await session.copyIn(seedDir, "/workspace");
      const check = await session.exec({ cmd: ["agent-check"], cwd: "/workspace", timeoutMs: 120_000 });
      expect(check.stderr).toBe("");
      expect(check.stdout).toMatch(/== typecheck[\s\S]*== bundle[\s\S]*# fail 0[\s\S]*agent-check: ok/);
      expect(check.exitCode).toBe(0);
      const broken = await session.exec({
        cmd: ["sh", "-c", "echo 'export const x: number = \"no\";' > src/broken.ts && agent-check"],
        cwd: "/workspace",
        timeoutMs: 120_000,
      });
      expect(broken.exitCode).not.toBe(0);
      expect(broken.stdout).toMatch(/src\/broken\.ts\(1,14\): error TS2322/);
    } finally {
      await session.destroy();
    }
  });
});

describeDocker("dgm agent run (runAgentOnDirectory)", () => {
  it("runs the seed on a copy of a directory, records the run, writes the outputs, leaves the directory alone", async () => {
    const home = mkdtempSync(join(tmpdir(), "agent-run-home-"));
    const project = mkdtempSync(join(tmpdir(), "agent-run-project-"));
    writeFileSync(join(project, "math.js"), "export const add = (a, b) => a - b;\n");
    const archive = await openArchive(home);
    try {
      const result = await runAgentOnDirectory({
        archive,
        agentRef: "seed",
        workspaceDir: project,
        instructions: "Fix add in math.js.",
        outDir: join(home, "out"),
        model: "sim",
        limits: { wallSeconds: 60, maxSteps: 5 },
        sandbox: testSandbox(),
      });
      expect(result).toMatchObject({ agent: "seed", model: "sim:dgm-sim", status: "ok", exitCode: 0 });
      expect(readFileSync(join(project, "math.js"), "utf8")).toBe("export const add = (a, b) => a - b;\n");
      const lines = readFileSync(result.trajectoryFile, "utf8").trim().split("\n");
      expect(JSON.parse(lines[0] ?? "{}")).toMatchObject({ type: "start", workspace: "/workspace" });
      expect(readFileSync(result.patchFile, "utf8")).toBe(
        result.changedFiles.length === 0 ? "" : expect.stringContaining("diff --git"),
      );
      expect(archive.listModelCalls({ runId: result.runId }).length).toBe(result.usage?.calls);
      expect(archive.getRun(result.runId)?.status).toBe("finished");
    } finally {
      archive.close();
      rmSync(home, { recursive: true, force: true });
      rmSync(project, { recursive: true, force: true });
    }
  });
});
