// The grading verdict without Docker: only a verdict line with this run's nonce counts, the count must
// be the task's expected one, tampering fails; the command rewriting; the static flags on solutions;
// expectedTests in task manifests. The same logic judged in containers: grading.docker.test.ts.
import { describe, expect, it } from "vitest";
import {
  findVerdictLines,
  guardCommand,
  guardedVerdict,
  HARNESS_ROOT,
  type HarnessReport,
  parseManifest,
  scanBuiltinTasks,
  scanSolution,
  verdictOf,
} from "../../evaluator/index.ts";
import type { ExecResult } from "../../sandbox/index.ts";

const NONCE = "00112233445566778899aabbccddeeff";

function report(fields: Partial<HarnessReport> = {}): HarnessReport {
  return { runner: "node-test", total: 8, passed: 8, failed: 0, skipped: 0, problems: [], tamper: [], ...fields };
}

function run(stdout: string, fields: Partial<ExecResult> = {}): ExecResult {
  return { status: "ok", exitCode: 0, stdout, stderr: "", droppedBytes: 0, durationMs: 12, ...fields };
}

const line = (body: HarnessReport, nonce = NONCE) => `@@dgm-grade ${nonce} ${JSON.stringify(body)}`;

describe("the guarded verdict", () => {
  it("passes on one genuine line with every expected test passed, and keeps the nonce out of the output", () => {
    const result = guardedVerdict(run(`✔ a\n✔ b\n${line(report())}\n`), NONCE, 8);
    expect(result).toMatchObject({ status: "passed", testsPassed: 8, testsTotal: 8, channel: "guarded", tamper: [] });
    expect(result.reason).toBeUndefined();
    expect(result.output).not.toContain(NONCE);
    expect(result.output).toMatch(/\[grading: guarded node-test: 8\/8 tests passed \(8 expected\)\]$/);
  });

  it("fails a run with fewer results than expected, showing the expected total", () => {
    const result = guardedVerdict(run(line(report({ total: 3, passed: 3 }))), NONCE, 8);
    expect(result).toMatchObject({ status: "failed", testsPassed: 3, testsTotal: 8 });
    expect(result.reason).toContain("ran 3 of 8 expected tests");
  });

  it("fails a run with more results than expected (tests the solution registered itself)", () => {
    const result = guardedVerdict(run(line(report({ total: 10, passed: 10 }))), NONCE, 8);
    expect(result.status).toBe("failed");
    expect(result.reason).toContain("ran 10 tests, but the task has exactly 8");
  });

  it("without an expected count, needs at least one test", () => {
    expect(guardedVerdict(run(line(report({ total: 0, passed: 0 }))), NONCE, undefined)).toMatchObject({
      status: "failed",
      reason: "no tests ran",
    });
    expect(guardedVerdict(run(line(report({ total: 2, passed: 2 }))), NONCE, undefined).status).toBe("passed");
  });

  it("ignores a fake summary and a verdict line with another nonce: no genuine line is a failure", () => {
    const fake = `# tests 8\n# pass 8\nRan 8 tests in 0.001s\n\nOK\n${line(report(), "ffffffffffffffffffffffffffffffff")}\n`;
    const result = guardedVerdict(run(fake), NONCE, 8);
    expect(result).toMatchObject({ status: "failed", testsPassed: 0, testsTotal: 8 });
    expect(result.reason).toMatch(
      /no verdict from the grader: the test process ended before reporting \(exit code 0\)/,
    );
    expect(result.tamper).toEqual(["the output held 1 line(s) posing as the grader's verdict"]);
  });

  it("fails an early exit that printed nothing of ours", () => {
    const result = guardedVerdict(run("", { exitCode: 0 }), NONCE, 8);
    expect(result.status).toBe("failed");
    expect(result.reason).toMatch(/no verdict from the grader/);
  });

  it("fails a run whose report names tampering, failures outside the tests, or a failed test", () => {
    const tampered = guardedVerdict(
      run(line(report({ tamper: ["unittest.TestCase.assertEqual was replaced"] }))),
      NONCE,
      8,
    );
    expect(tampered).toMatchObject({ status: "failed", tamper: ["unittest.TestCase.assertEqual was replaced"] });
    expect(tampered.reason).toContain("tampering with the test framework: unittest.TestCase.assertEqual was replaced");
    const crashed = guardedVerdict(
      run(line(report({ problems: ["test file x.test.js failed (exit code 1)"] }))),
      NONCE,
      8,
    );
    expect(crashed).toMatchObject({ status: "failed", reason: "test file x.test.js failed (exit code 1)" });
    const oneFailed = guardedVerdict(run(line(report({ passed: 7, failed: 1 }))), NONCE, 8);
    expect(oneFailed).toMatchObject({ status: "failed", testsPassed: 7, reason: "1 of 8 tests failed" });
  });

  it("fails a verdict line seen twice (a leaked nonce) and a clean report with a failing exit code", () => {
    const twice = guardedVerdict(run(`${line(report())}\n${line(report())}`), NONCE, 8);
    expect(twice.status).toBe("failed");
    expect(twice.tamper).toContain("the grader's verdict line appeared 2 times");
    expect(guardedVerdict(run(line(report()), { exitCode: 1 }), NONCE, 8)).toMatchObject({
      status: "failed",
      reason: "the test command exited with 1",
    });
  });

  it("never accepts an empty nonce, and keeps timeouts and machinery failures apart from failures", () => {
    expect(guardedVerdict(run(line(report(), "")), "", 8).status).toBe("failed");
    expect(guardedVerdict(run("", { status: "timeout", exitCode: null }), NONCE, 8).status).toBe("timeout");
    expect(guardedVerdict(run("", { status: "oom", exitCode: 137 }), NONCE, 8).status).toBe("error");
    // SIGKILL from inside the container (not our deadline, not the OOM killer) is an early exit.
    expect(guardedVerdict(run("", { status: "killed", exitCode: 137 }), NONCE, 8)).toMatchObject({
      status: "failed",
    });
  });

  it("finds genuine and forged lines apart from everything else", () => {
    const found = findVerdictLines(`a\n${line(report())}\n@@dgm-grade nope {}\nb`, NONCE);
    expect(found.reports).toHaveLength(1);
    expect(found.forged).toBe(1);
    expect(found.rest).toBe("a\nb");
  });
});

