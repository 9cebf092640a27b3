// Model roles from defaults < config file ("models" section) < environment < flags, validated with
// zod. The default is the offline simulator, so nothing ever calls a paid API by accident.
import { z } from "zod";
import { ConfigError, readConfigFile } from "../../common/index.ts";
import { DEFAULT_MAX_OUTPUT_TOKENS_PER_CALL } from "./gateway/request-policy.ts";
import type { ModelsConfig, Role, RoleConfig } from "./types.ts";

const roleSchema = z.strictObject({
  provider: z.enum(["openai", "replay", "scripted", "sim"]),
  model: z.string().min(1).optional(),
  baseUrl: z.url().optional(),
  apiKeyEnv: z
    .string()
    .regex(
      /^[A-Za-z_][A-Za-z0-9_]*$/,
      "apiKeyEnv is the NAME of an environment variable (e.g. OPENAI_API_KEY), never the key",
    )
    .optional(),
  params: z.record(z.string(), z.unknown()).optional(),
  maxOutputTokens: z.number().int().positive().max(1_000_000).optional(),
  timeoutSeconds: z.number().positive().max(3600).optional(),
  replayRun: z.string().min(1).optional(),
});

const modelsSchema = z.strictObject({
  solve: roleSchema.optional(),
  diagnose: roleSchema.optional(),
  prices: z
    .record(
      z.string(),
      z.strictObject(
        {
          input: z.number().nonnegative(),
          cachedInput: z.number().nonnegative().optional(),
          output: z.number().nonnegative(),
        },
        {
          error: (issue) =>
            issue.code === "unrecognized_keys"
              ? `unknown price field ${issue.keys.map((key) => `"${key}"`).join(", ")}: a price has "input", "output" and optionally "cachedInput" (USD per 1M tokens)`
              : `a price is {"input": <USD per 1M>, "output": <USD per 1M>, "cachedInput": <USD per 1M, optional>}`,
        },
      ),
    )
    .optional(),
});

export const simModel = "dgm-sim";

/** Parses "sim", "openai:gpt-4.1-mini", "replay:<runId>", "scripted" or a bare model name (openai). */
export function parseModelSpec(spec: string): RoleConfig {
  const colon = spec.indexOf(":");
  const head = colon < 0 ? spec : spec.slice(0, colon);
  const rest = colon < 0 ? "" : spec.slice(colon + 1);
  if (head === "sim") return { provider: "sim", model: rest || simModel };
  if (head === "scripted") return { provider: "scripted", model: rest || "scripted" };
  if (head === "replay") {
    if (!rest) throw new ConfigError(`model "${spec}": replay needs a run id, e.g. --model replay:<runId>`);
    return { provider: "replay", model: `replay:${rest}`, replayRun: rest };
  }
  if (head === "openai") {
    if (!rest) throw new ConfigError(`model "${spec}": name the model, e.g. --model openai:gpt-4.1-mini`);
    return { provider: "openai", model: rest };
  }
  if (!spec.trim()) throw new ConfigError("empty model: use sim, openai:<model> or replay:<runId>");
  return { provider: "openai", model: spec };
}

export interface LoadModelsOptions {
  cwd?: string;
  /** --config <file> */
  configFile?: string;
  env?: NodeJS.ProcessEnv;
  /** --model, applied to both roles. */
  model?: string;
  /** --diagnose-model, applied to the diagnose role after --model. */
  diagnoseModel?: string;
}

function completeRole(role: Role, partial: z.infer<typeof roleSchema>, env: NodeJS.ProcessEnv): RoleConfig {
  const config: RoleConfig = { ...partial, model: partial.model ?? "" };
  if (config.provider === "sim" && !config.model) config.model = simModel;
  if (config.provider === "replay") {
    if (!config.replayRun) throw new ConfigError(`models.${role}: provider "replay" needs "replayRun": "<run id>"`);
    if (!config.model) config.model = `replay:${config.replayRun}`;
  }
  if (config.provider === "openai") {
    if (!config.model) throw new ConfigError(`models.${role}: provider "openai" needs "model", e.g. "gpt-4.1-mini"`);
    config.apiKeyEnv ??= "OPENAI_API_KEY";
    config.baseUrl ??= env.OPENAI_BASE_URL || undefined;
  }
  if (!config.model) config.model = config.provider;
  return config;
}

function formatIssues(error: z.ZodError, where: string): string {
  return error.issues.map((issue) => `${where}.${issue.path.join(".")}: ${issue.message}`).join("\n");
}

export function loadModelsConfig(options: LoadModelsOptions = {}): ModelsConfig & { source: string[] } {
  const env = options.env ?? process.env;
  const source: string[] = ["defaults (sim)"];
  const file = readConfigFile({ cwd: options.cwd, file: options.configFile });
  const parsed = modelsSchema.safeParse(file?.data.models ?? {});
  if (!parsed.success)
    throw new ConfigError(`invalid models configuration in ${file?.path}:\n${formatIssues(parsed.error, "models")}`);
  if (file?.data.models) source.push(file.path);
  const roles: Record<Role, z.infer<typeof roleSchema>> = {
    solve: parsed.data.solve ?? { provider: "sim" },
    diagnose: parsed.data.diagnose ?? parsed.data.solve ?? { provider: "sim" },
  };
  const override = (spec: string | undefined, which: Role[], label: string) => {
    if (!spec) return;
    const role = parseModelSpec(spec);
    for (const name of which) roles[name] = { ...(roles[name].provider === role.provider ? roles[name] : {}), ...role };
    source.push(label);
  };
  override(env.DGM_MODEL || undefined, ["solve", "diagnose"], "DGM_MODEL");
  override(options.model, ["solve", "diagnose"], "--model");
  override(options.diagnoseModel, ["diagnose"], "--diagnose-model");
  return {
    solve: completeRole("solve", roles.solve, env),
    diagnose: completeRole("diagnose", roles.diagnose, env),
    prices: parsed.data.prices,
    source,
  };
}

/** Lines for `dgm doctor`: provider, model, endpoint, and whether the key variable is set (never the key). */
export function describeModelConfig(config: ModelsConfig, env: NodeJS.ProcessEnv = process.env): string[] {
  const lines: string[] = [];
  for (const role of ["solve", "diagnose"] as const) {
    const rc = config[role];
    if (rc.provider === "sim") {
      lines.push(`${role}: sim (${rc.model}) — the offline simulator, not a model`);
    } else if (rc.provider === "replay") {
      lines.push(`${role}: replay of run ${rc.replayRun}`);
    } else if (rc.provider === "scripted") {
      lines.push(`${role}: scripted (tests only)`);
    } else {
      const keyEnv = rc.apiKeyEnv ?? "OPENAI_API_KEY";
      const keyState = env[keyEnv] ? "set" : "NOT set";
      const params = rc.params && Object.keys(rc.params).length > 0 ? `, params ${JSON.stringify(rc.params)}` : "";
      const cap = `, output cap ${rc.maxOutputTokens ?? `${DEFAULT_MAX_OUTPUT_TOKENS_PER_CALL} (default)`} tokens per call`;
      const timeout = rc.timeoutSeconds !== undefined ? `, timeout ${rc.timeoutSeconds} s` : "";
      lines.push(
        `${role}: openai ${rc.model} at ${rc.baseUrl ?? "https://api.openai.com/v1"} (key ${keyEnv}: ${keyState}${params}${cap}${timeout})`,
      );
    }
  }
  return lines;
}
