// The second Ctrl-C reaches every stage a child can be in (no Docker here): an aborted gate starts no
// container and gives no verdict, an aborted agent run starts none, an aborted evaluation starts no
// further task and grades none that was cut short, and an aborted model call does not sleep through
// its retries nor count as a model failure that would stop the run.
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { openArchive } from "../../archive/index.ts";
import {
  ContainerSlots,
  evaluateAgent,
  type GradeFn,
  loadSuite,
  runAgent,
  type SolveFn,
} from "../../evaluator/index.ts";
import type { Sandbox } from "../../sandbox/index.ts";
import { validateAgent } from "../../src/evolve/gate/index.ts";
import {
  createGateway,
  createPricing,
  createScriptedProvider,
  GatewayError,
  ProviderError,
  type ScriptStep,
} from "../../src/llm/index.ts";
import { tempDir } from "../support/temp.ts";

const seedDir = new URL("../../agents/seed/", import.meta.url).pathname;

/** A sandbox that counts the containers asked of it and starts none: an aborted stage must ask for none. */
function countingSandbox(): Sandbox & { started: number } {
  const sandbox = {
    started: 0,
    startSession: () => {
      sandbox.started += 1;
      return Promise.reject(new Error("this test's sandbox starts no container"));
    },
    prune: async () => 0,
  };
  return sandbox;
}

function abortedSignal(): AbortSignal {
  const controller = new AbortController();
  controller.abort();
  return controller.signal;
}

describe("an aborted gate", () => {
  it("throws the abort instead of a verdict and starts no container", async () => {
    const sandbox = countingSandbox();
    const bundleDir = join(tempDir("abort-gate"), "bundle");
    await expect(validateAgent({ sourceDir: seedDir, sandbox, bundleDir, signal: abortedSignal() })).rejects.toThrow(
      expect.objectContaining({ name: "AbortError" }),
    );
    expect(sandbox.started).toBe(0);
  });
});

describe("an aborted agent run", () => {
  it("ends as killed without starting a container", async () => {
    const sandbox = countingSandbox();
    const result = await runAgent({
      sandbox,
      gatewaySocketPath: join(tempDir("abort-run-socket"), "gateway.sock"),
      bundleFile: join(seedDir, "does-not-matter.mjs"),
      workspaceDir: tempDir("abort-run-workspace"),
      instructions: "never read",
      limits: { wallSeconds: 60 },
      labels: { purpose: "test", run: "vitest" },
      signal: abortedSignal(),
    });
    expect(result).toMatchObject({ status: "killed", exitCode: null, workspaceOutDir: "" });
    expect(sandbox.started).toBe(0);
  });
});

describe("an evaluation aborted while its second task's agent runs", () => {
  it("records that task as an error without grading it, and starts no further task", async () => {
    const home = tempDir("abort-evaluate");
    const archive = await openArchive(home);
    onTestFinished(() => archive.close());
    const run = archive.createRun({ config: {}, seed: 1 });
    const { commit, tree } = await archive.store.importDir(seedDir, "seed");
    const agent = archive.createAgent({ runId: run.id, parentId: null, commit, tree, generation: 0 });
    const tasks = loadSuite("builtin:small");
    expect(tasks.length).toBeGreaterThan(3);

    const controller = new AbortController();
    let solved = 0;
    let graded = 0;
    // The second Ctrl-C comes while the second task's agent works; it leaves the workspace unchanged.
    const solve: SolveFn = async ({ task }) => {
      solved += 1;
      if (solved === 2) controller.abort();
      const outcome = { finalWorkspace: { ...task.workspace }, trajectory: "", timedOut: false, killed: false };
      return { ...outcome, exitCode: 0, durationMs: 0, usage: undefined, warnings: [] };
    };
    const grade: GradeFn = async () => {
      graded += 1;
      return { status: "failed", testsPassed: 0, testsTotal: 1, output: "graded", durationMs: 0 };
    };
    const gateway = createGateway({ archive, providers: {}, pricing: createPricing() });
    const result = await evaluateAgent({
      archive,
      sandbox: countingSandbox(),
      gateway,
      agent: { id: agent.id, tree, bundleFile: "unused" },
      runId: run.id,
      stages: [{ name: "small", tasks }],
      seed: 1,
      modelKey: "test",
      slots: new ContainerSlots(1),
      solve,
      grade,
      signal: controller.signal,
    });

    expect(solved).toBe(2);
    expect(graded).toBe(1);
    expect(result.aborted).toBe(true);
    expect(result.scores).toEqual({});
    const rows = archive.listEvaluations({ agentId: agent.id });
    expect(rows.map((row) => row.status)).toEqual(["failed", "error"]);
    expect(rows[1]?.warnings).toContain("the evaluation was aborted before grading; this result is not cached");
    expect(archive.getAgent(agent.id)?.scores).toEqual({});
  });
});

describe("an aborted model call", () => {
  const diagnoser = (sessionId: string) => ({
    runId: null,
    agentId: null,
    attemptId: null,
    evaluationKey: null,
    taskId: null,
    purpose: "diagnose" as const,
    sessionId,
  });
  const ask = { messages: [{ role: "user" as const, content: "why did the agent fail?" }] };

  it("ends during the retry backoff (a minute here) with one attempt, and is no model failure", async () => {
    const archive = await openArchive(tempDir("abort-call"));
    onTestFinished(() => archive.close());
    const controller = new AbortController();
    let attempts = 0;
    const overloaded: ScriptStep = () => {
      attempts += 1;
      // The abort lands once the gateway is waiting to retry: after this failure is handled.
      setImmediate(() => controller.abort());
      return { error: new ProviderError("503 overloaded", true, 503, 60_000) };
    };
    const gateway = createGateway({
      archive,
      providers: { diagnose: createScriptedProvider({ scripts: { default: [overloaded, "answered"] } }) },
      pricing: createPricing(),
      retry: { maxAttempts: 5, baseDelayMs: 60_000, maxDelayMs: 60_000 },
    });

    const call = gateway.call(diagnoser("aborted"), "diagnose", ask, controller.signal);
    await expect(call).rejects.toThrow(GatewayError);
    await expect(call).rejects.toMatchObject({ code: "aborted" });
    expect(attempts).toBe(1);
    expect(gateway.modelFailure()).toBeNull();
  });

  it("that failed as if nothing answered is not latched as the run-stopping failure", async () => {
    const archive = await openArchive(tempDir("abort-unreachable"));
    onTestFinished(() => archive.close());
    const controller = new AbortController();
    // What an aborted request looks like to a provider: the connection went away.
    const cut: ScriptStep = () => {
      controller.abort();
      return { error: new ProviderError("fetch failed", true, undefined, undefined, { unreachable: true }) };
    };
    const gateway = createGateway({
      archive,
      providers: { diagnose: createScriptedProvider({ scripts: { first: [cut], second: ["answered"] } }) },
      pricing: createPricing(),
      retry: { maxAttempts: 3, baseDelayMs: 1 },
    });

    await expect(gateway.call(diagnoser("first"), "diagnose", ask, controller.signal)).rejects.toMatchObject({
      code: "aborted",
    });
    expect(gateway.modelFailure()).toBeNull();
    const next = await gateway.call(diagnoser("second"), "diagnose", ask, new AbortController().signal);
    expect(next.choices[0]?.message.content).toBe("answered");
  });
});
