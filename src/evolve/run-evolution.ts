// One `dgm evolve` invocation end to end: open the archive, create or reopen the run, make sure the
// sandbox image exists, wire the services, watch for Ctrl-C, run the loop, and print where things are.
import type { Archive, RunRow } from "../../archive/index.ts";
import { openArchive } from "../../archive/index.ts";
import { ensureSandboxImage } from "../../sandbox/index.ts";
import { UserError } from "../cli/errors.ts";
import { loadModelsConfig, type ModelsConfig } from "../llm/index.ts";
import { chooseViewMode, LiveView } from "./live-view.ts";
import { EvolutionLoop, type LoopResult } from "./loop.ts";
import { type EvolveOptions, parseEvolveOptions } from "./options.ts";
import { printRunSummary } from "./summary.ts";
import { createEvolveServices } from "./wiring.ts";

export interface RunEvolutionOptions {
  home: string;
  /** New runs: the validated options. Resumed runs take theirs from the archive. */
  options?: EvolveOptions;
  resumeRunId?: string;
  /** On resume: the stops that may change (more generations, a larger budget, more hours). */
  resumeOverrides?: Partial<Pick<EvolveOptions, "maxGenerations" | "budgetUsd" | "budgetTokens" | "maxHours">>;
  models: { solve?: string; diagnose?: string; configFile?: string };
  json: boolean;
  demo: boolean;
}

/** What the run row's config holds: enough to resume with exactly the same settings. */
interface StoredConfig {
  options: EvolveOptions;
  models: ModelsConfig;
}

function loadModels(flags: RunEvolutionOptions["models"]): ModelsConfig {
  try {
    return loadModelsConfig({ model: flags.solve, diagnoseModel: flags.diagnose, configFile: flags.configFile });
  } catch (error) {
    throw new UserError((error as Error).message);
  }
}

function openRun(archive: Archive, request: RunEvolutionOptions): { run: RunRow; config: StoredConfig } {
  if (request.resumeRunId) {
    const run =
      archive.getRun(request.resumeRunId) ?? archive.listRuns().find((r) => r.id.startsWith(request.resumeRunId ?? ""));
    if (!run) throw new UserError(`no run ${request.resumeRunId} in ${archive.home} (see \`dgm runs\`)`);
    const stored = run.config as unknown as StoredConfig;
    const overrides = Object.fromEntries(
      Object.entries(request.resumeOverrides ?? {}).filter(([, value]) => value !== undefined),
    );
    const options = parseEvolveOptions({ ...stored.options, ...overrides });
    const explicitModels = request.models.solve || request.models.diagnose || request.models.configFile;
    return { run, config: { options, models: explicitModels ? loadModels(request.models) : stored.models } };
  }
  if (!request.options) throw new Error("runEvolution needs options for a new run");
  const config: StoredConfig = { options: request.options, models: loadModels(request.models) };
  const run = archive.createRun({
    config: config as unknown as Record<string, unknown>,
    seed: config.options.seed,
    budgetUsd: config.options.budgetUsd,
    budgetTokens: config.options.budgetTokens,
  });
  return { run, config };
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

function exitCodeOf(result: LoopResult): number {
  if (result.status === "failed") return 1;
  if (result.reason.startsWith("interrupted") || result.reason.startsWith("aborted")) return 130;
  return 0;
}

export async function runEvolution(request: RunEvolutionOptions): Promise<number> {
  const archive = await openArchive(request.home);
  try {
    const { run, config } = openRun(archive, request);
    const mode = chooseViewMode(request.json);
    if (mode !== "json") console.log(`checking the sandbox image (built once, about a minute on a fresh machine)…`);
    await ensureSandboxImage();
    const wiring = createEvolveServices(archive, run, config.options, config.models);
    const control = { stop: new AbortController(), abort: new AbortController() };
    const interrupts = watchInterrupts(control.stop, control.abort);
    const loop = new EvolutionLoop(wiring.services, config.options, archive.home, control);
    const view = new LiveView(mode);
    loop.events.on((event) => view.handle(event));
    try {
      const result = await loop.execute(run, request.resumeRunId !== undefined);
      if (mode !== "json") await printRunSummary(archive, result, { demo: request.demo, models: config.models });
      return exitCodeOf(result);
    } finally {
      interrupts.dispose();
      await wiring.close();
    }
  } finally {
    archive.close();
  }
}
