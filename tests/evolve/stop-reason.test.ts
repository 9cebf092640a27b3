// A run's status, `dgm evolve`'s exit code and what the live view says come from the stop's kind, not
// from the words of its message: a message that happens to start with "failed:" or "interrupted" (a
// model's error text, say) changes none of them.
import { describe, expect, it } from "vitest";
import { LiveView } from "../../src/evolve/live-view.ts";
import { exitCodeOfStop, runStatusOf, type StopKind, stopReason } from "../../src/evolve/stop-reason.ts";

describe("a stop's kind", () => {
  const table: [StopKind, string, number][] = [
    ["finished", "finished", 0],
    ["budget", "stopped", 0],
    ["limit", "stopped", 0],
    ["interrupted", "stopped", 130],
    ["aborted", "stopped", 130],
    ["failed", "failed", 1],
  ];

  it.each(table)("%s: run status %s, exit code %i", (kind, status, code) => {
    const stop = stopReason(kind, "interrupted: failed: a message that says otherwise");
    expect(runStatusOf(stop)).toBe(status);
    expect(exitCodeOfStop(stop)).toBe(code);
  });
});

describe("the live view's last line", () => {
  function lastLine(kind: StopKind, status: string, reason: string): string {
    const chunks: string[] = [];
    const out = { columns: 200, write: (chunk: string) => chunks.push(chunk) > 0 } as unknown as NodeJS.WriteStream;
    new LiveView("plain", out).handle({ type: "run-ended", runId: "run-1", status, kind, reason });
    return chunks.join("").trim().slice("00:00:00 ".length);
  }

  it("says a failure once, with its message as it is", () => {
    expect(lastLine("failed", "failed", "model call failed: 401 Incorrect API key provided.")).toBe(
      "run run-1 failed: model call failed: 401 Incorrect API key provided.",
    );
  });

  it("says why a run stopped, and nothing more for a finished one", () => {
    expect(lastLine("budget", "stopped", "run budget of $0.03 reached")).toBe(
      "run run-1 stopped: run budget of $0.03 reached",
    );
    expect(lastLine("finished", "finished", "finished")).toBe("run run-1 finished");
  });
});
