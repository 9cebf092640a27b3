// What grading noticed about one result, in words, for every surface (dgm show, the HTML report, the
// web UI): tampering caught at run time (the result failed), static flags on the solution (a warning:
// it touches the test framework), results read from a runner the grader does not guard, and the named
// tests a result needed that did not pass (SWE-bench's FAIL_TO_PASS and PASS_TO_PASS).
import type { GradingIntegrity } from "../../archive/index.ts";

export interface GradingNote {
  kind: "tamper" | "flag" | "unguarded" | "tests";
  text: string;
}

/** Failing named tests listed in a note; the rest are counted. */
const SHOWN_TESTS = 5;

export function gradingNotes(grading: GradingIntegrity | null): GradingNote[] {
  if (!grading) return [];
  const notes: GradingNote[] = [];
  if (grading.tamper.length > 0)
    notes.push({ kind: "tamper", text: `tampering detected (failed): ${grading.tamper.join("; ")}` });
  if (grading.flags.length > 0)
    notes.push({ kind: "flag", text: `touches the test framework: ${grading.flags.join(", ")}` });
  const failing = (grading.tests ?? []).filter((test) => !test.passed);
  if (failing.length > 0) {
    const named = failing.slice(0, SHOWN_TESTS).map((test) => `${test.name} (${test.expected}, ${test.status})`);
    const more = failing.length > SHOWN_TESTS ? ` and ${failing.length - SHOWN_TESTS} more` : "";
    notes.push({ kind: "tests", text: `did not pass: ${named.join(", ")}${more}` });
  }
  if (grading.channel === "unguarded")
    notes.push({ kind: "unguarded", text: "unguarded runner: counts read from the runner's own output" });
  return notes;
}

/** The one-character mark a note kind gets in tables. */
export const noteMark: Record<GradingNote["kind"], string> = { tamper: "✗", flag: "⚑", unguarded: "○", tests: "•" };
