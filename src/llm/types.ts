// The model layer's contract: an OpenAI chat-completions subset that every provider speaks, the
// gateway's session identity and limits, and the configuration of model roles.
import type { CallerIdentity } from "../../archive/index.ts";
import type { SessionUsage as AgentSessionUsage } from "../../evaluator/index.ts";
import type { ModelFailure } from "./model-failure.ts";

export type Role = "solve" | "diagnose";

export interface ToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export type ChatMessage =
  | { role: "system"; content: string }
  | { role: "user"; content: string }
  | { role: "assistant"; content: string | null; tool_calls?: ToolCall[] }
  | { role: "tool"; tool_call_id: string; content: string };

export interface ToolDefinition {
  type: "function";
  function: { name: string; description?: string; parameters: Record<string, unknown> };
}

/**
 * A chat-completions request. What an agent sends may hold anything; what reaches a provider is
 * cut down by the gateway to its allowlist (gateway/request-schema.ts), with the output limit set.
 */
export interface ChatRequest {
  model?: string;
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  tool_choice?: unknown;
  temperature?: number;
  max_tokens?: number;
  [extra: string]: unknown;
}

export interface ChatResponse {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: {
    index: number;
    message: { role: "assistant"; content: string | null; tool_calls?: ToolCall[] };
    finish_reason: "stop" | "tool_calls" | "length" | string;
  }[];
  /** Absent or partial from some servers; the gateway estimates what is missing (usage.ts). */
  usage: ChatUsage;
  /** What the gateway changed in the request (fields dropped, `n` forced, output limit lowered). */
  gateway_notes?: string[];
  /** How the provider repaired the reply's tool calls (e.g. "tool call parsed from <tool_call> text"). */
  dialect_notes?: string[];
}

/**
 * Token counts as servers report them. prompt_tokens includes the cached ones, which servers name in
 * different places: prompt_tokens_details.cached_tokens (OpenAI, vLLM, OpenRouter),
 * prompt_cache_hit_tokens (DeepSeek), cache_read_input_tokens (Anthropic-style gateways).
 */
export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number | null; [extra: string]: unknown } | null;
  prompt_cache_hit_tokens?: number;
  cache_read_input_tokens?: number;
  [extra: string]: unknown;
}

/** Everything a provider knows about the call besides the request: who is calling, and the run's seed. */
export interface CallContext {
  caller: CallerIdentity;
  role: Role;
  /** The run's seed (sim determinism); 0 outside runs. */
  seed: number;
  /** Index of this call within its session. */
  seq: number;
  signal?: AbortSignal;
}

export interface Provider {
  /** e.g. "openai", "replay", "scripted", "sim". */
  readonly name: string;
  /** The model name recorded and priced for calls made through this provider. */
  readonly model: string;
  /** The role's configured ceiling on each call's output tokens (models.<role>.maxOutputTokens). */
  maxOutputTokens?: number;
  complete(request: ChatRequest, context: CallContext): Promise<ChatResponse>;
}

export interface RoleConfig {
  provider: "openai" | "replay" | "scripted" | "sim";
  model: string;
  baseUrl?: string;
  /** Name of the environment variable holding the key (never the key itself in a file). */
  apiKeyEnv?: string;
  /** Extra request parameters (temperature, reasoning_effort, …). */
  params?: Record<string, unknown>;
  /** Ceiling on each call's output tokens for this role (sent as max_completion_tokens to reasoning models). */
  maxOutputTokens?: number;
  /** Per-attempt HTTP timeout in seconds (slow local models need more than the default 120). */
  timeoutSeconds?: number;
  /** For replay: the run whose recorded calls answer. */
  replayRun?: string;
}

export interface ModelsConfig {
  solve: RoleConfig;
  diagnose: RoleConfig;
  /** USD per million tokens (cachedInput: prompt tokens served from the provider's cache), merged over the built-in table. */
  prices?: Record<string, { input: number; cachedInput?: number; output: number }>;
}

export type { SessionLimits } from "../../evaluator/index.ts";

/** What a session spent, with the model failure classified (the evaluator reads only its message). */
export interface SessionUsage extends AgentSessionUsage {
  modelFailure?: ModelFailure;
}
