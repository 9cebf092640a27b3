// `tasks check` on the whole built-in suite in the real sandbox: every stub fails and every reference
// passes (stub and reference in one grading container per task, two workers). Plus the polyglot
// fixture, one exercise per language, each in its language's image. The flakiness check (each
// reference 20 times in a row) is on demand: `npm run check:tasks`.
import { join } from "node:path";
import { expect, it } from "vitest";
import {
  ContainerSlots,
  checkTasks,
  gradeFiles,
  loadSuite,
  scanBuiltinTasks,
  scanSuite,
} from "../../evaluator/index.ts";
import { imageExists, languageImageTag, TOOLCHAIN_LANGUAGES } from "../../sandbox/index.ts";
import { describeDocker, dockerMissingReason, testSandbox } from "../support/docker.ts";

const fixtures = new URL("../fixtures/", import.meta.url).pathname;
const polyglotRoot = join(fixtures, "polyglot");

/** Toolchain images (go, rust, java, cpp) that are not built here; probed once, only where Docker is. */
const missingToolchains =
  dockerMissingReason === undefined
    ? (
        await Promise.all(
          TOOLCHAIN_LANGUAGES.map(async (language) =>
            (await imageExists(languageImageTag(language))) ? [] : [languageImageTag(language)],
          ),
        )
      ).flat()
    : [];

/** Like describeDocker's rule for the base image: a missing toolchain image fails in CI, skips elsewhere. */
function needsToolchains(skip: () => void): void {
  if (missingToolchains.length === 0) return;
  const why = `the toolchain images ${missingToolchains.join(", ")} are missing (run \`node bin/dgm.mjs sandbox build --languages all\`)`;
  if (process.env.CI === "true") throw new Error(`Docker is required in CI but ${why}`);
  console.warn(`[skip] ${why}`);
  skip();
}

/** What each fixture exercise holds: its tests, and how many of them the untouched stub passes. */
const FIXTURE_TESTS: Record<string, { total: number; stubPassed: number; stubTotal: number }> = {
  // Catch: the first TEST_CASE expects 0, which the stub returns; the other three are behind EXERCISM_RUN_ALL_TESTS.
  "polyglot:cpp__triangle-number": { total: 4, stubPassed: 1, stubTotal: 4 },
  // The stub panics in the first subtest, which ends the test binary: one test ran.
  "polyglot:go__clamp": { total: 5, stubPassed: 0, stubTotal: 1 },
  // Three of the four are @Disabled in the exercise.
  "polyglot:java__vowel-count": { total: 4, stubPassed: 0, stubTotal: 4 },
  // Two of the three are xtest in the exercise.
  "polyglot:javascript__two-fer": { total: 3, stubPassed: 0, stubTotal: 3 },
  "polyglot:python__leap": { total: 4, stubPassed: 0, stubTotal: 4 },
  // Four of the five are #[ignore] in the exercise.
  "polyglot:rust__digit-sum": { total: 5, stubPassed: 0, stubTotal: 5 },
};

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

  it("checks the polyglot fixture in every language's image: stubs fail, references pass, skipped tests run", {
    timeout: 600_000,
  }, async (context) => {
    needsToolchains(() => context.skip());
    const { tasks, problems } = scanSuite(`polyglot:${polyglotRoot}`);
    expect(problems).toEqual([]);
    expect(tasks.map((task) => task.qualifiedId).sort()).toEqual(Object.keys(FIXTURE_TESTS).sort());
    const checks = await checkTasks(tasks, { sandbox, slots: new ContainerSlots(2), repeat: 1 });
    const failures = checks
      .filter((check) => !check.ok)
      .map((check) => `${check.id}: ${check.problems.join("; ")}\n${check.unexpected?.output ?? ""}`);
    expect(failures).toEqual([]);
    const counts = Object.fromEntries(
      checks.map((check) => {
        const reference = check.reference[0];
        return [
          check.id,
          {
            total: reference?.status === "passed" ? reference.testsTotal : -1,
            stubPassed: check.stub?.testsPassed,
            stubTotal: check.stub?.testsTotal,
          },
        ];
      }),
    );
    expect(counts).toEqual(FIXTURE_TESTS);
    for (const check of checks) expect(check.stub?.status, check.id).toBe("failed");
  });

  it("counts go's subtests one by one when a solution is partly right", { timeout: 180_000 }, async (context) => {
    needsToolchains(() => context.skip());
    const [task] = loadSuite(`polyglot:${polyglotRoot}:go__clamp`);
    if (!task) throw new Error("the polyglot fixture has no go exercise");
    // Wrong whenever the value is above the range: two of the five cases.
    const partial = [
      "package clamp",
      "",
      "func Clamp(value, low, high int) int {",
      "\tif value < low {",
      "\t\treturn low",
      "\t}",
      "\treturn value",
      "}",
      "",
    ].join("\n");
    const result = await gradeFiles(task, { "clamp.go": Buffer.from(partial) }, { sandbox });
    expect(result).toMatchObject({ status: "failed", testsPassed: 3, testsTotal: 5 });
    expect(result.output).toContain("TestClamp/above_the_range");
  });
});
