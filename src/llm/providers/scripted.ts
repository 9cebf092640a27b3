// Plays a script of responses per session, for tests: each step is a text answer, tool calls, a
// full response, an error to throw, or a function of the request. A session that runs past its
// script gets a loud error naming the session and step.

import { ProviderError } from "../provider-error.ts";
import type { CallContext, ChatRequest, ChatResponse, Provider, ToolCall } from "../types.ts";
import { buildCompletion, toolCall } from "./completion.ts";

export type ScriptStep =
  | string
  | { text?: string; toolCalls?: { name: string; arguments: Record<string, unknown>; id?: string }[] }
  | { response: ChatResponse }
  | { error: ProviderError }
  | ((request: ChatRequest, context: CallContext) => ScriptStep | Promise<ScriptStep>);

export interface ScriptedProviderOptions {
  model?: string;
  /** Script per session id; `default` plays for any session without its own script. */
  scripts: Record<string, ScriptStep[]>;
}

async function play(
  step: ScriptStep,
  request: ChatRequest,
  context: CallContext,
  model: string,
): Promise<ChatResponse> {
  if (typeof step === "function") return play(await step(request, context), request, context, model);
  const id = `scripted-${context.caller.sessionId}-${context.seq}`;
  if (typeof step === "string") return buildCompletion(request, model, { content: step }, id);
  if ("response" in step) return step.response;
  if ("error" in step) throw step.error;
  const calls: ToolCall[] = (step.toolCalls ?? []).map((call, index) =>
    toolCall(call.id ?? `call_${context.seq}_${index}`, call.name, call.arguments),
  );
  return buildCompletion(request, model, { content: step.text ?? null, toolCalls: calls }, id);
}

export function createScriptedProvider(options: ScriptedProviderOptions): Provider & { free: true } {
  const model = options.model ?? "scripted";
  // Position per session: counted here rather than taken from context.seq so that retried calls
  // (a step that throws) move on to the next step.
  const positions = new Map<string, number>();
  return {
    name: "scripted",
    model,
    free: true,
    complete(request, context) {
      const session = context.caller.sessionId;
      const script = options.scripts[session] ?? options.scripts.default;
      const position = positions.get(session) ?? 0;
      const step = script?.[position];
      if (step === undefined) {
        throw new ProviderError(
          `scripted provider: session ${session} has no step ${position} (script has ${script?.length ?? 0} steps)`,
          false,
        );
      }
      positions.set(session, position + 1);
      return play(step, request, context, model);
    },
  };
}
