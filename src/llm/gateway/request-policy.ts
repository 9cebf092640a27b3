// From what an agent sent to what the gateway forwards: the allowlisted fields (request-schema.ts)
// checked, everything else dropped and named, one answer (`n` is never forwarded), and the output
// limit set to at most the session's cap — always set, because a missing one means the model's own
// maximum, and the budget must know the worst case before the call. Dropping is quiet but never
// silent: the notes go back to the agent with the answer and into the call's record. Only a field
// the gateway would forward but cannot read (messages that are not an array, say) fails the call.
import type { ChatRequest } from "../types.ts";
import { GatewayError } from "./errors.ts";
import { type ForwardedRequest, forwardedRequest, gatewayOwnedFields } from "./request-schema.ts";

/** The per-call output cap of a session that sets none (the seed agent asks for 4096). */
export const DEFAULT_MAX_OUTPUT_TOKENS_PER_CALL = 16_384;

export interface PolicyOutcome {
  request: ChatRequest;
  /** The output tokens the forwarded request allows: the worst case the budget reserves for. */
  outputLimit: number;
  /** What the gateway changed, in words for the agent's trajectory; empty when nothing. */
  notes: string[];
}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  value !== null && typeof value === "object" && !Array.isArray(value);

function invalid(message: string, code: string): GatewayError {
  return new GatewayError(message, 400, "invalid_request_error", code);
}

// Deeper JSON (in a tool's parameter schema, say) would only serve to overflow the stack of this
// walk, of hashing and of serialising the request: refused as malformed.
const MAX_DEPTH = 64;

/** Paths of the keys the schema stripped, found by walking the input beside the parsed output. */
function strippedPaths(input: unknown, output: unknown, path: string, found: Set<string>, depth = 0): void {
  if (depth > MAX_DEPTH) throw invalid(`request nests deeper than ${MAX_DEPTH} levels at '${path}'`, "too_deep");
  if (Array.isArray(input) && Array.isArray(output)) {
    input.forEach((item, index) => {
      strippedPaths(item, output[index], `${path}[]`, found, depth + 1);
    });
    return;
  }
  if (!isObject(input) || !isObject(output)) return;
  for (const key of Object.keys(input)) {
    const at = path ? `${path}.${key}` : key;
    if (key in output) strippedPaths(input[key], output[key], at, found, depth + 1);
    else if (path || !gatewayOwnedFields.has(key)) found.add(at);
  }
}

function parse(body: JsonObject): ForwardedRequest {
  const parsed = forwardedRequest.safeParse(body);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 3);
  const where = (path: PropertyKey[]): string =>
    path.map((part, index) => (typeof part === "number" ? `[${part}]` : `${index ? "." : ""}${String(part)}`)).join("");
  const text = issues.map((issue) => `'${where(issue.path)}' ${issue.message}`).join("; ");
  throw invalid(`invalid request: ${text}`, `invalid_${String(issues[0]?.path[0] ?? "body")}`);
}

/** Drops nulls (an unset optional field) so that the forwarded body only holds what was asked for. */
function withoutNulls(request: ForwardedRequest): JsonObject {
  return Object.fromEntries(Object.entries(request).filter(([, value]) => value !== null && value !== undefined));
}

export function applyRequestPolicy(body: unknown, maxOutputTokens: number): PolicyOutcome {
  if (!isObject(body)) throw invalid("request body must be a JSON object", "invalid_body");
  if (body.stream === true) {
    throw invalid('streaming is not supported by the gateway: send "stream": false', "stream_unsupported");
  }
  const parsed = parse(body);
  const dropped = new Set<string>();
  strippedPaths(body, parsed, "", dropped);
  const forwarded = withoutNulls(parsed);
  const notes: string[] = [];
  if (body.n !== undefined && body.n !== null && body.n !== 1) {
    notes.push("n forced to 1: the gateway returns one answer per call");
  }

  // One output-limit field goes on, in the agent's own spelling; providers map it per model.
  const field = forwarded.max_completion_tokens !== undefined ? "max_completion_tokens" : "max_tokens";
  if (field === "max_completion_tokens" && forwarded.max_tokens !== undefined) {
    delete forwarded.max_tokens;
    dropped.add("max_tokens");
  }
  const asked = forwarded[field] as number | undefined;
  const outputLimit = Math.min(asked ?? maxOutputTokens, maxOutputTokens);
  if (asked !== undefined && asked > maxOutputTokens) {
    notes.push(`${field} ${asked} lowered to the session's cap of ${maxOutputTokens} output tokens per call`);
  }
  forwarded[field] = outputLimit;

  if (dropped.size > 0) notes.unshift(`dropped fields the gateway does not forward: ${[...dropped].join(", ")}`);
  return { request: { ...forwarded, messages: parsed.messages }, outputLimit, notes };
}
