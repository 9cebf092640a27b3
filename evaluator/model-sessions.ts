// What running an agent needs from the model gateway, declared here so that the evaluator depends on
// nothing above it: a session whose socket the container reaches, its limits, and what it
// spent. The gateway (src/llm) implements this; tests may hand in any other implementation.
import type { CallerIdentity } from "../archive/index.ts";

/** Per-session limits enforced by the gateway; an over-limit request gets an error the agent can read. */
export interface SessionLimits {
  maxCalls?: number;
  /** Ceiling on each call's output tokens (max_tokens / max_completion_tokens); default 16384. */
  maxOutputTokensPerCall?: number;
  maxTokens?: number;
  maxCostUsd?: number;
  maxWallMs?: number;
}

/** What a finished (or failed) session spent; costUsd is null when any call had an unknown price. */
export interface SessionUsage {
  calls: number;
  promptTokens: number;
  /** Of promptTokens, those the provider served from its prompt cache (charged at the cached rate). */
  cachedTokens: number;
  completionTokens: number;
  /** Calls whose server sent no usage: their tokens and cost are estimates. */
  estimatedCalls: number;
  costUsd: number | null;
  /** Calls refused by a session limit or the run budget (never sent to a provider). */
  refused: number;
  /** Of those, refused because the run's budget was spent: not the agent's doing. */
  budgetRefused: number;
  /** Calls that failed after retries. */
  errors: number;
  /**
   * The first of those failures that was not the agent's own doing (a refused key, a server that kept
   * failing): the session's result says nothing about the agent, so it is an infrastructure error.
   */
  modelFailure?: { message: string; fix: string | null };
  wallMs: number;
}

export interface ModelSessionOptions {
  identity: CallerIdentity;
  /** Agents always speak as the solve role; the diagnoser never runs in a container. */
  role: "solve";
  limits?: SessionLimits;
  /** Overrides the gateway's seed for this session. */
  seed?: number;
}

export interface ModelSession {
  /** The session's unix socket on the host; the sandbox makes it reachable at /gateway/gateway.sock inside. */
  readonly socketPath: string;
  usage(): SessionUsage;
  close(): Promise<void>;
}

export interface ModelSessions {
  openSession(options: ModelSessionOptions): Promise<ModelSession>;
}
