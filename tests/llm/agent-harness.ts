// A tiny coding agent for driving the simulator in tests: a loop that sends the conversation to a
// provider and executes its tool calls (a real bash and a small file editor) in a real directory.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { CallerIdentity } from "../../archive/types.ts";
import type { ChatMessage, ChatRequest, Provider, ToolDefinition } from "../../src/llm/index.ts";

export const bashTool: ToolDefinition = {
  type: "function",
  function: {
    name: "bash",
    description: "Run a shell command in the workspace.",
    parameters: {
      type: "object",
      properties: { command: { type: "string" }, timeout: { type: "number" } },
      required: ["command"],
    },
  },
};

export function editorTool(options: { ranged?: boolean; undo?: boolean; commands?: string[] } = {}): ToolDefinition {
  const commands = options.commands ?? [
    "view",
    "create",
    "str_replace",
    "insert",
    ...(options.undo ? ["undo_edit"] : []),
  ];
  const properties: Record<string, unknown> = {
    command: { type: "string", enum: commands },
    path: { type: "string" },
    file_text: { type: "string" },
    old_str: { type: "string" },
    new_str: { type: "string" },
    insert_line: { type: "number" },
  };
  if (options.ranged) properties.view_range = { type: "array", items: { type: "number" } };
  return {
    type: "function",
    function: { name: "editor", parameters: { type: "object", properties, required: ["command", "path"] } },
  };
}

function runBash(dir: string, command: string): string {
  try {
    return execFileSync("bash", ["-c", command], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const failed = error as { status?: number; stdout?: string; stderr?: string };
    return `${failed.stdout ?? ""}${failed.stderr ?? ""}\n[exit code ${failed.status ?? "?"}]`;
  }
}

function runEditor(dir: string, args: Record<string, unknown>): string {
  const path = resolve(dir, String(args.path));
  try {
    switch (args.command) {
      case "view": {
        try {
          return readdirSync(path, { recursive: true }).join("\n");
        } catch {
          const lines = readFileSync(path, "utf8").split("\n");
          const [from, to] = (args.view_range as [number, number] | undefined) ?? [1, lines.length];
          return lines
            .slice(from - 1, to)
            .map((line, index) => `${from + index}\t${line}`)
            .join("\n");
        }
      }
      case "create":
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, String(args.file_text));
        return `File created: ${args.path}`;
      case "str_replace": {
        const text = readFileSync(path, "utf8");
        const old = String(args.old_str);
        if (text.split(old).length !== 2) return `Error: old_str must occur exactly once in ${args.path}`;
        writeFileSync(
          path,
          text.replace(old, () => String(args.new_str)),
        );
        return `Edited ${args.path}`;
      }
      case "insert": {
        const lines = readFileSync(path, "utf8").split("\n");
        lines.splice(Number(args.insert_line), 0, String(args.new_str));
        writeFileSync(path, lines.join("\n"));
        return `Inserted into ${args.path}`;
      }
      default:
        return `Error: unknown command ${String(args.command)}`;
    }
  } catch (error) {
    return `Error: ${(error as Error).message}`;
  }
}

export interface AgentRun {
  messages: ChatMessage[];
  finalText: string | null;
  steps: number;
}

export async function runAgent(options: {
  provider: Provider;
  dir: string;
  system: string;
  task: string;
  tools: ToolDefinition[];
  caller: CallerIdentity;
  seed: number;
  role?: "solve" | "diagnose";
  maxSteps?: number;
}): Promise<AgentRun> {
  const messages: ChatMessage[] = [
    { role: "system", content: options.system },
    { role: "user", content: options.task },
  ];
  for (let step = 0; step < (options.maxSteps ?? 20); step++) {
    const request: ChatRequest = { messages: structuredClone(messages), tools: options.tools };
    const reply = await options.provider.complete(request, {
      caller: options.caller,
      role: options.role ?? "solve",
      seed: options.seed,
      seq: step,
    });
    const message = reply.choices[0]!.message;
    messages.push({
      role: "assistant",
      content: message.content,
      ...(message.tool_calls ? { tool_calls: message.tool_calls } : {}),
    });
    if (!message.tool_calls?.length) return { messages, finalText: message.content, steps: step + 1 };
    for (const call of message.tool_calls) {
      const args = JSON.parse(call.function.arguments) as Record<string, unknown>;
      const output =
        call.function.name === "bash" ? runBash(options.dir, String(args.command)) : runEditor(options.dir, args);
      messages.push({ role: "tool", tool_call_id: call.id, content: output });
    }
  }
  return { messages, finalText: null, steps: options.maxSteps ?? 20 };
}
