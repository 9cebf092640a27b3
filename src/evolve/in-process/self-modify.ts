// Self-modification without a container: the modifier's system prompt and the problem statement go
// to the model through the metering gateway (purpose "self-modify", as the agent's own calls would),
// and the tool calls it answers with run in process against a copy of the parent's source, through an
// editor that can only view, replace and insert. The result is that copy, in outDir.
import { cp } from "node:fs/promises";
import { callerIdentity } from "../../../archive/index.ts";
import { type ChatMessage, type Gateway, GatewayError } from "../../llm/index.ts";
import type { AgentRunOutcome, SelfModifyRequest } from "../services.ts";
import { changedFiles, selfModifyEditor, WorkspaceEditor } from "./editor-tool.ts";

export interface InProcessSelfModifyDeps {
  gateway: Gateway;
  /** Model calls per session, as the agent's step limit would bound them. */
  maxSteps: number;
}

/** The conversation an in-process agent opens with: its system prompt, then its task. Solving and self-modification alike. */
export function openingMessages(systemPrompt: string, instructions: string): ChatMessage[] {
  return [
    { role: "system", content: systemPrompt },
    { role: "user", content: `The workspace is the current directory.\n\n<task>\n${instructions.trim()}\n</task>` },
  ];
}

function parseArguments(text: string): Record<string, unknown> | string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    return "Error: the tool arguments must be a JSON object";
  } catch (error) {
    return `Error: the tool arguments are not valid JSON: ${(error as Error).message}`;
  }
}

export async function selfModifyInProcess(
  deps: InProcessSelfModifyDeps,
  request: SelfModifyRequest,
  modifierPrompt: string,
): Promise<AgentRunOutcome> {
  const { workspaceDir, outDir, signal } = request;
  // verbatimSymlinks: a link in the parent's source stays a link (which the editor refuses to follow).
  await cp(workspaceDir, outDir, { recursive: true, verbatimSymlinks: true });
  const editor = new WorkspaceEditor(outDir);
  const identity = callerIdentity({
    runId: request.runId,
    agentId: request.modifier.id,
    attemptId: request.attemptId,
    purpose: "self-modify",
  });
  const messages = openingMessages(modifierPrompt, request.instructions);
  // The seed's exit codes: 0 finished, 1 stopped on an error, 2 stopped by a limit; null when killed.
  let status = "ok";
  let exitCode: number | null = 0;
  for (let step = 0; ; step++) {
    if (signal.aborted) {
      [status, exitCode] = ["killed", null];
      break;
    }
    if (step >= deps.maxSteps) {
      [status, exitCode] = ["step limit", 2];
      break;
    }
    let reply: ChatMessage & { role: "assistant" };
    try {
      const response = await deps.gateway.call(identity, "solve", { messages, tools: [selfModifyEditor] }, signal);
      const message = response.choices[0]?.message;
      reply = { role: "assistant", content: message?.content ?? null, tool_calls: message?.tool_calls };
    } catch (error) {
      // A refused or failed call ends the agent as it would end the real one: what it edited stays.
      if (!(error instanceof GatewayError)) throw error;
      [status, exitCode] = [`error: ${error.message}`, 1];
      break;
    }
    messages.push(reply);
    if (!reply.tool_calls || reply.tool_calls.length === 0) break;
    for (const call of reply.tool_calls) {
      const args = parseArguments(call.function.arguments);
      const output =
        call.function.name !== "editor"
          ? `Error: there is no tool named ${call.function.name}; the only tool is editor`
          : typeof args === "string"
            ? args
            : await editor.run(args);
      messages.push({ role: "tool", tool_call_id: call.id, content: output });
    }
  }
  return {
    workspaceDir: outDir,
    changedFiles: await changedFiles(workspaceDir, outDir, editor.touched),
    status,
    exitCode,
  };
}
