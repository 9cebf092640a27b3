// Which Docker engines this command's sessions run on: the "sandbox" section of the configuration
// file (--config, else ./dgm.config.json when present), read when a session first needs an engine.
import { dirname } from "node:path";
import { readConfigFile } from "../../common/index.ts";
import { configureEngines, defaultLocalSlots, type EngineSpec, parseEngineSection } from "../../sandbox/index.ts";

/** The engines the configuration file names (the local engine alone without a "sandbox" section). */
export function configuredEngineSpecs(configFile?: string): EngineSpec[] {
  const file = readConfigFile(configFile ? { file: configFile } : {});
  return parseEngineSection(file?.data.sandbox, {
    source: file?.path ?? "defaults",
    baseDir: file ? dirname(file.path) : process.cwd(),
    localSlots: defaultLocalSlots(),
  });
}

export function useConfiguredEngines(configFile?: string): void {
  configureEngines(() => configuredEngineSpecs(configFile));
}
