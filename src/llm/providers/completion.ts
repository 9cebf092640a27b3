// Building ChatResponse values for the providers that make their answers up (scripted, sim, replay
// fallbacks), with token counts estimated as characters / 4.
import type { ChatRequest, ChatResponse, ToolCall } from "../types.ts";

export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

export interface CompletionContent {
  content: string | null;
  toolCalls?: ToolCall[];
}

export function buildCompletion(
  request: ChatRequest,
  model: string,
  answer: CompletionContent,
  id: string,
  created = 0,
): ChatResponse {
  const toolCalls = answer.toolCalls && answer.toolCalls.length > 0 ? answer.toolCalls : undefined;
  const promptTokens = estimateTokens(JSON.stringify(request.messages) + JSON.stringify(request.tools ?? []));
  const completionTokens = estimateTokens((answer.content ?? "") + JSON.stringify(toolCalls ?? []));
  return {
    id,
    object: "chat.completion",
    created,
    model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: answer.content, ...(toolCalls ? { tool_calls: toolCalls } : {}) },
        finish_reason: toolCalls ? "tool_calls" : "stop",
      },
    ],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
  };
}

export function toolCall(id: string, name: string, args: Record<string, unknown>): ToolCall {
  return { id, type: "function", function: { name, arguments: JSON.stringify(args) } };
}
