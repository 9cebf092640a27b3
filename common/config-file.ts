// The run configuration file: `dgm.config.json` in the working directory, or the file given with
// --config. Each room reads its own section (e.g. "models"); this module only finds and parses it.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { DgmError } from "./errors.ts";

/** A configuration (file, flag or environment variable) that cannot be used; the message names it. */
export class ConfigError extends DgmError {}

export const defaultConfigFile = "dgm.config.json";

export interface LoadedConfigFile {
  path: string;
  data: Record<string, unknown>;
}

/** The parsed config file, or undefined when none is given and dgm.config.json does not exist. */
export function readConfigFile(options: { cwd?: string; file?: string } = {}): LoadedConfigFile | undefined {
  const cwd = options.cwd ?? process.cwd();
  const path = resolve(cwd, options.file ?? defaultConfigFile);
  if (!existsSync(path)) {
    if (options.file) throw new ConfigError(`config file ${path} does not exist (given with --config)`);
    return undefined;
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ConfigError(`config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new ConfigError(`config file ${path} must hold a JSON object, e.g. {"models": {"solve": {…}}}`);
  }
  return { path, data: data as Record<string, unknown> };
}
