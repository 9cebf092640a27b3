// The model room's public entry: providers, the metering gateway, pricing, budgets, configuration
// and the offline simulator. Other rooms import only from here.

export { ConfigError } from "../config.ts";
export { type BudgetReservation, createRunBudget, type RunBudget } from "./budget.ts";
export { describeModelConfig, type LoadModelsOptions, loadModelsConfig, parseModelSpec, simModel } from "./config.ts";
export { GatewayError } from "./gateway/errors.ts";
export {
  createGateway,
  type Gateway,
  type GatewayDeps,
  type GatewaySession,
  type OpenSessionOptions,
} from "./gateway/gateway.ts";
export { DEFAULT_SESSION_HTTP_LIMITS, type SessionHttpLimits } from "./gateway/http.ts";
export { DEFAULT_MAX_OUTPUT_TOKENS_PER_CALL } from "./gateway/request-policy.ts";
export { classifyModelFailure, failureWithFix, type ModelFailure, type ModelFailureKind } from "./model-failure.ts";
export {
  builtinPrices,
  costAtPrice,
  createPricing,
  type ModelPrice,
  missingPriceFix,
  type Pricing,
  type TokenSplit,
} from "./pricing.ts";
export { createProvider, type ProviderDeps } from "./providers/factory.ts";
export { createOpenAIProvider, type OpenAIProviderOptions } from "./providers/openai.ts";
export { adaptRequest, isReasoningModel } from "./providers/openai-params.ts";
export { createReplayProvider, ReplayMissError } from "./providers/replay.ts";
export { createScriptedProvider, type ScriptStep } from "./providers/scripted.ts";
export { normalizeRequest, requestHash } from "./request-hash.ts";
export { backoffDelay, type RetryOptions, withRetries } from "./retry.ts";
export {
  createSimProvider,
  promptSkills,
  promptSkillsIn,
  type SimOracle,
  type SimProviderOptions,
  type SimSolveDraw,
  type SimTaskKnowledge,
  simBuildBreakage,
  simFinalSolution,
  simFingerprint,
  simSuccessProbability,
  skillsOf,
  systemPromptInSource,
  toolSkillsInSource,
} from "./sim/index.ts";
export type { Spend, SpendHold } from "./spend-tally.ts";
export type * from "./types.ts";
export { ProviderError } from "./types.ts";
