// SWE-bench's resolution rule: every FAIL_TO_PASS and PASS_TO_PASS test passed (PASSED or XFAIL);
// FAILED, ERROR and missing tests fail; SKIPPED ones count as neither.
import { describe, expect, it } from "vitest";
import type { TestStatus } from "../../../evaluator/swebench/log-parsers/index.ts";
import { resolve, summarizeResolution } from "../../../evaluator/swebench/resolution.ts";

const statuses = (entries: Record<string, TestStatus>): Map<string, TestStatus> => new Map(Object.entries(entries));

describe("resolve", () => {
  it("resolves when every listed test passed, counting XFAIL as a pass", () => {
    const resolution = resolve(statuses({ a: "PASSED", b: "XFAIL", c: "PASSED", extra: "FAILED" }), ["a"], ["b", "c"]);
    expect(resolution.resolved).toBe(true);
    expect(resolution.failToPass).toEqual({ passed: 1, total: 1, skipped: 0 });
    expect(resolution.passToPass).toEqual({ passed: 2, total: 2, skipped: 0 });
  });

  it("does not resolve when a FAIL_TO_PASS test is missing from the log", () => {
    const resolution = resolve(statuses({ b: "PASSED" }), ["a"], ["b"]);
    expect(resolution.resolved).toBe(false);
    expect(resolution.tests[0]).toEqual({
      name: "a",
      expected: "FAIL_TO_PASS",
      status: "MISSING",
      passed: false,
      failed: true,
    });
  });

  it("does not resolve when a PASS_TO_PASS test errored or failed", () => {
    expect(resolve(statuses({ a: "PASSED", b: "ERROR" }), ["a"], ["b"]).resolved).toBe(false);
    expect(resolve(statuses({ a: "PASSED", b: "FAILED" }), ["a"], ["b"]).resolved).toBe(false);
  });

  it("leaves a skipped test out: neither passed nor failed, so it does not block", () => {
    const resolution = resolve(statuses({ a: "SKIPPED", b: "PASSED" }), ["a"], ["b"]);
    expect(resolution.resolved).toBe(true);
    expect(resolution.tests[0]).toMatchObject({ status: "SKIPPED", passed: false, failed: false });
    expect(resolution.failToPass).toEqual({ passed: 0, total: 1, skipped: 1 });
  });

  it("resolves with empty lists, as the harness rates an empty list 1", () => {
    expect(resolve(new Map(), [], []).resolved).toBe(true);
  });

  it("matches names exactly", () => {
    const resolution = resolve(statuses({ "test_a (app.tests.T)": "PASSED" }), ["test_a (app.tests.t)"], []);
    expect(resolution.resolved).toBe(false);
  });
});

describe("summarizeResolution", () => {
  it("says how many of each list passed and names the failures with their status", () => {
    const resolution = resolve(
      statuses({
        test_a: "FAILED",
        test_b: "PASSED",
        ...Object.fromEntries([...Array(10).keys()].map((i) => [`p${i}`, "PASSED"])),
      }),
      ["test_a", "test_b"],
      [...Array(10).keys()].map((i) => `p${i}`),
    );
    expect(summarizeResolution(resolution)).toBe(
      "FAIL_TO_PASS 1/2 passed (failed: test_a FAILED); PASS_TO_PASS 10/10 passed",
    );
  });

  it("counts skips and names missing tests", () => {
    const resolution = resolve(statuses({ a: "SKIPPED", b: "PASSED" }), ["a"], ["b", "gone"]);
    expect(summarizeResolution(resolution)).toBe(
      "FAIL_TO_PASS 0/1 passed, 1 skipped; PASS_TO_PASS 1/2 passed (failed: gone MISSING)",
    );
  });

  it("names at most 20 failing tests across both lists and counts the rest", () => {
    const f2p = [...Array(15).keys()].map((i) => `f${i}`);
    const p2p = [...Array(10).keys()].map((i) => `p${i}`);
    const summary = summarizeResolution(resolve(new Map(), f2p, p2p));
    expect(summary).toContain("f14 MISSING)");
    expect(summary).toContain("p4 MISSING, 5 more)");
    expect(summary).not.toContain("p5 ");
    expect(summary.match(/MISSING/g)).toHaveLength(20);
  });

  it("shortens a very long test name", () => {
    const name = `tests/test_x.py::test_y[${"x".repeat(500)}]`;
    const summary = summarizeResolution(resolve(new Map(), [name], []));
    expect(summary.length).toBeLessThan(300);
    expect(summary).toContain("tests/test_x.py::test_y[xxx");
  });
});
