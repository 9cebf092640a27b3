// Prices of the configured models as the estimate uses them, and the dollars of a token split.
// Cached prompt tokens cost the cached-input rate when the price table has one, else the input rate.
import { costAtPrice, createPricing, type ModelsConfig, missingPriceFix } from "../../llm/index.ts";
import type { ModelLine, PriceLine, Spread, TokenSplit } from "./types.ts";

const notModels = new Set(["sim", "scripted", "replay"]);

export function modelLines(models: ModelsConfig): { solve: ModelLine; diagnose: ModelLine } {
  // Quiet: the estimate says itself which model has no price, with the line that adds one.
  const pricing = createPricing(models.prices, () => {});
  const line = (role: "solve" | "diagnose"): ModelLine => {
    const config = models[role];
    const real = !notModels.has(config.provider);
    if (!real) return { role, provider: config.provider, model: config.model, real, price: null };
    const price = pricing.priceOf(config.model);
    if (!price) {
      return {
        role,
        provider: config.provider,
        model: config.model,
        real,
        price: null,
        priceFix: missingPriceFix(config.model),
      };
    }
    const cachedInput = price.cachedInput ?? price.input;
    return {
      role,
      provider: config.provider,
      model: config.model,
      real,
      price: { input: price.input, cachedInput, output: price.output },
    };
  };
  return { solve: line("solve"), diagnose: line("diagnose") };
}

export function usdOf(tokens: TokenSplit, price: PriceLine): number {
  return costAtPrice(price, {
    promptTokens: tokens.prompt,
    cachedTokens: tokens.cached,
    completionTokens: tokens.completion,
  });
}

/** Dollars of a row: nothing for a role that calls no paid model, null for a real model without a price. */
export function usdSpread(tokens: Spread<TokenSplit>, model: ModelLine): Spread<number> | null {
  if (!model.real) return { low: 0, expected: 0, high: 0 };
  const price = model.price;
  if (!price) return null;
  return { low: usdOf(tokens.low, price), expected: usdOf(tokens.expected, price), high: usdOf(tokens.high, price) };
}
