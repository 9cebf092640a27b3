// Counting tests in the output of the polyglot languages' runners. The outputs are what the toolchain
// images printed on this project's fixtures (tests/fixtures/polyglot), trimmed of stack traces.
import { describe, expect, it } from "vitest";
import { parseTestCounts } from "../../evaluator/index.ts";

/** One `go test -json` event line, as test2json prints it. */
function goEvent(action: string, test?: string, output?: string): string {
  return JSON.stringify({
    Time: "2026-11-30T15:13:22.726032279Z",
    Action: action,
    Package: "clamp",
    ...(test === undefined ? {} : { Test: test }),
    ...(output === undefined ? {} : { Output: output }),
  });
}

describe("go test -json", () => {
  // TestClamp has three subtests (one failing); TestSlow calls t.Skip.
  const mixed = [
    goEvent("run", "TestClamp"),
    goEvent("output", "TestClamp", "=== RUN   TestClamp\n"),
    goEvent("run", "TestClamp/inside"),
    goEvent("run", "TestClamp/below"),
    goEvent("run", "TestClamp/above"),
    goEvent("output", "TestClamp/above", "    clamp_test.go:9: got 42, want 10\n"),
    goEvent("output", "TestClamp", "--- FAIL: TestClamp (0.00s)\n"),
    goEvent("pass", "TestClamp/inside"),
    goEvent("pass", "TestClamp/below"),
    goEvent("output", "TestClamp/above", "    --- FAIL: TestClamp/above (0.00s)\n"),
    goEvent("fail", "TestClamp/above"),
    goEvent("fail", "TestClamp"),
    goEvent("run", "TestSlow"),
    goEvent("output", "TestSlow", "    clamp_test.go:16: too slow for the sandbox\n"),
    goEvent("output", "TestSlow", "--- SKIP: TestSlow (0.00s)\n"),
    goEvent("skip", "TestSlow"),
    goEvent("output", undefined, "FAIL\tclamp\t0.005s\n"),
    goEvent("fail"),
  ].join("\n");

  it("counts leaf tests only: a parent with subtests is not a test of its own", () => {
    expect(parseTestCounts(mixed)).toEqual({ passed: 2, total: 3 });
  });

  it("counts a top-level test without subtests, and leaves skipped tests out", () => {
    const passing = [
      goEvent("run", "TestClamp"),
      goEvent("run", "TestClamp/inside_the_range"),
      goEvent("pass", "TestClamp/inside_the_range"),
      goEvent("run", "TestClamp/below_the_range"),
      goEvent("pass", "TestClamp/below_the_range"),
      goEvent("pass", "TestClamp"),
      goEvent("run", "TestClampEmptyRange"),
      goEvent("pass", "TestClampEmptyRange"),
      goEvent("run", "TestHuge"),
      goEvent("skip", "TestHuge"),
      goEvent("output", undefined, "PASS\n"),
      goEvent("pass"),
    ].join("\n");
    expect(parseTestCounts(passing)).toEqual({ passed: 3, total: 3 });
  });

  it("reads events among lines that are not JSON (what the code under test printed)", () => {
    expect(parseTestCounts(`debug: starting\n${mixed}\n{not json either\n`)).toEqual({ passed: 2, total: 3 });
  });

  it("finds no summary in a build failure, which go 1.19 prints as plain text", () => {
    const buildFailure =
      "# clamp [clamp.test]\n./clamp.go:9:14: syntax error: unexpected {, expecting )\nFAIL\tclamp [build failed]\n";
    expect(parseTestCounts(buildFailure)).toBeUndefined();
  });
});

describe("cargo test", () => {
  const binary = (file: string, lines: string[], result: string) => [
    `     Running ${file} (/tmp/cargo-target/debug/deps/digit_sum-ffd878df072c3391)`,
    "",
    ...lines,
    "",
    result,
    "",
  ];

  it("sums the results of every test binary (unit tests, integration tests, doc tests)", () => {
    const output = [
      "   Compiling digit_sum v1.0.0 (/workspace)",
      "    Finished test [unoptimized + debuginfo] target(s) in 1.64s",
      ...binary(
        "unittests src/lib.rs",
        ["running 2 tests", "test tests::carries ... ok", "test tests::zero ... ok"],
        "test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s",
      ),
      ...binary(
        "tests/digit-sum.rs",
        [
          "running 3 tests",
          "test a_single_digit_is_its_own_sum ... ok",
          "test several_digits_are_added ... FAILED",
          "test zero_has_digit_sum_zero ... ok",
        ],
        "test result: FAILED. 2 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s",
      ),
      "error: test failed, to rerun pass `--test digit-sum`",
    ].join("\n");
    expect(parseTestCounts(output)).toEqual({ passed: 4, total: 5 });
  });

  it("counts a binary that ran no tests as nothing", () => {
    const output = [
      ...binary(
        "unittests src/lib.rs",
        ["running 0 tests"],
        "test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s",
      ),
      ...binary(
        "tests/digit-sum.rs",
        ["running 5 tests"],
        "test result: ok. 5 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s",
      ),
      "   Doc-tests digit_sum",
      "",
      "running 0 tests",
      "",
      "test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s",
    ].join("\n");
    expect(parseTestCounts(output)).toEqual({ passed: 5, total: 5 });
  });

  it("finds no summary when the crate does not compile", () => {
    const output = [
      "   Compiling digit_sum v1.0.0 (/workspace)",
      "error[E0308]: mismatched types",
      " --> src/lib.rs:2:5",
      "error: could not compile `digit_sum` due to previous error",
    ].join("\n");
    expect(parseTestCounts(output)).toBeUndefined();
  });
});

