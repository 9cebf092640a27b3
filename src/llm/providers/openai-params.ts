// The one place that knows how models differ in their request parameters. Reasoning models
// (o1, o3, o4, gpt-5 …) reject `max_tokens` and any temperature other than the default; they take
// `max_completion_tokens` instead.
//
// The request arrives already cut down by the gateway to the fields it forwards, with its output
// limit set. The role's params come from the user's configuration, which is trusted, so they may
// add fields the gateway never takes from an agent (a vLLM `top_k`, a `service_tier` the user pays
// for) and override sampling — but not what the budget reserved for: they can lower the output
// limit, never raise it, and never ask for more than one answer.
import type { ChatRequest } from "../types.ts";

const reasoningModel = /^(o\d|gpt-5)/;

export function isReasoningModel(model: string): boolean {
  const base = model.includes("/") ? model.slice(model.lastIndexOf("/") + 1) : model;
  return reasoningModel.test(base);
}

function outputLimitOf(fields: Record<string, unknown>): number | undefined {
  const limit = fields.max_completion_tokens ?? fields.max_tokens;
  return typeof limit === "number" ? limit : undefined;
}

/** The body sent upstream: the gateway's request with the role's model and params applied, adapted to the model. */
export function adaptRequest(
  request: ChatRequest,
  model: string,
  params: Record<string, unknown> = {},
): Record<string, unknown> {
  const body: Record<string, unknown> = { ...request, ...params, model };
  delete body.stream;
  delete body.stream_options;
  delete body.n;
  const limits = [outputLimitOf(request), outputLimitOf(params)].filter((limit) => limit !== undefined);
  const limit = limits.length > 0 ? Math.min(...limits) : undefined;
  delete body.max_tokens;
  delete body.max_completion_tokens;
  if (isReasoningModel(model)) {
    if (limit !== undefined) body.max_completion_tokens = limit;
    delete body.temperature;
    delete body.top_p;
    delete body.presence_penalty;
    delete body.frequency_penalty;
  } else {
    // Keep the spelling the request used: older OpenAI-compatible servers know only max_tokens.
    const field = request.max_completion_tokens !== undefined ? "max_completion_tokens" : "max_tokens";
    if (limit !== undefined) body[field] = limit;
    delete body.reasoning_effort;
  }
  return body;
}