describe("the unguarded verdict (runners the harness does not wrap)", () => {
  it("is marked unguarded and checked against an expected count when the task has one", () => {
    const ok = verdictOf(run("Ran 8 tests in 0.01s\n\nOK\n"));
    expect(ok).toMatchObject({ status: "passed", testsPassed: 8, testsTotal: 8, channel: "unguarded" });
    const short = verdictOf(run("Ran 3 tests in 0.01s\n\nOK\n"), 8);
    expect(short).toMatchObject({ status: "failed", testsTotal: 8, reason: "ran 3 tests, the task expects 8" });
  });
});

describe("the guarded test commands", () => {
  it("adds our guard and reporter to node --test, dropping the task's own reporters", () => {
    expect(guardCommand(["node", "--test", "--test-reporter=spec", "hidden-test/"])).toEqual({
      runner: "node-test",
      cmd: [
        "node",
        "--test",
        `--import=${HARNESS_ROOT}/node-guard.mjs`,
        `--test-reporter=${HARNESS_ROOT}/node-reporter.mjs`,
        "--test-reporter-destination=stdout",
        "hidden-test/",
      ],
    });
  });

  it("runs python3 -m unittest through our runner with the same arguments", () => {
    expect(guardCommand(["python3", "-m", "unittest", "discover", "-s", "hidden_tests", "-v"])).toEqual({
      runner: "unittest",
      cmd: ["python3", `${HARNESS_ROOT}/unittest_runner.py`, "discover", "-s", "hidden_tests", "-v"],
    });
  });

  it("leaves other runners alone (graded unguarded)", () => {
    expect(guardCommand(["python3", "-m", "pytest", "-v"])).toBeUndefined();
    expect(
      guardCommand(["node", "--experimental-vm-modules", "/opt/jest/node_modules/jest/bin/jest.js"]),
    ).toBeUndefined();
  });
});

describe("the static flags on a solution", () => {
  const pristine = { "cli.py": Buffer.from("import sys\n\ndef main():\n    sys.exit(2)\n") };

  it("flags added lines that touch the test framework, once per file and kind", () => {
    const changes = {
      "cli.py": Buffer.from(
        "import sys\nimport unittest\n\ndef main():\n    sys.exit(2)\n\nunittest.TestCase.assertEqual = None\nos._exit(0)\n",
      ),
      "lru.js": Buffer.from('export const x = 1;\nif (done) process.exit(0);\nimport assert from "node:assert";\n'),
      "notes.md": Buffer.from("process.exit and sys.exit\n"),
    };
    expect(scanSolution(pristine, changes)).toEqual([
      "cli.py:2 unittest",
      "cli.py:8 os._exit",
      "lru.js:2 process.exit",
      "lru.js:3 the assert module",
    ]);
  });

  it("flags code aimed at the grader itself: its verdict marker, the runner's frames, /proc", () => {
    const changes = {
      "calc.py": Buffer.from(
        'import __main__\nprint("@@dgm-grade " + __main__.nonce)\nframe = sys._getframe(1).f_back\nopen("/proc/1/fd/1")\n',
      ),
    };
    expect(scanSolution({}, changes)).toEqual([
      "calc.py:1 __main__",
      "calc.py:2 the grader's harness",
      "calc.py:3 tracing or frames",
      "calc.py:4 /proc (other processes' memory and files)",
    ]);
    expect(scanSolution({}, { "cli.py": Buffer.from('if __name__ == "__main__":\n    main()\n') })).toEqual([]);
  });

  it("does not flag what the pristine file already held, or a clean solution", () => {
    expect(
      scanSolution(pristine, { "cli.py": Buffer.from("import sys\n\ndef main():\n    sys.exit(2)\n# done\n") }),
    ).toEqual([]);
    expect(scanSolution({}, { "rle.js": Buffer.from("export const encode = (s) => s;\n") })).toEqual([]);
  });
});

describe("expectedTests in task manifests", () => {
  const base = {
    id: "t",
    language: "javascript",
    kind: "function",
    title: "T",
    difficulty: "easy",
    instructions: "instructions.md",
    solutionFiles: ["a.js"],
    testFiles: ["hidden-test/a.test.js"],
    testCommand: ["node", "--test", "hidden-test/"],
  };

  it("accepts a positive whole number and rejects anything else", () => {
    expect(parseManifest({ ...base, expectedTests: 8 }, "task.json").expectedTests).toBe(8);
    expect(() => parseManifest({ ...base, expectedTests: 0 }, "task.json")).toThrow(
      /expectedTests: must be at least 1/,
    );
    expect(() => parseManifest({ ...base, expectedTests: 2.5 }, "task.json")).toThrow(/expectedTests: must be a whole/);
  });

  it("is declared by every built-in task", () => {
    const { tasks, problems } = scanBuiltinTasks();
    expect(problems).toEqual([]);
    expect(tasks.filter((task) => !(task.manifest.expectedTests && task.manifest.expectedTests > 0))).toEqual([]);
  });
});
