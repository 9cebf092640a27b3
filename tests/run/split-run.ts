// A finished evolution run with a held-out split, made on the in-process services (real SQLite, git and
// gateway; the simulator decides outcomes) with the sim models stored in its row as `dgm evolve` stores them.
import type { RunRow, SqliteArchive } from "../../archive/index.ts";
import { createInProcessServices } from "../../src/evolve/in-process/index.ts";
import { defaultStages, type EvolveOptions, type EvolveOptionsInput } from "../../src/evolve/options.ts";
import { type ModelsConfig, simModel } from "../../src/llm/index.ts";
import type { RunServicesOpener } from "../../src/run/run-services.ts";
import { loopOptions, runLoop, testHome } from "../evolve/loop-support.ts";

export const simModels: ModelsConfig = {
  solve: { provider: "sim", model: simModel },
  diagnose: { provider: "sim", model: simModel },
};

/** The use case's services seam, answered with the in-process services. */
export const inProcess: RunServicesOpener = async (archive, run, config) =>
  createInProcessServices(archive, run, config.options, { models: config.models });

/** By default: the built-in suite, 30% held out, and a loop that weighed only its top 2 agents. */
export async function splitRun(
  overrides: Partial<EvolveOptionsInput> = {},
): Promise<{ home: string; archive: SqliteArchive; run: RunRow; options: EvolveOptions }> {
  const { home, open } = await testHome();
  const archive = await open();
  const options = loopOptions({
    suite: "builtin",
    stages: defaultStages("builtin", false),
    testSplit: 0.3,
    finalists: 2,
    maxGenerations: 3,
    seed: 3,
    ...overrides,
  });
  const created = archive.createRun({ config: { options, models: simModels }, seed: options.seed });
  await runLoop(home, archive, created, options, { seams: { models: simModels } });
  return { home, archive, run: archive.getRun(created.id)!, options };
}
