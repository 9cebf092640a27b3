// Driving the real evolution loop on the in-process services (real SQLite and git in a temp home, the
// real gateway with the sim or a scripted model): runs, resumes, and the invariants every run must keep.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { expect, onTestFinished } from "vitest";
import { openArchive, type RunRow, type SqliteArchive } from "../../archive/index.ts";
import type { EvolveEvent } from "../../src/evolve/events.ts";
import { createInProcessServices, type InProcessSeams } from "../../src/evolve/in-process/index.ts";
import { EvolutionLoop, type LoopControl, type LoopResult } from "../../src/evolve/loop.ts";
import {
  demoOptions,
  type EvolveOptions,
  type EvolveOptionsInput,
  parseEvolveOptions,
} from "../../src/evolve/options.ts";
import type { EvolveServices } from "../../src/evolve/services.ts";
import { tempDir } from "../support/temp.ts";

/** A fresh archive home, removed when the test ends (passed or failed), its archives closed first. */
export async function testHome(): Promise<{ home: string; open: () => Promise<SqliteArchive> }> {
  const home = tempDir("loop");
  const opened: SqliteArchive[] = [];
  // A loop frozen by an emulated crash never removes its scratch (e.g. git's private index files):
  // while the test runs, the process's temp dir is inside the home, which is removed with it.
  const tmpBefore = process.env.TMPDIR;
  process.env.TMPDIR = join(home, "tmp");
  mkdirSync(process.env.TMPDIR);
  // Registered after tempDir's removal, so it runs first (vitest runs these hooks in reverse order).
  onTestFinished(() => {
    for (const archive of opened) archive.close();
    if (tmpBefore === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmpBefore;
  });
  const open = async () => {
    const archive = await openArchive(home);
    opened.push(archive);
    return archive;
  };
  return { home, open };
}

/** The demo's options (builtin:small, one stage, 4 generations × 2 children, 2 workers) with changes. */
export function loopOptions(overrides: Partial<EvolveOptionsInput> = {}): EvolveOptions {
  return parseEvolveOptions({ ...demoOptions(), ...overrides });
}

export function newRun(archive: SqliteArchive, options: EvolveOptions): RunRow {
  return archive.createRun({ config: { options }, seed: options.seed });
}

export function loopControl(): LoopControl {
  return { stop: new AbortController(), abort: new AbortController() };
}

export interface StartedLoop {
  done: Promise<LoopResult>;
  events: EvolveEvent[];
  services: EvolveServices;
}

/** Starts the loop on fresh in-process services; `wrap` may intercept the services (crashes, Ctrl-C). */
export function startLoop(
  home: string,
  archive: SqliteArchive,
  run: RunRow,
  options: EvolveOptions,
  setup: {
    resumed?: boolean;
    control?: LoopControl;
    seams?: InProcessSeams;
    wrap?: (services: EvolveServices) => EvolveServices;
  } = {},
): StartedLoop {
  const current = archive.getRun(run.id) ?? run;
  const wiring = createInProcessServices(archive, current, options, setup.seams);
  const services = setup.wrap ? setup.wrap(wiring.services) : wiring.services;
  const loop = new EvolutionLoop(services, options, home, setup.control ?? loopControl());
  const events: EvolveEvent[] = [];
  loop.events.on((event) => events.push(event));
  const done = loop.execute(current, setup.resumed ?? false).finally(() => wiring.close());
  return { done, events, services };
}

export async function runLoop(...args: Parameters<typeof startLoop>): Promise<LoopResult & { events: EvolveEvent[] }> {
  const started = startLoop(...args);
  return { ...(await started.done), events: started.events };
}

const countedStatuses = new Set(["succeeded", "failed"]);

/** What every finished run must satisfy, however it got there (crashes, aborts, budget stops and resumes). */
export async function expectCompleteRun(archive: SqliteArchive, runId: string, options: EvolveOptions): Promise<void> {
  expect((await archive.verify()).problems).toEqual([]);
  expect(archive.getRun(runId)?.status).toBe("finished");
  const attempts = archive.listAttempts(runId);
  expect(attempts.filter((attempt) => attempt.status === "running")).toEqual([]);
  const counted = attempts.filter((attempt) => countedStatuses.has(attempt.status));
  expect(counted).toHaveLength(options.maxGenerations * options.childrenPerGeneration);
  expectOneResultPerTask(archive, runId);
}

/** Every evaluated agent has exactly one non-error result per task of its stages (builtin:small: 10). */
export function expectOneResultPerTask(archive: SqliteArchive, runId: string, taskCount = 10): void {
  const judged = archive
    .listAgents(runId)
    .filter((agent) => agent.status === "admitted" || agent.status === "rejected");
  expect(judged.length).toBeGreaterThan(0);
  for (const agent of judged) {
    const tasks = archive
      .listEvaluations({ agentId: agent.id })
      .filter((row) => row.status !== "error")
      .map((row) => row.taskId);
    expect(tasks.length, `results of agent ${agent.id}`).toBe(taskCount);
    expect(new Set(tasks).size, `duplicate results of agent ${agent.id}`).toBe(taskCount);
  }
}

/** The attempts that count towards --max-generations × --children. */
export function countedAttempts(archive: SqliteArchive, runId: string) {
  return archive.listAttempts(runId).filter((attempt) => countedStatuses.has(attempt.status));
}

type PhaseCall = "diagnose" | "selfModify" | "gate" | "evaluate";

/** Runs `action` (e.g. a Ctrl-C) just before the `occurrence`-th call of a phase, then makes the call. */
export function beforeCall(call: PhaseCall, occurrence: number, action: () => void) {
  return (services: EvolveServices): EvolveServices => {
    let count = 0;
    const wrapped = { ...services };
    const original = services[call] as (...args: unknown[]) => Promise<unknown>;
    const intercepted = (...args: unknown[]) => {
      count += 1;
      if (count === occurrence) action();
      return original(...args);
    };
    return Object.assign(wrapped, { [call]: intercepted });
  };
}
