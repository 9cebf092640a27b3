// Helpers for the gateway's security tests: the project's scripted provider priced like a real
// model (so the budget counts money), a gate that holds calls inside the provider until the test
// lets them go, and a wait on a condition that has no event of its own.
import type { ChatResponse, Provider, ScriptStep } from "../../src/llm/index.ts";
import { createScriptedProvider } from "../../src/llm/index.ts";

/** The scripted provider without its `free` flag: the gateway prices its calls at `model`'s list price. */
export function pricedScripted(model: string, scripts: Record<string, ScriptStep[]>): Provider {
  const scripted = createScriptedProvider({ model, scripts });
  return {
    name: scripted.name,
    model: scripted.model,
    complete: (request, context) => scripted.complete(request, context),
  };
}

/** An answer reporting exactly this usage, as a real provider's would. */
export function answerWithUsage(promptTokens: number, completionTokens: number): ChatResponse {
  return {
    id: "chatcmpl-security",
    object: "chat.completion",
    created: 1,
    model: "scripted",
    choices: [{ index: 0, message: { role: "assistant", content: "done" }, finish_reason: "stop" }],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
  };
}

export interface Gate {
  /** Calls that have entered the provider and wait there. */
  readonly entered: number;
  /** A script step that enters, waits for open(), then answers with `response`. */
  step(response: ChatResponse): ScriptStep;
  open(): void;
}

export function gate(): Gate {
  let release: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    release = resolve;
  });
  const state = { entered: 0 };
  return {
    get entered() {
      return state.entered;
    },
    step: (response) => async () => {
      state.entered += 1;
      await opened;
      return { response };
    },
    open: () => release(),
  };
}

/** Resolves once `condition` holds, checking every few milliseconds (the test's timeout bounds it). */
export async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 10));
}
