// Tool calls a model wrote into its text instead of `tool_calls`: what local servers (vLLM, Ollama,
// llama.cpp, LM Studio) pass through when their chat template or tool parser does not match the
// model. The formats are the ones the models are trained on:
//   Hermes / Qwen 2.5   <tool_call>{"name": …, "arguments": {…}}</tool_call>   (one block per call)
//   Qwen3-Coder         <tool_call><function=NAME><parameter=KEY>value</parameter>…</function></tool_call>
//   Mistral             [TOOL_CALLS][{"name": …, "arguments": {…}}, …]   or   [TOOL_CALLS]NAME[ARGS]{…}
//   Llama 3.x           <|python_tag|>{"name": …, "parameters": {…}}   or   <function=NAME>{…}</function>
//   any model           the whole reply is {"name": <declared tool>, "arguments": {…}} (maybe in ```json)
// Only tools the request declared become calls. A marker the model wrote but whose call cannot be
// used (bad JSON, unknown tool) is reported as unusable, never passed on as a final answer.
import { argumentsAsJson, type ExtractedCall, findJsonEnd, parseJson, type UnusableCall } from "./tool-call-json.ts";

/** The declared tools: name → JSON schema of the parameters (Qwen3-Coder's values are typed by it). */
export type DeclaredTools = ReadonlyMap<string, Record<string, unknown>>;

export type TextToolCalls =
  | { kind: "none" }
  | { kind: "calls"; format: string; calls: ExtractedCall[]; content: string | null }
  | ({ kind: "unusable" } & UnusableCall);

/** A span of the content the calls were cut from. */
interface Cut {
  start: number;
  end: number;
}

type Parsed = { calls: ExtractedCall[]; cuts: Cut[] } | UnusableCall;

const markers = ["<tool_call>", "[TOOL_CALLS]", "<|python_tag|>", "<function="] as const;

export function extractTextToolCalls(content: string, tools: DeclaredTools): TextToolCalls {
  const quoted = quotedRanges(content);
  const at = (marker: string) => firstOutside(content, marker, quoted);
  const found = markers.map((marker) => ({ marker, index: at(marker) })).filter((hit) => hit.index >= 0);
  found.sort((a, b) => a.index - b.index);
  const first = found[0];
  if (first) {
    const parsed = parseFrom(content, first.marker, first.index, tools, quoted);
    if ("problem" in parsed) return { kind: "unusable", ...parsed };
    const format = `${first.marker === "<function=" ? "<function=…>" : first.marker} text`;
    return { kind: "calls", format, ...leftover(content, parsed) };
  }
  const bare = bareJsonCall(content, tools);
  return bare ? { kind: "calls", format: "a bare JSON reply", ...leftover(content, bare) } : { kind: "none" };
}

function parseFrom(content: string, marker: string, index: number, tools: DeclaredTools, quoted: Cut[]): Parsed {
  if (marker === "<tool_call>") return toolCallBlocks(content, tools, quoted);
  if (marker === "[TOOL_CALLS]") return mistralCalls(content, index, tools);
  if (marker === "<|python_tag|>") return pythonTagCalls(content, index, tools);
  return functionTags(content, tools, quoted);
}

/** Every <tool_call>…</tool_call> block outside quoted text; the last may lack its closing tag (stop token). */
function toolCallBlocks(content: string, tools: DeclaredTools, quoted: Cut[]): Parsed {
  const calls: ExtractedCall[] = [];
  const cuts: Cut[] = [];
  const where = "<tool_call>";
  for (const block of tagBlocks(content, /<tool_call>/g, "</tool_call>", quoted)) {
    const body = block.body.trim();
    const call = body.startsWith("<function=")
      ? xmlFunction(body, tools, where)
      : body.startsWith("{") || body.startsWith("[")
        ? jsonCalls(body, tools, where)
        : { problem: `${where} holds neither JSON nor <function=…>`, snippet: body };
    if ("problem" in call) return call;
    calls.push(...call);
    cuts.push(block.cut);
  }
  return calls.length > 0 ? { calls, cuts } : { problem: "<tool_call> holds no call", snippet: "" };
}

/** Llama 3.1's custom-tool format (JSON body) and Qwen3-Coder's without its <tool_call> wrapper (XML body). */
function functionTags(content: string, tools: DeclaredTools, quoted: Cut[]): Parsed {
  const calls: ExtractedCall[] = [];
  const cuts: Cut[] = [];
  const where = "<function=…>";
  for (const block of tagBlocks(content, /<function=([^>\s]+)>/g, "</function>", quoted)) {
    const body = block.body.trim();
    const call = body.startsWith("<parameter=")
      ? xmlFunction(content.slice(block.cut.start, block.cut.end), tools, where)
      : namedCall(block.opening[1] ?? "", parseJson(body || "{}"), tools, where, body);
    if ("problem" in call) return call;
    calls.push(...call);
    cuts.push(block.cut);
  }
  return calls.length > 0 ? { calls, cuts } : { problem: `${where} holds no call`, snippet: "" };
}

