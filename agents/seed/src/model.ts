// The model client: OpenAI chat completions over the gateway's unix socket, with node:http only.
// Every failure (socket error, HTTP error, malformed body) comes back as a value, never a throw.
import { request } from "node:http";

export interface ToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export type Message =
  | { role: "system" | "user"; content: string }
  | { role: "assistant"; content: string | null; tool_calls?: ToolCall[] }
  | { role: "tool"; tool_call_id: string; content: string };

export interface ModelReply {
  content: string | null;
  toolCalls: ToolCall[];
  finishReason: string;
  usage: { promptTokens: number; completionTokens: number };
  /** Why the reply's tool calls cannot be used (a call with no id or non-string arguments, or none at all under finish_reason "tool_calls"). */
  unusable?: string;
}

export type ModelResult = { ok: true; reply: ModelReply } | { ok: false; error: string; status?: number };

export interface ChatBody {
  messages: Message[];
  tools: readonly unknown[];
  max_tokens: number;
}

export function chat(socketPath: string, body: ChatBody, timeoutMs: number): Promise<ModelResult> {
  const payload = JSON.stringify(body);
  return new Promise((resolve) => {
    const req = request(
      {
        socketPath,
        path: "/v1/chat/completions",
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
        timeout: timeoutMs,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () => resolve(parseResponse(res.statusCode ?? 0, text)));
        res.on("error", (error) => resolve({ ok: false, error: `reading the reply failed: ${error.message}` }));
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no reply within ${timeoutMs} ms`)));
    req.on("error", (error) => resolve({ ok: false, error: `gateway request failed: ${error.message}` }));
    req.end(payload);
  });
}

function parseResponse(status: number, text: string): ModelResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {
      ok: false,
      status,
      error: `gateway replied ${status} with a body that is not JSON: ${text.slice(0, 300)}`,
    };
  }
  if (status !== 200) {
    const message = (json as { error?: { message?: unknown } })?.error?.message;
    return {
      ok: false,
      status,
      error: `gateway replied ${status}: ${typeof message === "string" ? message : text.slice(0, 300)}`,
    };
  }
  const choice = (json as { choices?: unknown })?.choices;
  const first = Array.isArray(choice) ? (choice[0] as Record<string, unknown> | undefined) : undefined;
  const message = first?.message as { content?: unknown; tool_calls?: unknown } | undefined;
  if (!message || typeof message !== "object") {
    return { ok: false, status, error: `gateway reply has no choices[0].message: ${text.slice(0, 300)}` };
  }
  const usage = (json as { usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } }).usage;
  const given: unknown[] = Array.isArray(message.tool_calls) ? message.tool_calls : [];
  const toolCalls = given.filter(isToolCall);
  const finishReason = typeof first?.finish_reason === "string" ? first.finish_reason : "unknown";
  const unusable =
    toolCalls.length < given.length
      ? `${given.length - toolCalls.length} of its ${given.length} tool call(s) lack an id, a name or string arguments: ${JSON.stringify(given.find((call) => !isToolCall(call))).slice(0, 200)}`
      : finishReason === "tool_calls" && toolCalls.length === 0
        ? 'it says finish_reason "tool_calls" but carries no tool call'
        : undefined;
  return {
    ok: true,
    reply: {
      content: typeof message.content === "string" ? message.content : null,
      toolCalls,
      finishReason,
      ...(unusable ? { unusable } : {}),
      usage: {
        promptTokens: typeof usage?.prompt_tokens === "number" ? usage.prompt_tokens : 0,
        completionTokens: typeof usage?.completion_tokens === "number" ? usage.completion_tokens : 0,
      },
    },
  };
}

function isToolCall(value: unknown): value is ToolCall {
  const call = value as ToolCall | null;
  return (
    typeof call?.id === "string" &&
    typeof call.function?.name === "string" &&
    typeof call.function.arguments === "string"
  );
}
