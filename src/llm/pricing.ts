// Prices in USD per million tokens. An unknown model is never a silent $0: the call is recorded with
// costUsd null and a warning is printed once per model so the user can add a price in the config.
export interface ModelPrice {
  input: number;
  /** Rate of cached prompt tokens; absent: the input rate (no discount known). */
  cachedInput?: number;
  output: number;
  /** Shown in doctor/report output, e.g. "simulated". */
  note?: string;
}

/**
 * Built-in prices (USD / 1M tokens, list prices as of 2025). `cachedInput` is the rate of prompt
 * tokens served from the provider's prompt cache (OpenAI's automatic caching, Anthropic's cache
 * reads, DeepSeek's cache hits); cache writes are billed as plain input here. Config entries
 * override these.
 */
export const builtinPrices: Record<string, ModelPrice> = {
  "dgm-sim": { input: 0.5, output: 1.5, note: "simulated: the offline simulator's notional price" },
  "gpt-4.1": { input: 2, cachedInput: 0.5, output: 8 },
  "gpt-4.1-mini": { input: 0.4, cachedInput: 0.1, output: 1.6 },
  "gpt-4.1-nano": { input: 0.1, cachedInput: 0.025, output: 0.4 },
  "gpt-4o": { input: 2.5, cachedInput: 1.25, output: 10 },
  "gpt-4o-mini": { input: 0.15, cachedInput: 0.075, output: 0.6 },
  "gpt-5": { input: 1.25, cachedInput: 0.125, output: 10 },
  "gpt-5-mini": { input: 0.25, cachedInput: 0.025, output: 2 },
  "gpt-5-nano": { input: 0.05, cachedInput: 0.005, output: 0.4 },
  o1: { input: 15, cachedInput: 7.5, output: 60 },
  "o1-mini": { input: 1.1, cachedInput: 0.55, output: 4.4 },
  o3: { input: 2, cachedInput: 0.5, output: 8 },
  "o3-mini": { input: 1.1, cachedInput: 0.55, output: 4.4 },
  "o4-mini": { input: 1.1, cachedInput: 0.275, output: 4.4 },
  "claude-sonnet-4": { input: 3, cachedInput: 0.3, output: 15 },
  "claude-3-5-sonnet": { input: 3, cachedInput: 0.3, output: 15 },
  "claude-3-5-haiku": { input: 0.8, cachedInput: 0.08, output: 4 },
  "deepseek-chat": { input: 0.27, cachedInput: 0.07, output: 1.1 },
  "deepseek-reasoner": { input: 0.55, cachedInput: 0.14, output: 2.19 },
};

/** One call's tokens; cachedTokens are the part of promptTokens the provider served from its cache. */
export interface TokenSplit {
  promptTokens: number;
  cachedTokens: number;
  completionTokens: number;
}

export interface Pricing {
  /** The price of a model, or undefined when unknown. */
  priceOf(model: string): ModelPrice | undefined;
  /** Cost of one call in USD; null (and a one-time warning) when the model's price is unknown. */
  cost(model: string, tokens: TokenSplit): number | null;
}

/** USD of a token split at a price: cached prompt tokens at the cached-input rate (the input rate when none). */
export function costAtPrice(price: ModelPrice, { promptTokens, cachedTokens, completionTokens }: TokenSplit): number {
  // Cached tokens are part of the prompt: never more of them than it had.
  const cached = Math.min(Math.max(0, cachedTokens), promptTokens);
  const cachedRate = price.cachedInput ?? price.input;
  return ((promptTokens - cached) * price.input + cached * cachedRate + completionTokens * price.output) / 1_000_000;
}

/** The config entry that gives a model its price, for messages about a model without one. */
export function missingPriceFix(model: string): string {
  return `"prices": {"${model}": {"input": <USD per 1M>, "cachedInput": <USD per 1M, optional>, "output": <USD per 1M>}} in the models section of dgm.config.json`;
}

/** Strips a provider prefix ("openai/gpt-4o" → "gpt-4o") and a date suffix ("gpt-4o-2024-08-06" → "gpt-4o"). */
function candidates(model: string): string[] {
  const base = model.includes("/") ? model.slice(model.lastIndexOf("/") + 1) : model;
  const undated = base.replace(/-\d{4}-\d{2}-\d{2}$/, "").replace(/-(latest|\d{8})$/, "");
  return [model, base, undated];
}

export function createPricing(
  overrides: Record<string, ModelPrice> = {},
  warn: (message: string) => void = (message) => process.stderr.write(`warning: ${message}\n`),
): Pricing {
  const table: Record<string, ModelPrice> = { ...builtinPrices, ...overrides };
  const warned = new Set<string>();
  const priceOf = (model: string): ModelPrice | undefined => {
    for (const name of candidates(model)) {
      const price = table[name];
      if (price) return price;
    }
    return undefined;
  };
  return {
    priceOf,
    cost(model, tokens) {
      const price = priceOf(model);
      if (!price) {
        if (!warned.has(model)) {
          warned.add(model);
          warn(
            `no price known for model "${model}": its calls are recorded with unknown cost. Add ${missingPriceFix(model)}.`,
          );
        }
        return null;
      }
      return costAtPrice(price, tokens);
    },
  };
}
