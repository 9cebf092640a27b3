// Any OpenAI-compatible endpoint (OpenAI, OpenRouter, vLLM, Ollama, llama.cpp, LM Studio) through
// the `openai` package. The SDK's own retries are off: the gateway retries, records and meters in
// one place. Every failure becomes a ProviderError that says whether it is worth retrying.
import OpenAI from "openai";
import { ProviderError } from "../provider-error.ts";
import type { CallContext, ChatRequest, ChatResponse, Provider } from "../types.ts";
import { toProviderError } from "./openai-errors.ts";
import { adaptRequest } from "./openai-params.ts";
import { normaliseToolCalls } from "./tool-call-dialects.ts";

export interface OpenAIProviderOptions {
  model: string;
  baseUrl?: string;
  apiKey?: string;
  params?: Record<string, unknown>;
  /** Per-attempt timeout in ms (default 120 s). */
  timeoutMs?: number;
}

function checkShape(response: unknown, where: string): ChatResponse {
  const choices = (response as { choices?: unknown } | null)?.choices;
  if (!Array.isArray(choices) || choices.length === 0 || typeof choices[0]?.message !== "object") {
    throw new ProviderError(
      `${where}: malformed response (no choices[0].message): ${JSON.stringify(response)?.slice(0, 200)}`,
      true,
    );
  }
  return response as ChatResponse;
}

export function createOpenAIProvider(options: OpenAIProviderOptions): Provider {
  const where = `model ${options.model} at ${options.baseUrl ?? "https://api.openai.com/v1"}`;
  const client = new OpenAI({
    apiKey: options.apiKey ?? "not-needed",
    baseURL: options.baseUrl,
    maxRetries: 0,
    timeout: options.timeoutMs ?? 120_000,
  });
  return {
    name: "openai",
    model: options.model,
    async complete(request: ChatRequest, context: CallContext): Promise<ChatResponse> {
      const body = adaptRequest(request, options.model, options.params);
      try {
        const response = await client.chat.completions.create(
          body as unknown as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming,
          { signal: context.signal },
        );
        // Local servers answer in many tool-call dialects; agents get one shape, or an error to retry.
        return normaliseToolCalls(checkShape(response, where), request, where);
      } catch (error) {
        throw toProviderError(error, where, options.apiKey);
      }
    },
  };
}
