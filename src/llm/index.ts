// The model room's public entry: providers, the metering gateway, pricing, budgets, configuration
// and the offline simulator. Other rooms import only from here.

export { ConfigError } from "../../common/index.ts";
export { createRunBudget, type RunBudget } from "./budget.ts";
export { describeModelConfig, loadModelsConfig, simModel } from "./config.ts";
export { GatewayError } from "./gateway/errors.ts";
export { createGateway, type Gateway, type GatewaySession } from "./gateway/gateway.ts";
export { DEFAULT_SESSION_HTTP_LIMITS } from "./gateway/http.ts";
export { DEFAULT_MAX_OUTPUT_TOKENS_PER_CALL } from "./gateway/request-policy.ts";
export { failureWithFix } from "./model-failure.ts";
export { openModels } from "./open-models.ts";
export { costAtPrice, createPricing, missingPriceFix, type TokenSplit } from "./pricing.ts";
export { ProviderError } from "./provider-error.ts";
export { createProvider } from "./providers/factory.ts";
export { createOpenAIProvider } from "./providers/openai.ts";
export { adaptRequest, isReasoningModel } from "./providers/openai-params.ts";
export { createReplayProvider } from "./providers/replay.ts";
export { createScriptedProvider, type ScriptStep } from "./providers/scripted.ts";
export { requestHash } from "./request-hash.ts";
export {
  createSimProvider,
  promptSkills,
  promptSkillsIn,
  type SimOracle,
  type SimTaskKnowledge,
  simBuildBreakage,
  simFinalSolution,
  simFingerprint,
  simOracleFor,
  simTrueScore,
  skillsOf,
  systemPromptInSource,
  toolSkillsInSource,
} from "./sim/index.ts";
export type * from "./types.ts";
