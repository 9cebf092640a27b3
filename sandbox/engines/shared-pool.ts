// The one engine pool of the process. Commands configure it from dgm.config.json's "sandbox" section
// before starting work; without that (and without the section) it is the local engine alone, with one
// slot per container the process allows ($DGM_CONTAINERS, else one per core).
import { availableParallelism } from "node:os";
import { SandboxError } from "../errors.ts";
import { Engine } from "./engine.ts";
import { defaultEngineSpecs, type EngineSpec } from "./engine-config.ts";
import type { ProgressLog } from "./images.ts";
import { EnginePool } from "./pool.ts";

let shared: EnginePool | undefined;
let pendingSpecs: (() => EngineSpec[]) | undefined;
let progressLog: ProgressLog = (line) => process.stderr.write(`[engines] ${line}\n`);

/** $DGM_CONTAINERS, else one container per core: the local engine's slots when nothing else says. */
export function defaultLocalSlots(): number {
  const fromEnv = Number(process.env.DGM_CONTAINERS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : Math.max(1, availableParallelism());
}

/** The process's pool: the configured engines (see configureEngines), else the local engine alone. */
export function enginePool(): EnginePool {
  if (!shared) {
    const specs = pendingSpecs ? pendingSpecs() : defaultEngineSpecs(defaultLocalSlots());
    shared = new EnginePool(specs.map((spec) => new Engine(spec)));
  }
  return shared;
}

/**
 * Sets where the process's engines come from: read when a session first needs them, so a command
 * that never starts a container never reads (or fails on) the engine configuration. Not allowed while
 * sessions run on the current pool.
 */
export function configureEngines(specs: EngineSpec[] | (() => EngineSpec[])): void {
  if (shared?.engines.some((engine) => engine.active > 0)) {
    throw new SandboxError("the engines cannot change while sessions run on them");
  }
  shared = undefined;
  pendingSpecs = typeof specs === "function" ? specs : () => specs;
}

/** Where progress of copying images and trees to engines is written (stderr by default). */
export function setEngineProgressLog(log: ProgressLog): void {
  progressLog = log;
}

export function engineProgressLog(): ProgressLog {
  return progressLog;
}
