// Reading the conversation so far: which simulator steps were already taken (their index is
// encoded in the tool-call ids the simulator hands out), and what the tools answered.
import type { ChatMessage, ChatRequest, ToolCall } from "../types.ts";
import type { CallSpec } from "./toolkit.ts";

const idPattern = /^sim_(\d+)_/;

export interface TakenStep {
  step: number;
  call: ToolCall;
  /** What the tool answered (the matching tool message), if anything. */
  result: string | undefined;
}

export function takenSteps(request: ChatRequest): TakenStep[] {
  const results = new Map<string, string>();
  for (const message of request.messages) {
    if (message.role === "tool") results.set(message.tool_call_id, message.content);
  }
  const steps: TakenStep[] = [];
  for (const message of request.messages) {
    if (message.role !== "assistant" || !message.tool_calls) continue;
    for (const call of message.tool_calls) {
      const match = idPattern.exec(call.id);
      if (match) steps.push({ step: Number(match[1]), call, result: results.get(call.id) });
    }
  }
  return steps;
}

export function firstUserText(request: ChatRequest): string {
  const user = request.messages.find(
    (message): message is Extract<ChatMessage, { role: "user" }> => message.role === "user",
  );
  return typeof user?.content === "string" ? user.content : "";
}

const failure = /\b(error|failed|failure|no such file|not found|cannot|traceback|exit code [1-9]|exited with [1-9])\b/i;

export function looksFailed(result: string | undefined): boolean {
  return result === undefined || failure.test(result.slice(0, 2000));
}

export function toToolCall(step: number, index: number, salt: string, spec: CallSpec): ToolCall {
  return {
    id: `sim_${step}_${index}_${salt.slice(0, 8)}`,
    type: "function",
    function: { name: spec.name, arguments: JSON.stringify(spec.args) },
  };
}
