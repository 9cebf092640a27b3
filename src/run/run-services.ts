// Continuing work on an existing run with exactly the settings it started with: the options and models
// its row stores, validated again, and its services built on Docker as `dgm evolve --resume` builds them.
// Shared by the resume and by `dgm best --confidence`, which evaluates a run's finalists on its held-out split.
import type { Archive, RunRow } from "../../archive/index.ts";
import { suiteLanguages } from "../../evaluator/index.ts";
import { engineInfo, ensureSandboxImage, requireLanguageImages } from "../../sandbox/index.ts";
import {
  createEvolveServices,
  type EstimateSummary,
  type EvolveOptions,
  parseEvolveOptions,
  type ServicesWiring,
} from "../evolve/index.ts";
import type { ModelsConfig } from "../llm/index.ts";
import { CommandError } from "./errors.ts";

/** What the run row's config holds: enough to resume with exactly the same settings. */
export interface StoredConfig {
  options: EvolveOptions;
  models: ModelsConfig;
  /** The estimate shown before the run started (real-model runs), for views that compare spend to it. */
  estimate?: EstimateSummary;
}

/** The run's validated options, or undefined for a row not made by `dgm evolve` (`dgm eval`, `agent run`). */
export function storedRunOptions(run: RunRow): EvolveOptions | undefined {
  const options = run.config.options;
  return typeof options === "object" && options !== null ? parseEvolveOptions(options) : undefined;
}

/** The run's stored options (with `overrides` laid over them, validated together) and models (unless others are given). */
export function storedRunConfig(
  run: RunRow,
  overrides: Partial<EvolveOptions> = {},
  models?: ModelsConfig,
): StoredConfig {
  const options = run.config.options;
  if (typeof options !== "object" || options === null)
    throw new CommandError(`run ${run.id} was not made by \`dgm evolve\`: it stores no evolution options`, {
      fix: "give the id of an evolution run (`dgm runs` lists them)",
    });
  const stored = run.config as unknown as Partial<StoredConfig>;
  const chosen = models ?? stored.models;
  if (!chosen)
    throw new CommandError(`run ${run.id} stores no model configuration, so it cannot be continued as it started`, {
      fix: "continue it with `dgm evolve --resume` and --model / --diagnose-model",
    });
  return { options: parseEvolveOptions({ ...options, ...overrides }), models: chosen };
}

/** How a use case gets a run's services: on Docker by default; tests pass the in-process ones. */
export type RunServicesOpener = (archive: Archive, run: RunRow, config: StoredConfig) => Promise<ServicesWiring>;

/**
 * The run's services on Docker: an engine that answers (the usual error with its fix when none does),
 * the sandbox image and the suites' language images, then the services as a resume wires them.
 */
export const openDockerServices: RunServicesOpener = async (archive, run, config) => {
  await engineInfo();
  await ensureSandboxImage();
  await requireLanguageImages(suiteLanguages(config.options.stages.map((stage) => stage.suite)));
  return createEvolveServices(archive, run, config.options, config.models);
};
