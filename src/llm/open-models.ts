// The one way a use case opens its models: a provider per role from the configuration (the simulator
// told about the tasks at hand, replay reading the archive), prices, an optional run budget, and the
// metering gateway over them that records every call in the archive.
import type { Archive } from "../../archive/index.ts";
import type { RunBudget } from "./budget.ts";
import { createGateway, type Gateway } from "./gateway/gateway.ts";
import { createPricing } from "./pricing.ts";
import { createProvider } from "./providers/factory.ts";
import type { ScriptStep } from "./providers/scripted.ts";
import type { SimOracle } from "./sim/index.ts";
import type { ModelsConfig, Role } from "./types.ts";

export interface OpenModelsOptions {
  /** The roles to open (default both): a command that never diagnoses needs no diagnose provider. */
  roles?: Role[];
  /** What the simulator knows of the tasks at hand (only the sim provider reads it). */
  oracle?: SimOracle;
  /** Scripts for the scripted provider (tests and benchmarks). */
  scripts?: Record<string, ScriptStep[]>;
  budget?: RunBudget;
  /** The run's seed (the simulator's determinism). */
  seed?: number;
}

export function openModels(archive: Archive, models: ModelsConfig, options: OpenModelsOptions = {}): Gateway {
  const deps = { archive, sim: { oracle: options.oracle }, scripts: options.scripts };
  const roles = options.roles ?? ["solve", "diagnose"];
  return createGateway({
    archive,
    providers: Object.fromEntries(roles.map((role) => [role, createProvider(models[role], deps)])),
    pricing: createPricing(models.prices ?? {}),
    ...(options.budget ? { budget: options.budget } : {}),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
}