describe("JUnit's console launcher", () => {
  const summary = (successful: number, failed: number, aborted = 0) =>
    [
      "Test run finished after 63 ms",
      "[         4 containers found      ]",
      "[         0 containers skipped    ]",
      "[         4 containers started    ]",
      "[         0 containers aborted    ]",
      "[         4 containers successful ]",
      "[         0 containers failed     ]",
      `[         ${successful + failed + aborted} tests found           ]`,
      "[         0 tests skipped         ]",
      `[         ${successful + failed + aborted} tests started         ]`,
      `[         ${aborted} tests aborted         ]`,
      `[         ${successful} tests successful      ]`,
      `[         ${failed} tests failed          ]`,
      "",
    ].join("\n");
  const tree = [
    "╷",
    "├─ JUnit Jupiter ✔",
    "│  └─ VowelCountTest ✔",
    "│     ├─ an empty text has no vowels ✔",
    "│     ├─ a word with vowels ✘ expected: 3 but was: 2",
    "└─ JUnit Vintage ✔",
    "",
  ].join("\n");

  it("reads the tests' lines of the summary, not the containers'", () => {
    expect(parseTestCounts(`${tree}${summary(3, 1)}`)).toEqual({ passed: 3, total: 4 });
    expect(parseTestCounts(summary(4, 0))).toEqual({ passed: 4, total: 4 });
  });

  it("counts aborted tests (a failed assumption) as not passed", () => {
    expect(parseTestCounts(summary(2, 1, 1))).toEqual({ passed: 2, total: 4 });
  });

  it("finds no summary when javac fails", () => {
    const output =
      "src/main/java/VowelCount.java:4: error: ';' expected\n        return 0\n                ^\n1 error\n";
    expect(parseTestCounts(output)).toBeUndefined();
  });
});

describe("Catch (C++)", () => {
  const build = [
    "[ 25%] Building CXX object CMakeFiles/triangle-number.dir/triangle_number_test.cpp.o",
    "[100%] Linking CXX executable triangle-number",
    "[100%] Built target triangle-number",
  ].join("\n");
  const rule = "=".repeat(79);

  it("reads the all-passed line, singular or plural", () => {
    expect(parseTestCounts(`${build}\n${rule}\nAll tests passed (5 assertions in 4 test cases)\n`)).toEqual({
      passed: 4,
      total: 4,
    });
    expect(parseTestCounts(`${rule}\nAll tests passed (1 assertion in 1 test case)\n`)).toEqual({
      passed: 1,
      total: 1,
    });
  });

  it("reads the failure summary, with Catch's column padding and without a passed column", () => {
    const failing = [
      build,
      "-".repeat(79),
      "the first triangle number is one",
      "-".repeat(79),
      "triangle_number_test.cpp:14: FAILED:",
      "  REQUIRE( triangle_number::nth(1) == 1 )",
      "",
      rule,
      "test cases: 4 | 1 passed | 3 failed",
      "assertions: 4 | 1 passed | 3 failed",
      "make[2]: *** [CMakeFiles/test_triangle-number.dir/build.make:70: CMakeFiles/test_triangle-number] Error 1",
    ].join("\n");
    expect(parseTestCounts(failing)).toEqual({ passed: 1, total: 4 });
    // Catch 2 pads the columns when the numbers differ in width, and leaves out a zero "passed".
    expect(
      parseTestCounts("test cases:  12 |  11 passed | 1 failed\nassertions: 140 | 139 passed | 1 failed\n"),
    ).toEqual({ passed: 11, total: 12 });
    expect(parseTestCounts("test cases: 2 | 2 failed\nassertions: 2 | 2 failed\n")).toEqual({ passed: 0, total: 2 });
  });

  it("finds no summary when the build fails before the tests run", () => {
    const output = [
      "[ 25%] Building CXX object CMakeFiles/triangle-number.dir/triangle_number_test.cpp.o",
      "triangle_number.h:5:15: error: unused parameter 'n' [-Werror=unused-parameter]",
      "make[2]: *** [CMakeFiles/triangle-number.dir/build.make:76] Error 1",
    ].join("\n");
    expect(parseTestCounts(output)).toBeUndefined();
  });
});
