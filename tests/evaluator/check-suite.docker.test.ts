// `tasks check` on the whole built-in suite in the real sandbox: every stub fails and every reference
// passes (stub and reference in one grading container per task, two workers). Plus the polyglot
// fixture. The flakiness check (each reference 20 times in a row) is on demand: `npm run check:tasks`.
import { join } from "node:path";
import { expect, it } from "vitest";
import { ContainerSlots, checkTasks, gradeFiles, loadPolyglot, scanBuiltinTasks } from "../../evaluator/index.ts";
import { describeDocker, testSandbox } from "../support/docker.ts";

const fixtures = new URL("../fixtures/", import.meta.url).pathname;

describeDocker("tasks check in the sandbox", () => {
  const sandbox = testSandbox();

  it("every built-in stub fails and every reference passes", { timeout: 180_000 }, async () => {
    const { tasks, problems } = scanBuiltinTasks();
    const checks = await checkTasks(tasks, { sandbox, slots: new ContainerSlots(2), repeat: 1 }, problems);
    const failures = checks.filter((check) => !check.ok).map((check) => `${check.id}: ${check.problems.join("; ")}`);
    expect(failures).toEqual([]);
    expect(checks.length).toBe(tasks.length);
    for (const check of checks) {
      expect(check.reference).toHaveLength(1);
      expect(check.stub?.status).not.toBe("passed");
      expect(check.reference[0]?.testsTotal).toBeGreaterThan(0);
    }
  });

  it("repeats a reference in one container on a pristine workspace each time (the on-demand flakiness check)", async () => {
    const task = scanBuiltinTasks().tasks.find((candidate) => candidate.manifest.language === "python");
    if (!task) throw new Error("the built-in suite has no Python task");
    const [check] = await checkTasks([task], { sandbox, slots: new ContainerSlots(1), repeat: 3 });
    expect(check?.problems).toEqual([]);
    expect(check?.reference.map((run) => run.status)).toEqual(["passed", "passed", "passed"]);
    expect(check?.stub?.status).not.toBe("passed");
  });

  it("grades the polyglot fixture: jest on ESM with xtest unskipped, and pytest", async () => {
    const tasks = loadPolyglot(join(fixtures, "polyglot"));
    const slots = new ContainerSlots(2);
    const results = await Promise.all(
      tasks.flatMap((task) => [
        gradeFiles(task, {}, { sandbox, slots }),
        gradeFiles(task, task.reference, { sandbox, slots }),
      ]),
    );
    const [jsStub, jsReference, pyStub, pyReference] = results;
    expect(jsStub).toMatchObject({ status: "failed", testsPassed: 0, testsTotal: 3 });
    expect(jsReference).toMatchObject({ status: "passed", testsPassed: 3, testsTotal: 3 });
    expect(pyStub).toMatchObject({ status: "failed", testsPassed: 0, testsTotal: 4 });
    expect(pyReference).toMatchObject({ status: "passed", testsPassed: 4, testsTotal: 4 });
  });
});
