// One factory from a role's configuration to its provider. The key is read from the environment
// variable the configuration names, here on the host, and never goes anywhere near a container.
import type { Archive } from "../../../archive/index.ts";
import { ConfigError } from "../../../common/index.ts";
import { createSimProvider, type SimProviderOptions } from "../sim/index.ts";
import type { Provider, RoleConfig } from "../types.ts";
import { createOpenAIProvider } from "./openai.ts";
import { createReplayProvider } from "./replay.ts";
import { createScriptedProvider, type ScriptStep } from "./scripted.ts";

export interface ProviderDeps {
  env?: NodeJS.ProcessEnv;
  /** Needed by replay. */
  archive?: Pick<Archive, "findModelCallsByHash">;
  /** The simulator's task oracle. */
  sim?: SimProviderOptions;
  /** Scripts for the scripted provider (tests). */
  scripts?: Record<string, ScriptStep[]>;
  /** Per-attempt timeout for HTTP providers. */
  timeoutMs?: number;
}

export function createProvider(role: RoleConfig, deps: ProviderDeps = {}): Provider {
  const provider = providerFor(role, deps);
  if (role.maxOutputTokens !== undefined) provider.maxOutputTokens = role.maxOutputTokens;
  return provider;
}

function providerFor(role: RoleConfig, deps: ProviderDeps): Provider {
  const env = deps.env ?? process.env;
  switch (role.provider) {
    case "sim":
      return createSimProvider({ ...deps.sim, model: role.model || "dgm-sim" });
    case "scripted":
      return createScriptedProvider({ model: role.model, scripts: deps.scripts ?? {} });
    case "replay": {
      if (!role.replayRun) throw new ConfigError("replay needs the id of the run to replay (replay:<runId>)");
      if (!deps.archive) throw new ConfigError("replay needs the archive holding the recorded run");
      return createReplayProvider({ archive: deps.archive, runId: role.replayRun });
    }
    case "openai": {
      const keyEnv = role.apiKeyEnv ?? "OPENAI_API_KEY";
      return createOpenAIProvider({
        model: role.model,
        baseUrl: role.baseUrl ?? (env.OPENAI_BASE_URL || undefined),
        apiKey: env[keyEnv],
        params: role.params,
        timeoutMs: role.timeoutSeconds !== undefined ? role.timeoutSeconds * 1000 : deps.timeoutMs,
      });
    }
  }
}
