// Any OpenAI-compatible endpoint (OpenAI, OpenRouter, vLLM, Ollama, llama.cpp, LM Studio) through
// the `openai` package. The SDK's own retries are off: the gateway retries, records and meters in
// one place. Every failure becomes a ProviderError that says whether it is worth retrying.
import OpenAI, { APIConnectionError, APIError } from "openai";
import { errorMessage } from "../retry.ts";
import { type CallContext, type ChatRequest, type ChatResponse, type Provider, ProviderError } from "../types.ts";
import { adaptRequest } from "./openai-params.ts";

export interface OpenAIProviderOptions {
  model: string;
  baseUrl?: string;
  apiKey?: string;
  params?: Record<string, unknown>;
  /** Per-attempt timeout in ms (default 120 s). */
  timeoutMs?: number;
}

function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = headers?.get("retry-after-ms");
  if (ms && Number.isFinite(Number(ms))) return Number(ms);
  const value = headers?.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

export function toProviderError(error: unknown, where: string): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof APIConnectionError) {
    return new ProviderError(`${where}: ${error.message}`, true);
  }
  if (error instanceof APIError) {
    const status = error.status;
    const retryable = status === undefined || status === 408 || status === 409 || status === 429 || status >= 500;
    return new ProviderError(
      `${where}: HTTP ${status ?? "?"}: ${error.message}`,
      retryable,
      status,
      retryAfterMs(error.headers),
    );
  }
  // A body that is not JSON surfaces as a SyntaxError from the SDK: a flaky proxy, worth retrying.
  if (error instanceof SyntaxError)
    return new ProviderError(`${where}: malformed JSON response: ${error.message}`, true);
  return new ProviderError(`${where}: ${errorMessage(error)}`, false);
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
        return checkShape(response, where);
      } catch (error) {
        throw toProviderError(error, where);
      }
    },
  };
}
