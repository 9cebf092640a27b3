// The most a call can cost, known before it is sent: what the budget and the session reserve.
// Prompt tokens are bounded by the UTF-8 bytes of what the model reads (messages, tools, response
// format): byte-level BPE tokenizers never make a token out of less than one byte, whereas the
// usual characters / 4 is an average that code, CJK text or base64 beat by 2–4×. Output tokens are
// bounded by the clamped output limit (reasoning tokens included). Overestimating only holds money
// a little longer; underestimating would let parallel calls overshoot the budget.
import type { ModelPrice } from "../pricing.ts";
import type { Spend } from "../spend-tally.ts";
import type { ChatRequest } from "../types.ts";

/** Chat-template tokens around the messages (role markers, the reply's priming), generously. */
const TEMPLATE_TOKENS = 64;

export function promptTokenBound(request: ChatRequest): number {
  const read = { messages: request.messages, tools: request.tools, response_format: request.response_format };
  return Buffer.byteLength(JSON.stringify(read), "utf8") + TEMPLATE_TOKENS;
}

/** Worst-case tokens and USD; USD is 0 for free providers and for models without a known price. */
export function worstCase(request: ChatRequest, outputLimit: number, price: ModelPrice | undefined): Spend {
  const promptTokens = promptTokenBound(request);
  const usd = price ? (promptTokens * price.input + outputLimit * price.output) / 1_000_000 : 0;
  return { tokens: promptTokens + outputLimit, usd };
}
