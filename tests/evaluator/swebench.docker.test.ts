// SWE-bench end to end, offline: an instance of our own in the published format (tests/support/
// swebench-fixture.ts) with its environment image under the published name, graded as the published
// harness grades (the gold patch resolves, the empty one does not, breaking a PASS_TO_PASS test fails,
// a patch that does not apply is reported, editing the tests gains nothing), and the seed agent with a
// scripted model solving it in the instance's image, which has no node of its own.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openArchive } from "../../archive/index.ts";
import { buildAgent } from "../../evaluator/agent-runner/index.ts";
import { ContainerSlots, evaluateAgent, loadSuite, type Task } from "../../evaluator/index.ts";
import { type EnvironmentTask, gradeInstance } from "../../evaluator/swebench/grade.ts";
import { instanceImageName } from "../../evaluator/swebench/image-name.ts";
import { dockerClient } from "../../sandbox/docker.ts";
import { type CallContext, createGateway, createPricing, createScriptedProvider } from "../../src/llm/index.ts";
import { describeDocker, testSandbox } from "../support/docker.ts";
import { type SwebenchFixture, swebenchFixture } from "../support/swebench-fixture.ts";

const seedDir = new URL("../../agents/seed/", import.meta.url).pathname;

describeDocker("SWE-bench instances", () => {
  const work = mkdtempSync(join(tmpdir(), "dgm-swebench-"));
  const sandbox = testSandbox();
  let fixture: SwebenchFixture;
  let task: EnvironmentTask;

  beforeAll(async () => {
    fixture = await swebenchFixture();
    const id = String(fixture.record.instance_id);
    // Under the published name, as a user's `docker pull` or `docker load` leaves it.
    const [repo = "", tag = "latest"] = instanceImageName(id).split(":");
    await dockerClient().getImage(fixture.image).tag({ repo, tag });
    const [loaded] = loadSuite(`swebench:${fixture.instancesFile(work)}`);
    if (!loaded?.environment) throw new Error("the fixture's instance did not load as an environment task");
    task = loaded as EnvironmentTask;
  }, 300_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const grade = (patch: string) => gradeInstance(task, patch, { sandbox, labels: { run: "swebench-test" } });

  it("resolves with the gold patch, every named test's status kept", async () => {
    const result = await grade(fixture.goldPatch);
    expect(result.status, result.output).toBe("passed");
    expect([result.testsPassed, result.testsTotal]).toEqual([3, 3]);
    expect(result.tests).toEqual([
      { name: "tests/test_ops.py::test_clamp_high", expected: "FAIL_TO_PASS", status: "PASSED", passed: true },
      { name: "tests/test_ops.py::test_add", expected: "PASS_TO_PASS", status: "PASSED", passed: true },
      { name: "tests/test_ops.py::test_clamp_low", expected: "PASS_TO_PASS", status: "PASSED", passed: true },
    ]);
  });

  it("does not resolve with the empty patch: the FAIL_TO_PASS test fails", async () => {
    const result = await grade("");
    expect(result.status).toBe("failed");
    expect([result.testsPassed, result.testsTotal]).toEqual([2, 3]);
    expect(result.tests?.find((test) => test.expected === "FAIL_TO_PASS")).toMatchObject({
      status: "FAILED",
      passed: false,
    });
    expect(result.output).toContain("test_clamp_high");
  });

  it("does not resolve a patch that fixes FAIL_TO_PASS but breaks a PASS_TO_PASS test", async () => {
    const result = await grade(fixture.breakingPatch);
    expect(result.status).toBe("failed");
    const byName = new Map(result.tests?.map((test) => [test.name, test]));
    expect(byName.get("tests/test_ops.py::test_clamp_high")?.passed).toBe(true);
    expect(byName.get("tests/test_ops.py::test_add")).toMatchObject({ status: "FAILED", passed: false });
  });

  it("reports a patch that does not apply, without crashing", async () => {
    const result = await grade(fixture.strayPatch);
    expect(result.status).toBe("failed");
    expect(result.output).toMatch(/patch does not apply/);
    expect(result.reason).toBe("the patch does not apply");
  });

  it("gives nothing for editing the tests or adding a conftest.py that reports every test passed", async () => {
    const result = await grade(fixture.testEditingPatch);
    expect(result.status).toBe("failed");
    expect(result.tests?.find((test) => test.expected === "FAIL_TO_PASS")?.passed).toBe(false);
  });

  it("refuses a patch that writes into git's own data (a hook would run when the tests are put back)", async () => {
    const hook =
      "diff --git a/.git/hooks/post-checkout b/.git/hooks/post-checkout\nnew file mode 100755\n--- /dev/null\n+++ b/.git/hooks/post-checkout\n@@ -0,0 +1,2 @@\n+#!/bin/sh\n+echo 'def test_clamp_high(): pass' >> tests/test_ops.py\n";
    const result = await grade(hook);
    expect(result.status).toBe("failed");
    expect(result.reason).toBe("the patch writes into .git");
    expect(result.output).toContain(".git/hooks/post-checkout");
  });

  it("pulls a missing image by name, and says how to load it when no registry answers", async () => {
    // `.invalid` never resolves, with or without a network: the pull fails at once, everywhere.
    const image = "registry.invalid/sweb.eval.x86_64.nothing:latest";
    const missing = { ...task, environment: { ...task.environment, image } };
    await expect(gradeInstance(missing, fixture.goldPatch, { sandbox })).rejects.toThrow(
      /registry\.invalid\/sweb\.eval\.x86_64\.nothing:latest is not on engine \S+ and pulling it failed: .*docker load -i image\.tar/s,
    );
  });

  it("runs the seed agent in the instance's image (node carried in, no hidden tests inside) and resolves it", {
    timeout: 300_000,
  }, async () => {
    const archive = await openArchive(join(work, "home"));
    const bundle = await buildAgent({ sandbox, sourceDir: seedDir, outFile: join(work, "seed.mjs") });
    if (!bundle.ok) throw new Error(`${bundle.stage}: ${bundle.reason}`);
    let looked = "";
    const toolOutput = (request: unknown): string => JSON.stringify(request).slice(-6000);
    const scripts = {
      default: [
        {
          toolCalls: [
            {
              name: "bash",
              arguments: {
                command:
                  "command -v node; grep -rlI --exclude-dir=proc --exclude-dir=sys --exclude-dir=dev test_clamp_high / 2>/dev/null | head; echo grep-done; git log --oneline | wc -l; python3 -m pytest -q tests 2>&1 | tail -1",
              },
            },
          ],
        },
        (request: unknown, _context: CallContext) => {
          looked = toolOutput(request);
          return {
            toolCalls: [
              {
                name: "editor",
                arguments: {
                  command: "str_replace",
                  path: "calc/ops.py",
                  old_str: fixture.buggyLine,
                  new_str: fixture.fixedLine,
                },
              },
            ],
          };
        },
        "done" as const,
      ],
    };
    const gateway = createGateway({
      archive: { recordModelCall: (call) => archive.recordModelCall(call) },
      providers: { solve: createScriptedProvider({ scripts }) },
      pricing: createPricing(),
      retry: { maxAttempts: 1 },
    });
    try {
      const run = archive.createRun({ config: { suite: "swebench" }, seed: 1 });
      const tree = (await archive.store.importDir(seedDir, "seed")).tree;
      const agent = archive.createAgent({ runId: run.id, parentId: null, commit: "0".repeat(40), tree, generation: 0 });
      const result = await evaluateAgent({
        archive,
        sandbox,
        gateway,
        agent: { id: agent.id, tree, bundleFile: bundle.outFile },
        runId: run.id,
        stages: [{ name: "full", tasks: [task as Task] }],
        seed: 1,
        modelKey: "scripted",
        slots: new ContainerSlots(2),
        limits: { wallSeconds: 120 },
      });
      const [row] = result.results;
      expect(row?.status, `${row?.testOutput}\n${row?.warnings.join("\n")}`).toBe("passed");
      expect(row?.patch).toContain("+        return high");
      expect(row?.grading?.tests?.every((test) => test.passed)).toBe(true);
      // node came from the runtime tree; the hidden test is nowhere in the container; the repository
      // is a fresh one with one commit (no history holding the fix); the environment's pytest ran.
      expect(looked).toContain("/opt/dgm-node/bin/node");
      expect(looked).toMatch(/grep-done\\n1\\n/);
      expect(looked).toMatch(/2 passed/);
    } finally {
      await gateway.close();
      archive.close();
    }
  });
});
