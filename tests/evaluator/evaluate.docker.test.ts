// Evaluating agents end to end: the seed agent (bundled) driven by the scripted model behind the real
// gateway, in the real sandbox, recorded in a real archive. Covers tampering with tests and runner
// config, a never-stopping agent, parallel vs serial agreement, cache hits and staged scoring.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openArchive } from "../../archive/index.ts";
import { buildAgent } from "../../evaluator/agent-runner/index.ts";
import {
  ContainerSlots,
  type EvaluateAgentOptions,
  type EvaluationStage,
  evaluateAgent,
  loadSuite,
  type Task,
} from "../../evaluator/index.ts";
import {
  type CallContext,
  createGateway,
  createPricing,
  createScriptedProvider,
  type ScriptStep,
} from "../../src/llm/index.ts";
import { describeDocker, testSandbox } from "../support/docker.ts";

const seedDir = new URL("../../agents/seed/", import.meta.url).pathname;
const fixtures = new URL("../fixtures/", import.meta.url).pathname;

describeDocker("evaluating an agent", () => {
  const work = mkdtempSync(join(tmpdir(), "dgm-evaluate-"));
  const [runLength] = loadSuite("builtin:fn-js-run-length");
  const [inventory] = loadSuite("builtin:repo-py-inventory-stock");
  const [leap] = loadSuite(`polyglot:${join(fixtures, "polyglot")}:python__leap`);
  const tasks = [runLength, inventory, leap].filter((task): task is Task => task !== undefined);
  const byId = new Map(tasks.map((task) => [task.qualifiedId, task]));

  // One step per task, chosen by the session's task id: solve, tamper, or answer wrongly.
  const firstStep = (_request: unknown, context: CallContext): ScriptStep => {
    const task = byId.get(context.caller.taskId ?? "");
    if (!task) throw new Error(`unexpected task ${context.caller.taskId}`);
    const create = (path: string, text: string) => ({
      name: "editor",
      arguments: { command: "create", path, file_text: text },
    });
    if (task === runLength) {
      return {
        toolCalls: task.manifest.solutionFiles.map((path) => create(path, task.reference[path]?.toString() ?? "")),
      };
    }
    if (task === inventory) {
      // Rewrites the hidden tests' paths with tests that always pass, and adds runner configuration.
      const passing = "import unittest\n\nclass T(unittest.TestCase):\n    def test_ok(self):\n        pass\n";
      return {
        toolCalls: [
          ...task.manifest.testFiles.map((path) => create(path, passing)),
          create("setup.cfg", "[tool:pytest]\naddopts = -k nothing\n"),
        ],
      };
    }
    return { toolCalls: [create("leap.py", "def leap_year(year):\n    return year % 4 == 0\n")] };
  };
  const scripts: Record<string, ScriptStep[]> = { default: [firstStep, "done"] };

  let archive: Awaited<ReturnType<typeof openArchive>>;
  const gateway = createGateway({
    archive: { recordModelCall: (call) => archive.recordModelCall(call) },
    providers: { solve: createScriptedProvider({ scripts }) },
    pricing: createPricing(),
    retry: { maxAttempts: 1 },
  });
  const sandbox = testSandbox();
  let seedBundle = "";
  let runId = "";
  let tree = "";

  beforeAll(async () => {
    archive = await openArchive(join(work, "home"));
    const bundle = await buildAgent({ sandbox: testSandbox(), sourceDir: seedDir, outFile: join(work, "seed.mjs") });
    if (!bundle.ok) throw new Error(`${bundle.stage}: ${bundle.reason}`);
    seedBundle = bundle.outFile;
    runId = archive.createRun({ config: { test: "evaluate" }, seed: 1 }).id;
    tree = (await archive.store.importDir(seedDir, "seed")).tree;
  });
  afterAll(async () => {
    await gateway.close();
    archive.close();
    rmSync(work, { recursive: true, force: true });
  });

  const newAgent = (bundleFile = seedBundle) => {
    const row = archive.createAgent({ runId, parentId: null, commit: "0".repeat(40), tree, generation: 0 });
    return { id: row.id, tree, bundleFile };
  };
  const options = (overrides: Partial<EvaluateAgentOptions>): EvaluateAgentOptions => ({
    archive,
    sandbox,
    gateway,
    agent: newAgent(),
    runId,
    stages: [{ name: "small", tasks }],
    seed: 1,
    modelKey: "scripted",
    slots: new ContainerSlots(2),
    limits: { wallSeconds: 60, maxSteps: 5 },
    ...overrides,
  });

  it("grades against pristine tests, agrees in parallel and serially, and answers from the cache", {
    timeout: 300_000,
  }, async () => {
    const parallel = await evaluateAgent(options({ workers: 2 }));
    const statusOf = (rows: typeof parallel.results) =>
      Object.fromEntries(rows.map((row) => [row.taskId, `${row.status} ${row.testsPassed}/${row.testsTotal}`]));
    const parallelStatus = statusOf(parallel.results);

    const solved = parallel.results.find((row) => row.taskId === runLength?.qualifiedId);
    expect(solved?.status).toBe("passed");
    expect(solved?.patch).toContain(`+++ b/${runLength?.manifest.solutionFiles[0]}`);
    expect(solved?.trajectoryRef).not.toBeNull();
    expect(archive.readBlob(solved?.trajectoryRef ?? "")?.toString()).toContain('"type":"end"');

    // The tampering agent's own tests and config were never applied: the real hidden tests failed.
    const tampered = parallel.results.find((row) => row.taskId === inventory?.qualifiedId);
    expect(tampered?.status).toBe("failed");
    expect(tampered?.testsTotal).toBeGreaterThan(1);
    expect(tampered?.testsPassed).toBeLessThan(tampered?.testsTotal ?? 0);
    expect(tampered?.patch).toBe("");
    expect(tampered?.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/hidden_tests\/test_fix.py \(not a solution file, ignored\)/),
        expect.stringMatching(/added setup.cfg/),
      ]),
    );

    // Polyglot results are filed under DGM's exercise id.
    const wrong = parallel.results.find((row) => row.taskId === "polyglot:python__leap");
    expect(wrong).toMatchObject({ status: "failed", testsPassed: 3, testsTotal: 4 });
    expect(parallel.scores.small).toBeCloseTo(1 / 3);
    expect(archive.getAgent(parallel.results[0]?.agentId ?? "")?.scores.small).toBeCloseTo(1 / 3);

    // Serially, under another model key so that nothing comes from the cache: the same verdicts.
    const serial = await evaluateAgent(
      options({ workers: 1, slots: new ContainerSlots(1), modelKey: "scripted-serial" }),
    );
    expect(statusOf(serial.results)).toEqual(parallelStatus);

    // Same tree, task content, model and seed: every result comes from the cache, no model call made.
    const callsBefore = archive.listModelCalls({ runId }).length;
    const cachedFlags: boolean[] = [];
    const cached = await evaluateAgent(options({ onResult: (_row, info) => cachedFlags.push(info.cached) }));
    expect(cachedFlags).toEqual([true, true, true]);
    expect(statusOf(cached.results)).toEqual(parallelStatus);
    expect(archive.listModelCalls({ runId }).length).toBe(callsBefore);
  });

  it("stops after a stage below its threshold", { timeout: 120_000 }, async () => {
    const stages: EvaluationStage[] = [
      { name: "small", tasks, advanceAt: 0.5 },
      { name: "medium", tasks: [...tasks, ...loadSuite("builtin:fn-js-format-bytes")] },
    ];
    // Cached from the first test: small scores 1/3 < 0.5, so medium never runs.
    const result = await evaluateAgent(options({ stages }));
    expect(result.stoppedAfter).toBe("small");
    expect(result.scores.medium).toBeUndefined();
    expect(result.stopReason).toMatch(/small scored 0.33 < 0.5/);
  });

  it("times out an agent that never stops and grades the workspace it left", { timeout: 120_000 }, async () => {
    const task = runLength as Task;
    const [path] = task.manifest.solutionFiles;
    const hanging = join(work, "hanging.mjs");
    writeFileSync(
      hanging,
      [
        'import { writeFileSync } from "node:fs";',
        "const workspace = process.argv[process.argv.indexOf('--workspace') + 1];",
        `writeFileSync(workspace + "/" + ${JSON.stringify(path)}, ${JSON.stringify(task.reference[path ?? ""]?.toString())});`,
        "for (;;) {}",
      ].join("\n"),
    );
    const started = Date.now();
    const result = await evaluateAgent(
      options({
        agent: newAgent(hanging),
        modelKey: "hanging",
        stages: [{ name: "small", tasks: [task] }],
        limits: { wallSeconds: 3, graceSeconds: 2 },
      }),
    );
    const [row] = result.results;
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(row?.status).toBe("passed");
    expect(row?.warnings.join("\n")).toMatch(/did not stop within 3 s and was killed/);
  });
});
