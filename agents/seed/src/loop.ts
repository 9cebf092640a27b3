// The agent loop: ask the model, run the tool calls it makes, feed back the results, until the model
// answers without a tool call or a limit is reached. Naive on purpose: the whole history is sent on
// every call and there is a single attempt.
import { chat, type Message, type ToolCall } from "./model.ts";
import { SYSTEM_PROMPT, taskMessage } from "./prompts.ts";
import { BASH_TOOL, formatBashResult, runBash } from "./tools/bash.ts";
import { EDITOR_TOOL, Editor, type EditorArgs } from "./tools/editor.ts";
import type { Trajectory } from "./trajectory.ts";

export interface LoopOptions {
  instructions: string;
  workspace: string;
  gatewaySocket: string;
  maxSteps: number;
  maxTokensPerCall: number;
  wallSeconds: number;
  trajectory: Trajectory;
}

/** 0 finished, 1 stopped on an error, 2 stopped by a limit (see agents/README.md). */
export type ExitCode = 0 | 1 | 2;

const TOOLS = [BASH_TOOL, EDITOR_TOOL] as const;
const MAX_CONSECUTIVE_MODEL_ERRORS = 3;
const MAX_TOOL_RESULT_CHARS = 30_000;
const RETRY_TOOL_CALL =
  "Call a tool again with a JSON object as its arguments, or reply without a tool call when the task is done.";

export async function runLoop(options: LoopOptions): Promise<ExitCode> {
  const { trajectory, workspace } = options;
  const deadline = Date.now() + options.wallSeconds * 1000;
  const editor = new Editor(workspace);
  const messages: Message[] = [
    { role: "system", content: SYSTEM_PROMPT },
    { role: "user", content: taskMessage(options.instructions, workspace) },
  ];
  let modelErrors = 0;

  for (let step = 1; step <= options.maxSteps; step++) {
    const remainingMs = deadline - Date.now();
    if (remainingMs <= 0) return stop(trajectory, 2, "wall time limit reached");

    const result = await chat(
      options.gatewaySocket,
      { messages, tools: TOOLS, max_tokens: options.maxTokensPerCall },
      remainingMs,
    );
    if (!result.ok) {
      trajectory.write({ type: "error", step, source: "model", message: result.error });
      // A 4xx (bad request, or a limit or budget refusal) will not change on a repeat; a 5xx or a
      // broken connection may be transient.
      const permanent = result.status !== undefined && result.status >= 400 && result.status < 500;
      if (permanent || ++modelErrors >= MAX_CONSECUTIVE_MODEL_ERRORS) return stop(trajectory, 1, result.error);
      continue;
    }
    const { reply } = result;
    if (reply.unusable) {
      // Never take a reply whose tool calls cannot be read as the final answer: say so and ask again.
      const problem = `the model's reply cannot be used: ${reply.unusable}`;
      trajectory.write({ type: "error", step, source: "model", message: problem, content: reply.content });
      if (++modelErrors >= MAX_CONSECUTIVE_MODEL_ERRORS) return stop(trajectory, 1, problem);
      messages.push({ role: "assistant", content: reply.content ?? "" });
      messages.push({ role: "user", content: `${problem}. ${RETRY_TOOL_CALL}` });
      continue;
    }
    modelErrors = 0;
    const toolCalls: ToolCall[] = reply.toolCalls.map((call) => ({ ...call, type: "function" }));
    trajectory.write({
      type: "model",
      step,
      content: reply.content,
      toolCalls,
      finishReason: reply.finishReason,
      usage: reply.usage,
    });
    messages.push({
      role: "assistant",
      content: reply.content,
      ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
    });
    if (toolCalls.length === 0) {
      trajectory.write({ type: "end", reason: "finished", exitCode: 0, summary: reply.content });
      return 0;
    }
    for (const call of toolCalls) {
      const output = await runTool(call, editor, workspace, deadline - Date.now());
      trajectory.write({
        type: "tool",
        step,
        id: call.id,
        name: call.function.name,
        arguments: call.function.arguments,
        output,
      });
      messages.push({ role: "tool", tool_call_id: call.id, content: truncate(output) });
    }
  }
  return stop(trajectory, 2, `step limit of ${options.maxSteps} reached`);
}

async function runTool(call: ToolCall, editor: Editor, workspace: string, remainingMs: number): Promise<string> {
  let args: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(call.function.arguments || "{}");
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not a JSON object");
    args = parsed as Record<string, unknown>;
  } catch (error) {
    return `Error: the arguments of ${call.function.name} are not a valid JSON object (${(error as Error).message}): ${call.function.arguments.slice(0, 200)}`;
  }
  try {
    if (call.function.name === "editor") return editor.run(args as EditorArgs);
    if (call.function.name === "bash") {
      if (typeof args.command !== "string") return "Error: bash needs a string `command`";
      const asked = typeof args.timeout === "number" && args.timeout > 0 ? args.timeout * 1000 : 120_000;
      const timeoutMs = Math.max(1000, Math.min(asked, remainingMs));
      return formatBashResult(await runBash(args.command, { cwd: workspace, timeoutMs }), timeoutMs);
    }
    return `Error: unknown tool ${JSON.stringify(call.function.name)}; the tools are bash and editor`;
  } catch (error) {
    return `Error: ${call.function.name} failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function truncate(text: string): string {
  if (text.length <= MAX_TOOL_RESULT_CHARS) return text;
  const half = MAX_TOOL_RESULT_CHARS / 2;
  return `${text.slice(0, half)}\n[... ${text.length - MAX_TOOL_RESULT_CHARS} characters truncated ...]\n${text.slice(-half)}`;
}

function stop(trajectory: Trajectory, exitCode: ExitCode, reason: string): ExitCode {
  trajectory.write({ type: "end", reason, exitCode });
  return exitCode;
}
