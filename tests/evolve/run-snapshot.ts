// What a resumed run may not redo: a snapshot of the archive after a crash (finished attempts, results
// and model calls) and the check that the resume kept every result and repeated no finished work. Shared
// by the crash tests of both schedulers.
import { expect } from "vitest";
import type { ModelCallRow, SqliteArchive } from "../../archive/index.ts";

function callKey(call: ModelCallRow): string {
  const { purpose, agentId, taskId, attemptId } = call.caller;
  return purpose === "solve" ? `solve ${agentId} ${taskId}` : `${purpose} ${attemptId}`;
}

export interface RunSnapshot {
  attempts: ReturnType<SqliteArchive["listAttempts"]>;
  /** "agentId taskId" → evaluation row id, for results that say something (not "error"). */
  results: Map<string, string>;
  calls: Map<string, number>;
}

export function snapshot(archive: SqliteArchive, runId: string): RunSnapshot {
  const calls = new Map<string, number>();
  for (const call of archive.listModelCalls({ runId })) calls.set(callKey(call), (calls.get(callKey(call)) ?? 0) + 1);
  const results = new Map(
    archive
      .listEvaluations({ runId })
      .filter((row) => row.status !== "error")
      .map((row) => [`${row.agentId} ${row.taskId}`, row.id]),
  );
  return { attempts: archive.listAttempts(runId), results, calls };
}

/** Results kept with their row ids and not solved again; finished attempts untouched; no diagnosis redone. */
export function expectNothingRedone(before: RunSnapshot, archive: SqliteArchive, runId: string): void {
  const after = snapshot(archive, runId);
  for (const [key, id] of before.results) {
    expect(after.results.get(key), `result ${key} was kept`).toBe(id);
    expect(after.calls.get(`solve ${key}`) ?? 0, `solve ${key} was run again`).toBe(
      before.calls.get(`solve ${key}`) ?? 0,
    );
  }
  for (const attempt of before.attempts) {
    const now = archive.getAttempt(attempt.id)!;
    if (attempt.status !== "running") expect(now, `attempt ${attempt.id} was done`).toEqual(attempt);
    if (attempt.status === "running" && attempt.childId) {
      expect(["succeeded", "failed"], `attempt ${attempt.id} had a committed child`).toContain(now.status);
    }
    if (attempt.status !== "running" || attempt.childId) {
      for (const purpose of ["diagnose", "self-modify"]) {
        const key = `${purpose} ${attempt.id}`;
        expect(after.calls.get(key) ?? 0, `${key} was run again`).toBe(before.calls.get(key) ?? 0);
      }
    }
  }
}
