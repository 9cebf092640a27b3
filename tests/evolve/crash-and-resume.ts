// A crash and a resume, and what the resumed run may not redo: a snapshot of the archive after the crash
// (finished attempts, results and model calls) and the check that the resume kept every result and
// repeated no finished work. Shared by the crash tests of both schedulers.
import { expect } from "vitest";
import type { ModelCallRow, SqliteArchive } from "../../archive/index.ts";
import type { EvolveOptions } from "../../src/evolve/options.ts";
import { type CrashPoint, crashAt } from "./crash-emulation.ts";
import { newRun, startLoop, testHome } from "./loop-support.ts";

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

/**
 * Starts a run, kills it (emulated SIGKILL) at `point`, reopens the archive and resumes the run to its
 * end with fresh services; checks that nothing finished before the crash was redone.
 */
export async function crashAndResume(options: EvolveOptions, point: CrashPoint) {
  const { home, open } = await testHome();
  const archive = await open();
  const run = newRun(archive, options);
  const crash = crashAt(archive, point);
  const first = startLoop(home, archive, run, options, { wrap: crash.wrap });
  first.done.catch(() => {}); // the frozen loop may fail on its closed archive; it is gone anyway
  await Promise.race([
    crash.crashed,
    first.done.then(() => {
      throw new Error(`the run ended before reaching ${point.when} ${point.call} #${point.occurrence}`);
    }),
  ]);
  await crash.quiet();

  const reopened = await open();
  const before = snapshot(reopened, run.id);
  const resumed = startLoop(home, reopened, run, options, { resumed: true });
  const result = await resumed.done;
  expectNothingRedone(before, reopened, run.id);
  return { archive: reopened, runId: run.id, before, result, events: resumed.events, services: resumed.services };
}
