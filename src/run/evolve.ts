// One `dgm evolve` invocation end to end: open the archive, find the run's configuration, show the
// estimate and ask before a real-model run spends anything, create or reopen the run, make sure the
// sandbox image exists, wire the services, watch for Ctrl-C, run the loop, and print where things are.
import { resolve } from "node:path";
import type { Archive, RunRow } from "../../archive/index.ts";
import { ArchiveError, archiveExists, openArchive, resolveRunRef } from "../../archive/index.ts";
import {
  callsRealModel,
  chooseViewMode,
  type EstimateSummary,
  EvolutionLoop,
  type EvolveOptions,
  estimateRun,
  exitCodeOfStop,
  LiveView,
  type RunEstimate,
  summaryOf,
} from "../evolve/index.ts";
import { loadModelsConfig, type ModelsConfig } from "../llm/index.ts";
import { printRunSummary } from "./evolve-summary.ts";
import { openDockerServices, type StoredConfig, storedRunConfig } from "./run-services.ts";

export interface RunEvolutionOptions {
  home: string;
  /** New runs: the validated options. Resumed runs take theirs from the archive. */
  options?: EvolveOptions;
  resumeRunId?: string;
  /** On resume: the stops that may change (more generations, a larger budget, more hours). */
  resumeOverrides?: Partial<
    Pick<EvolveOptions, "maxGenerations" | "budgetUsd" | "budgetTokens" | "maxHours" | "maxTaskEvals">
  >;
  models: { solve?: string; diagnose?: string; configFile?: string };
  json: boolean;
  demo: boolean;
  /**
   * Asked with the estimate before a run that calls a real model starts (never for sim, scripted or
   * replay runs); resolves false to leave the run unstarted. Absent: start without asking.
   */
  confirmSpend?: (estimate: RunEstimate) => Promise<boolean>;
}

/** A run about to start or continue: nothing is written until it is confirmed. */
interface PlannedRun {
  existing?: RunRow;
  config: StoredConfig;
}

function loadModels(flags: RunEvolutionOptions["models"]): ModelsConfig {
  return loadModelsConfig({ model: flags.solve, diagnoseModel: flags.diagnose, configFile: flags.configFile });
}

/** The configuration of the run to start or resume; creates nothing. */
function planRun(archive: Archive | undefined, request: RunEvolutionOptions): PlannedRun {
  if (request.resumeRunId) {
    if (!archive)
      throw new ArchiveError(`no archive at ${resolve(request.home)} to resume ${request.resumeRunId} from`, {
        fix: "point --home / DGM_HOME at the archive that holds the run",
      });
    const run = resolveRunRef(archive, request.resumeRunId);
    const overrides = Object.fromEntries(
      Object.entries(request.resumeOverrides ?? {}).filter(([, value]) => value !== undefined),
    );
    const explicitModels = request.models.solve || request.models.diagnose || request.models.configFile;
    return {
      existing: run,
      config: storedRunConfig(run, overrides, explicitModels ? loadModels(request.models) : undefined),
    };
  }
  if (!request.options) throw new Error("runEvolution needs options for a new run");
  return { config: { options: request.options, models: loadModels(request.models) } };
}

/** The archive at `home` when there is one; a new run's home is created only once the run starts. */
async function openExistingArchive(home: string): Promise<Archive | undefined> {
  return archiveExists(home) ? openArchive(home) : undefined;
}

/** The estimate of what is left to do: all of a new run, the rest of a resumed one. */
function estimateOf(archive: Archive | undefined, planned: PlannedRun): Promise<RunEstimate> {
  const { options, models } = planned.config;
  const run = planned.existing;
  if (!archive || !run) return estimateRun({ options, models, archive });
  const done = archive.listAttempts(run.id).filter((a) => a.status === "succeeded" || a.status === "failed").length;
  const seed = archive.listAgents(run.id).find((agent) => agent.parentId === null);
  return estimateRun({
    options,
    models,
    archive,
    children: Math.max(0, options.maxGenerations * options.childrenPerGeneration - done),
    seedEvaluated: seed?.status === "admitted",
  });
}

/** `dgm evolve --estimate`: what the run would spend; starts nothing and needs no Docker. */
export async function estimateEvolution(request: RunEvolutionOptions): Promise<RunEstimate> {
  const archive = await openExistingArchive(request.home);
  try {
    return await estimateOf(archive, planRun(archive, request));
  } finally {
    archive?.close();
  }
}

function createRun(archive: Archive, config: StoredConfig): RunRow {
  return archive.createRun({
    config: config as unknown as Record<string, unknown>,
    seed: config.options.seed,
    budgetUsd: config.options.budgetUsd,
    budgetTokens: config.options.budgetTokens,
  });
}

/** A resumed run has spent something already: the live view compares its total with that plus the rest. */
function afterSpent(summary: EstimateSummary, run: RunRow): EstimateSummary {
  const plus = (spread: EstimateSummary["tokens"], amount: number) => ({
    low: spread.low + amount,
    expected: spread.expected + amount,
    high: spread.high + amount,
  });
  return {
    usd: summary.usd && run.costUsd !== null ? plus(summary.usd, run.costUsd) : summary.usd,
    tokens: plus(summary.tokens, run.totalTokens),
  };
}

/** First Ctrl-C: stop scheduling and let in-flight work finish. Second: abort now. */
function watchInterrupts(stop: AbortController, abort: AbortController): { dispose: () => void } {
  const onSignal = (signal: NodeJS.Signals) => {
    if (!stop.signal.aborted) stop.abort(`interrupted (${signal})`);
    else abort.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    dispose: () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}

export async function runEvolution(request: RunEvolutionOptions): Promise<number> {
  let archive = await openExistingArchive(request.home);
  try {
    const planned = planRun(archive, request);
    let estimate: EstimateSummary | undefined;
    if (request.confirmSpend && callsRealModel(planned.config.models)) {
      const full = await estimateOf(archive, planned);
      if (!(await request.confirmSpend(full))) return 1;
      estimate = summaryOf(full);
    }
    archive ??= await openArchive(request.home);
    const config = planned.config;
    const run = planned.existing ?? createRun(archive, { ...config, ...(estimate ? { estimate } : {}) });
    const mode = chooseViewMode(request.json);
    if (mode !== "json") console.log(`checking the sandbox image (built once, about a minute on a fresh machine)…`);
    const wiring = await openDockerServices(archive, run, config);
    const control = { stop: new AbortController(), abort: new AbortController() };
    const interrupts = watchInterrupts(control.stop, control.abort);
    const loop = new EvolutionLoop(wiring.services, config.options, archive.home, control);
    const view = new LiveView(mode);
    if (estimate) {
      const target = planned.existing ? afterSpent(estimate, run) : estimate;
      archive.appendEvent(run.id, "estimate", { ...target, resumed: planned.existing !== undefined });
      view.showEstimate(target);
    }
    loop.events.on((event) => view.handle(event));
    try {
      const result = await loop.execute(run, request.resumeRunId !== undefined);
      if (mode !== "json") await printRunSummary(archive, result, { demo: request.demo, models: config.models });
      return exitCodeOfStop(result.stop);
    } finally {
      interrupts.dispose();
      await wiring.close();
    }
  } finally {
    archive?.close();
  }
}
