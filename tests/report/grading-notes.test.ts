// What grading noticed, in words: tampering, flags, an unguarded runner, and the named tests a
// SWE-bench result needed that did not pass (listed up to five, the rest counted).
import { describe, expect, it } from "vitest";
import type { GradingIntegrity, NamedTestResult } from "../../archive/index.ts";
import { gradingNotes } from "../../src/report/grading-notes.ts";

const test = (name: string, passed: boolean, status = passed ? "PASSED" : "FAILED"): NamedTestResult => ({
  name,
  expected: name.startsWith("f2p") ? "FAIL_TO_PASS" : "PASS_TO_PASS",
  status,
  passed,
});

const grading = (tests: NamedTestResult[] | undefined): GradingIntegrity => ({
  channel: "unguarded",
  expectedTests: null,
  flags: ["tests/conftest.py: a test-runner hook (put back before grading)"],
  tamper: [],
  ...(tests ? { tests } : {}),
});

describe("grading notes", () => {
  it("names the tests that did not pass, with what they were expected to do and how they ended", () => {
    const notes = gradingNotes(grading([test("f2p_a", false, "MISSING"), test("p2p_b", true), test("p2p_c", false)]));
    expect(notes.map((note) => note.kind)).toEqual(["flag", "tests", "unguarded"]);
    expect(notes[1]?.text).toBe("did not pass: f2p_a (FAIL_TO_PASS, MISSING), p2p_c (PASS_TO_PASS, FAILED)");
  });

  it("lists five failing tests and counts the rest; says nothing of tests when all passed or none are named", () => {
    const many = Array.from({ length: 8 }, (_, index) => test(`p2p_${index}`, false));
    expect(gradingNotes(grading(many)).find((note) => note.kind === "tests")?.text).toMatch(/p2p_4 .* and 3 more$/);
    expect(gradingNotes(grading([test("f2p_a", true)])).some((note) => note.kind === "tests")).toBe(false);
    expect(gradingNotes(grading(undefined)).some((note) => note.kind === "tests")).toBe(false);
  });
});
