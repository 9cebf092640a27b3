// One call's tokens, split the way prices are: fresh prompt, cached prompt, completion. Servers name
// their cache hits in different places (see ChatUsage); a server that sends no usage at all (some
// local servers, some proxies) gets an estimate, marked as one, over everything the model read —
// messages, tool schemas and response format — and everything it wrote, text and tool calls.
import type { TokenSplit } from "./pricing.ts";
import { estimateTokens } from "./providers/completion.ts";
import type { ChatRequest, ChatResponse, ChatUsage } from "./types.ts";

export interface CallUsage extends TokenSplit {
  /** True when the server reported no usable count and these are estimates (characters / 4). */
  estimated: boolean;
}

const count = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;

export function callUsage(request: ChatRequest, response: ChatResponse): CallUsage {
  const usage = (response.usage ?? undefined) as Partial<ChatUsage> | undefined;
  let promptTokens = count(usage?.prompt_tokens);
  let completionTokens = count(usage?.completion_tokens);
  const message = response.choices?.[0]?.message;
  const wrote = (message?.content ?? "") + (message?.tool_calls ? JSON.stringify(message.tool_calls) : "");
  // All zeros beside a real answer is a server that does not count (seen from local servers), not a free call.
  if (promptTokens === 0 && completionTokens === 0 && wrote !== "") {
    promptTokens = undefined;
    completionTokens = undefined;
  }
  const estimated = promptTokens === undefined || completionTokens === undefined;
  promptTokens ??= estimatePromptTokens(request);
  completionTokens ??= estimateTokens(wrote);
  const cached =
    count(usage?.prompt_tokens_details?.cached_tokens) ??
    count(usage?.prompt_cache_hit_tokens) ??
    count(usage?.cache_read_input_tokens) ??
    0;
  return { promptTokens, cachedTokens: Math.min(cached, promptTokens), completionTokens, estimated };
}

/** What the model reads: the messages, the tool schemas and the response format. */
export function estimatePromptTokens(request: ChatRequest): number {
  const read = { messages: request.messages, tools: request.tools, response_format: request.response_format };
  return estimateTokens(JSON.stringify(read));
}
