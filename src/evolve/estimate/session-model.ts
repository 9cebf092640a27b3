// The token arithmetic of an agent session that resends its whole history on every call (as the seed
// does): each call's prompt is the previous one plus what the last step added, so prompt tokens grow
// about quadratically in the number of steps, and each call's prompt starts with the previous call's
// prompt, which a provider with prompt caching serves from its cache.
import type { TokenSplit } from "./types.ts";

/** OpenAI caches prompt prefixes of at least this many tokens; shorter prompts are never cached. */
export const CACHE_MINIMUM_TOKENS = 1024;

/** Characters per token for English and code with OpenAI's tokenizers (their own rule of thumb). */
export const CHARS_PER_TOKEN = 4;

export const tokensOf = (chars: number): number => Math.ceil(chars / CHARS_PER_TOKEN);

export interface SessionShape {
  /** Tokens sent on every call: system prompt, tool schemas, the task message. */
  fixedPrompt: number;
  steps: number;
  /** Tokens the model writes per step (its message and tool call), which stay in the history. */
  outputPerStep: number;
  /** Tokens of tool results per step, which stay in the history. */
  toolResultPerStep: number;
  /** Tokens of files read early in the session (after the first step) that stay in the history. */
  readOnce: number;
  /** The gateway's per-session token cap: the session ends when it is reached. */
  maxSessionTokens: number;
  /** The share of the resent history the provider serves from its prompt cache (0 to 1). */
  cacheHitShare: number;
}

export function simulateSession(shape: SessionShape): TokenSplit {
  const total: TokenSplit = { prompt: 0, cached: 0, completion: 0 };
  let history = shape.fixedPrompt;
  let previousPrompt = 0;
  for (let step = 1; step <= shape.steps; step++) {
    const spent = total.prompt + total.completion;
    if (spent + history + shape.outputPerStep > shape.maxSessionTokens) break;
    total.prompt += history;
    total.completion += shape.outputPerStep;
    if (previousPrompt >= CACHE_MINIMUM_TOKENS) total.cached += Math.round(previousPrompt * shape.cacheHitShare);
    previousPrompt = history;
    history += shape.outputPerStep + shape.toolResultPerStep + (step === 1 ? shape.readOnce : 0);
  }
  return total;
}