/**
 * Each block from an opening tag outside quoted text to the next `close` (or the end of the reply: the
 * server may have eaten the closing tag as a stop token). A marker inside quoted text is skipped by
 * itself, so a real call after it is still found.
 */
function* tagBlocks(content: string, open: RegExp, close: string, quoted: Cut[]) {
  const opener = new RegExp(open.source, "g");
  for (let opening = opener.exec(content); opening; opening = opener.exec(content)) {
    if (insideAny(opening.index, quoted)) continue;
    const bodyStart = opening.index + opening[0].length;
    const closeAt = content.indexOf(close, bodyStart);
    const end = closeAt < 0 ? content.length : closeAt + close.length;
    yield {
      opening,
      body: content.slice(bodyStart, closeAt < 0 ? content.length : closeAt),
      cut: { start: opening.index, end },
    };
    opener.lastIndex = end;
  }
}

/** Qwen3-Coder: <function=NAME><parameter=KEY>value</parameter>…</function>, values typed by the schema. */
function xmlFunction(body: string, tools: DeclaredTools, where: string): ExtractedCall[] | UnusableCall {
  const head = /^<function=([^>\s]+)>/.exec(body);
  if (!head?.[1]) return { problem: `${where} holds a <function=…> without a name`, snippet: body };
  const name = head[1];
  const schema = tools.get(name);
  if (!schema) return unknownTool(name, tools, where, body);
  const properties = (schema.properties ?? {}) as Record<string, { type?: unknown }>;
  const args: Record<string, unknown> = {};
  for (const param of body.matchAll(
    /<parameter=([^>\s]+)>([\s\S]*?)(?:<\/parameter>|(?=<parameter=|<\/function>|$))/g,
  )) {
    const key = param[1] ?? "";
    args[key] = typedValue((param[2] ?? "").replace(/^\n/, "").replace(/\n$/, ""), properties[key]?.type);
  }
  return [{ name, arguments: JSON.stringify(args) }];
}

/** The model writes every value as text; the declared type says what it meant (strings stay verbatim). */
function typedValue(raw: string, type: unknown): unknown {
  if (type === "string" || type === undefined) return raw;
  if (type === "integer" || type === "number") {
    const value = Number(raw.trim());
    return raw.trim() !== "" && Number.isFinite(value) ? value : raw;
  }
  if (type === "boolean") return raw.trim() === "true" ? true : raw.trim() === "false" ? false : raw;
  const parsed = parseJson(raw.trim());
  return parsed.ok ? parsed.value : raw;
}

/** Mistral: one JSON array after the marker (before v11), or NAME[CALL_ID]id[ARGS]{…} per marker (v11+). */
function mistralCalls(content: string, index: number, tools: DeclaredTools): Parsed {
  const where = "[TOOL_CALLS]";
  const afterMarker = index + where.length;
  const rest = content.slice(afterMarker);
  const lead = rest.length - rest.trimStart().length;
  if (rest.trimStart().startsWith("[")) {
    const start = afterMarker + lead;
    const end = findJsonEnd(content, start);
    const calls = jsonCalls(content.slice(start, end ?? content.length), tools, where);
    return "problem" in calls ? calls : { calls, cuts: [{ start: index, end: end ?? content.length }] };
  }
  const calls: ExtractedCall[] = [];
  let cursor = index;
  while (content.startsWith(where, cursor)) {
    const head = /^\s*([\w.-]+)\s*(?:\[CALL_ID\]\s*([\w-]*)\s*)?(?:\[ARGS\])?\s*/.exec(
      content.slice(cursor + where.length),
    );
    if (!head?.[1]) return { problem: `${where} is followed by no tool name`, snippet: content.slice(cursor) };
    const start = cursor + where.length + head[0].length;
    const end = findJsonEnd(content, start) ?? content.length;
    const call = namedCall(head[1], parseJson(content.slice(start, end)), tools, where, content.slice(cursor, end));
    if ("problem" in call) return call;
    calls.push(...call.map((found) => (head[2] ? { ...found, id: head[2] } : found)));
    cursor = end + (content.slice(end).length - content.slice(end).trimStart().length);
  }
  return { calls, cuts: [{ start: index, end: cursor }] };
}

/** Llama 3.x: <|python_tag|> then one or more JSON objects ({"name", "parameters"}) separated by ";". */
function pythonTagCalls(content: string, index: number, tools: DeclaredTools): Parsed {
  const where = "<|python_tag|>";
  const calls: ExtractedCall[] = [];
  let cursor = index + where.length;
  for (;;) {
    const rest = content.slice(cursor);
    const skipped = rest.length - rest.replace(/^[\s;]+/, "").length;
    if (!rest.slice(skipped).startsWith("{")) break;
    const start = cursor + skipped;
    const end = findJsonEnd(content, start) ?? content.length;
    const call = jsonCalls(content.slice(start, end), tools, where);
    if ("problem" in call) return call;
    calls.push(...call);
    cursor = end;
  }
  if (calls.length === 0)
    return { problem: `${where} is followed by no JSON object`, snippet: content.slice(index + where.length) };
  const tail = /^\s*(?:<\|eom_id\|>|<\|eot_id\|>)?/.exec(content.slice(cursor))?.[0] ?? "";
  return { calls, cuts: [{ start: index, end: cursor + tail.length }] };
}

