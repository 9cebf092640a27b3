// The one place that knows how models differ in their request parameters. Reasoning models
// (o1, o3, o4, gpt-5 …) reject `max_tokens` and any temperature other than the default; they take
// `max_completion_tokens` instead.
import type { ChatRequest } from "../types.ts";

const reasoningModel = /^(o\d|gpt-5)/;

export function isReasoningModel(model: string): boolean {
  const base = model.includes("/") ? model.slice(model.lastIndexOf("/") + 1) : model;
  return reasoningModel.test(base);
}

/** The body sent upstream: the agent's request with the role's model and params applied, adapted to the model. */
export function adaptRequest(
  request: ChatRequest,
  model: string,
  params: Record<string, unknown> = {},
): Record<string, unknown> {
  const body: Record<string, unknown> = { ...request, ...params, model };
  delete body.stream;
  delete body.stream_options;
  if (isReasoningModel(model)) {
    const limit = body.max_completion_tokens ?? body.max_tokens;
    delete body.max_tokens;
    if (limit !== undefined) body.max_completion_tokens = limit;
    delete body.temperature;
    delete body.top_p;
    delete body.presence_penalty;
    delete body.frequency_penalty;
  } else {
    delete body.reasoning_effort;
  }
  return body;
}
