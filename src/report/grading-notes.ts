// What grading noticed about one result, in words, for every surface (dgm show, the HTML report, the
// web UI): tampering caught at run time (the result failed), static flags on the solution (a warning:
// it touches the test framework) and results read from a runner the grader does not guard.
import type { GradingIntegrity } from "../../archive/index.ts";

export interface GradingNote {
  kind: "tamper" | "flag" | "unguarded";
  text: string;
}

export function gradingNotes(grading: GradingIntegrity | null): GradingNote[] {
  if (!grading) return [];
  const notes: GradingNote[] = [];
  if (grading.tamper.length > 0)
    notes.push({ kind: "tamper", text: `tampering detected (failed): ${grading.tamper.join("; ")}` });
  if (grading.flags.length > 0)
    notes.push({ kind: "flag", text: `touches the test framework: ${grading.flags.join(", ")}` });
  if (grading.channel === "unguarded")
    notes.push({ kind: "unguarded", text: "unguarded runner: counts read from the runner's own output" });
  return notes;
}

/** The one-character mark a note kind gets in tables. */
export const noteMark: Record<GradingNote["kind"], string> = { tamper: "✗", flag: "⚑", unguarded: "○" };