/** A reply that is nothing but {"name": <declared tool>, "arguments": {…}} (or a list of them), maybe fenced. */
function bareJsonCall(content: string, tools: DeclaredTools): { calls: ExtractedCall[]; cuts: Cut[] } | undefined {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/.exec(content);
  const text = (fenced ? (fenced[1] ?? "") : content).trim();
  if (!text.startsWith("{") && !text.startsWith("[")) return undefined;
  const parsed = parseJson(text);
  if (!parsed.ok) return undefined;
  const items = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
  const looksLikeCall = (item: unknown) =>
    typeof item === "object" &&
    item !== null &&
    tools.has(String((item as { name?: unknown }).name)) &&
    ("arguments" in item || "parameters" in item);
  if (items.length === 0 || !items.every(looksLikeCall)) return undefined;
  const calls = jsonCalls(text, tools, "the reply");
  return "problem" in calls ? undefined : { calls, cuts: [{ start: 0, end: content.length }] };
}

/** One JSON call object or an array of them: {"name", "arguments" | "parameters"}. */
function jsonCalls(text: string, tools: DeclaredTools, where: string): ExtractedCall[] | UnusableCall {
  const parsed = parseJson(text);
  if (!parsed.ok) return { problem: `${where} holds invalid JSON: ${parsed.error}`, snippet: text };
  const items = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
  if (items.length === 0) return { problem: `${where} holds an empty list`, snippet: text };
  const calls: ExtractedCall[] = [];
  for (const item of items) {
    if (typeof item !== "object" || item === null || Array.isArray(item))
      return { problem: `${where} holds JSON that is not a call object`, snippet: text };
    const record = item as Record<string, unknown>;
    const fn = (typeof record.function === "object" && record.function !== null ? record.function : record) as Record<
      string,
      unknown
    >;
    const name = fn.name;
    if (typeof name !== "string" || name === "")
      return { problem: `${where} holds a call without a name`, snippet: text };
    const args = fn.arguments ?? fn.parameters;
    const call = namedCall(name, { ok: true, value: args ?? {} }, tools, where, text);
    if ("problem" in call) return call;
    const id = record.id;
    calls.push(...call.map((found) => (typeof id === "string" && id !== "" ? { ...found, id } : found)));
  }
  return calls;
}

function namedCall(
  name: string,
  args: ReturnType<typeof parseJson>,
  tools: DeclaredTools,
  where: string,
  snippet: string,
): ExtractedCall[] | UnusableCall {
  if (!tools.has(name)) return unknownTool(name, tools, where, snippet);
  if (!args.ok) return { problem: `${where} holds invalid JSON arguments for ${name}: ${args.error}`, snippet };
  const json = argumentsAsJson(args.value);
  if (json === undefined) return { problem: `${where} gives ${name} arguments that are not a JSON object`, snippet };
  return [{ name, arguments: json }];
}

function unknownTool(name: string, tools: DeclaredTools, where: string, snippet: string): UnusableCall {
  const declared = [...tools.keys()].join(", ") || "none";
  return { problem: `${where} calls "${name}", which the request did not declare (declared: ${declared})`, snippet };
}

/** The calls, and the content with their text cut out (null when nothing but whitespace is left). */
function leftover(content: string, parsed: { calls: ExtractedCall[]; cuts: Cut[] }) {
  let rest = "";
  let cursor = 0;
  for (const cut of [...parsed.cuts].sort((a, b) => a.start - b.start)) {
    rest += content.slice(cursor, cut.start);
    cursor = Math.max(cursor, cut.end);
  }
  rest = (rest + content.slice(cursor)).trim();
  // What is left of a fence that wrapped the whole reply is no content.
  if (/^```[\w-]*\s*```$/.test(rest)) rest = "";
  return { calls: parsed.calls, content: rest === "" ? null : rest };
}

/**
 * Text where a marker is talk, not a call: ``` fenced blocks among other text (a model quoting the
 * format while explaining it; a fence around the whole reply is only packaging) and <think>…</think>
 * reasoning that a server without a reasoning parser leaves in the content.
 */
function quotedRanges(content: string): Cut[] {
  const ranges: Cut[] = [];
  const whole = { start: content.length - content.trimStart().length, end: content.trimEnd().length };
  for (const match of content.matchAll(/```[\s\S]*?(?:```|$)/g)) {
    const range = { start: match.index, end: match.index + match[0].length };
    if (range.start !== whole.start || range.end !== whole.end) ranges.push(range);
  }
  for (const match of content.matchAll(/<think>[\s\S]*?(?:<\/think>|$)/g)) {
    ranges.push({ start: match.index, end: match.index + match[0].length });
  }
  return ranges;
}

const insideAny = (index: number, ranges: Cut[]) => ranges.some((range) => index > range.start && index < range.end);

function firstOutside(content: string, marker: string, quoted: Cut[]): number {
  for (let index = content.indexOf(marker); index >= 0; index = content.indexOf(marker, index + 1)) {
    if (!insideAny(index, quoted)) return index;
  }
  return -1;
}
