// Every tool-call dialect an OpenAI-compatible server speaks, turned into the OpenAI shape an agent
// expects: `arguments` as a JSON string, an `id` and `type: "function"` on every call, `function`
// nested, and calls the model wrote into its text (see tool-call-text.ts) moved into `tool_calls`.
// A reply that means to call a tool but holds no usable call is an error worth retrying (another
// sample is usually fine), never a final answer: an agent that took it as one would stop, "finished",
// having done nothing. What was repaired is listed in the reply's `dialect_notes`, so the call record
// and the agent's trajectory say how the call was read.
import { randomInt } from "node:crypto";
import { ProviderError } from "../provider-error.ts";
import type { ChatRequest, ChatResponse, ToolCall } from "../types.ts";
import { argumentsAsJson, type ExtractedCall, type UnusableCall } from "./tool-call-json.ts";
import { type DeclaredTools, extractTextToolCalls } from "./tool-call-text.ts";

type Choice = ChatResponse["choices"][number];
type Message = Choice["message"];

/** Repairs counted by kind, so a reply with five id-less calls gets one note, not five. */
class RepairNotes {
  private readonly counts = new Map<string, number>();
  add(note: string): void {
    this.counts.set(note, (this.counts.get(note) ?? 0) + 1);
  }
  list(): string[] {
    return [...this.counts].map(([note, count]) => (count > 1 ? `${note} (${count} calls)` : note));
  }
}

export function normaliseToolCalls(response: ChatResponse, request: ChatRequest, where: string): ChatResponse {
  const tools = declaredTools(request);
  const notes = new RepairNotes();
  const choices = response.choices.map((choice) => normaliseChoice(choice, tools, notes, where));
  const repairs = notes.list();
  return repairs.length === 0
    ? { ...response, choices }
    : { ...response, choices, dialect_notes: [...(response.dialect_notes ?? []), ...repairs] };
}

function normaliseChoice(choice: Choice, tools: DeclaredTools, notes: RepairNotes, where: string): Choice {
  const message = choice.message as Message & Record<string, unknown>;
  const { tool_calls: rawCalls, ...rest } = message;
  const structured = repairStructuredCalls(rawCalls, notes);
  if ("problem" in structured) throw unusable(where, choice, structured);
  if (structured.length > 0) {
    let finish = choice.finish_reason;
    if (finish === "stop" || finish === null || finish === undefined) {
      notes.add(`finish_reason ${JSON.stringify(finish ?? null)} with tool calls read as "tool_calls"`);
      finish = "tool_calls";
    }
    return { ...choice, message: { ...rest, role: "assistant", tool_calls: structured }, finish_reason: finish };
  }
  const content = typeof message.content === "string" ? message.content : null;
  if (tools.size > 0 && content) {
    const text = extractTextToolCalls(content, tools);
    if (text.kind === "unusable") throw unusable(where, choice, text, "has a tool call written in its text");
    if (text.kind === "calls") {
      notes.add(`tool call parsed from ${text.format}`);
      const calls = text.calls.map((call) => toolCall(call, call.id));
      return {
        ...choice,
        message: { ...rest, role: "assistant", content: text.content, tool_calls: calls },
        finish_reason: "tool_calls",
      };
    }
  }
  if (choice.finish_reason === "tool_calls")
    throw unusable(where, choice, { problem: "the message holds no tool call", snippet: content ?? "" });
  return { ...choice, message: { ...rest, role: "assistant", content } };
}

/** The server's own tool_calls, repaired call by call; [] when there are none. */
function repairStructuredCalls(raw: unknown, notes: RepairNotes): ToolCall[] | UnusableCall {
  if (raw === undefined || raw === null) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  if (!Array.isArray(raw)) notes.add("tool_calls given as one object, not a list");
  const calls: ToolCall[] = [];
  for (const item of list) {
    if (typeof item !== "object" || item === null)
      return { problem: "tool_calls holds something that is not a call object", snippet: JSON.stringify(item) };
    const call = item as Record<string, unknown>;
    let fn = call.function as Record<string, unknown> | undefined;
    if (typeof fn !== "object" || fn === null) {
      if (typeof call.name !== "string")
        return { problem: "a tool call has neither function nor name", snippet: JSON.stringify(item) };
      notes.add("tool call's name and arguments given at its top level, not in function");
      fn = { name: call.name, arguments: call.arguments ?? call.parameters };
    }
    const name = fn.name;
    if (typeof name !== "string" || name === "")
      return { problem: "a tool call has no function name", snippet: JSON.stringify(item) };
    const args = structuredArguments(fn.arguments ?? fn.parameters, notes);
    if (args === undefined)
      return { problem: `the arguments of ${name} are not a JSON object or string`, snippet: JSON.stringify(item) };
    if (call.type === undefined || call.type === null) notes.add('tool call without type: "function" assumed');
    else if (call.type !== "function") notes.add(`tool call type ${JSON.stringify(call.type)} read as "function"`);
    if (typeof call.id !== "string" || call.id === "") notes.add("tool call without id: id generated");
    calls.push(toolCall({ name, arguments: args }, typeof call.id === "string" ? call.id : undefined));
  }
  return calls;
}

/** A server's string arguments are passed on as they are (bad JSON in them is the model's, for the agent to see). */
function structuredArguments(value: unknown, notes: RepairNotes): string | undefined {
  if (typeof value === "string") {
    if (value.trim() !== "") return value;
    notes.add('empty arguments sent as "{}"');
    return "{}";
  }
  if (value === undefined || value === null) notes.add('missing arguments sent as "{}"');
  else notes.add("arguments sent as an object: serialised to a JSON string");
  return argumentsAsJson(value);
}

function toolCall(call: ExtractedCall, id: string | undefined): ToolCall {
  return { id: id || generatedId(), type: "function", function: { name: call.name, arguments: call.arguments } };
}

const idAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * Nine letters and digits: the only form Mistral's templates (vLLM's mistral tokenizer mode) take
 * back in the next request; OpenAI and every other server take any string.
 */
function generatedId(): string {
  let id = "";
  for (let index = 0; index < 9; index++) id += idAlphabet[randomInt(idAlphabet.length)];
  return id;
}

function declaredTools(request: ChatRequest): DeclaredTools {
  const tools = new Map<string, Record<string, unknown>>();
  for (const tool of request.tools ?? []) {
    if (tool?.type === "function" && typeof tool.function?.name === "string")
      tools.set(tool.function.name, tool.function.parameters ?? {});
  }
  return tools;
}

function unusable(where: string, choice: Choice, found: UnusableCall, written = "has tool_calls"): ProviderError {
  const how = choice.finish_reason === "tool_calls" ? 'has finish_reason "tool_calls"' : written;
  const flat = found.snippet.replace(/\s+/g, " ").trim();
  const snippet = flat.length > 80 ? `${flat.slice(0, 80)}…` : flat;
  // Retryable: another sample of the same request usually comes out well-formed.
  return new ProviderError(
    `the model's reply ${how} but no usable tool call: ${found.problem}${snippet ? ` in '${snippet}'` : ""}`,
    true,
    undefined,
    undefined,
    { where },
  );
}
