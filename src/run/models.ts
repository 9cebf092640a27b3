// How a command chooses its models: --model and --config over dgm.config.json and DGM_MODEL (see
// src/llm/config.ts), plus the scripted provider's scripts when tests hand some in.
import type { ModelsConfig, ScriptStep } from "../llm/index.ts";
import { loadModelsConfig } from "../llm/index.ts";

export interface ModelChoice {
  /** --model: sim, openai:<model>, replay:<run>, scripted (default: configuration, else sim). */
  model?: string;
  /** --config: the configuration file (default ./dgm.config.json when present). */
  configFile?: string;
  /** Scripts for the scripted provider (tests). */
  scripts?: Record<string, ScriptStep[]>;
}

export function modelsOf(choice: ModelChoice): ModelsConfig {
  return loadModelsConfig({ model: choice.model, configFile: choice.configFile });
}

/** "sim:dgm-sim", "openai:gpt-4.1-mini": how a role's model is named in output and run records. */
export function modelName(models: ModelsConfig): string {
  return `${models.solve.provider}:${models.solve.model}`;
}
