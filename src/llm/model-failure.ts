// What a failed model call means for the run. Some failures are the configuration's (a wrong key, an
// unknown model, an endpoint where nothing listens): every further call will fail the same way, so the run stops at the first one and
// says how to fix it. Some are the agent's own (its conversation outgrew the model's context): a real
// result. The rest are the infrastructure's (rate limits and 5xx that outlasted the retries, an
// unreachable server, a reply no parser could read): never the agent's verdict, never cached.
import { ProviderError } from "./provider-error.ts";

export type ModelFailureKind =
  | "auth"
  | "model_not_found"
  | "bad_request"
  | "context_length"
  | "rate_limited"
  | "server_error"
  | "timeout"
  | "unreachable"
  | "malformed_reply"
  | "provider_error";

export interface ModelFailure {
  kind: ModelFailureKind;
  /** The upstream HTTP status, when the server answered. */
  status: number | null;
  /** One line: "model call failed: 401 Incorrect API key provided … (gpt-4.1-mini at https://…)". */
  message: string;
  /** What to change, when we know. */
  fix: string | null;
  /** Every further call with this configuration fails alike: the run stops instead of burning its budget. */
  fatal: boolean;
  /** The agent's own doing: its result is a real failure, not an infrastructure error. */
  agentsOwn: boolean;
}

// Nothing listening at the endpoint after every retry is a wrong base URL or a server that is down:
// either way no further call gets through, and results recorded meanwhile would all be errors.
const FATAL_KINDS: ReadonlySet<ModelFailureKind> = new Set(["auth", "model_not_found", "unreachable"]);

const CONTEXT_LENGTH = /context[_ ]length|maximum context|context window|too many tokens|prompt is too long/i;
const MODEL_MISSING = /model.*(not found|does not exist|not exist)|unknown model|no such model|model_not_found/i;

function kindOf(error: ProviderError): ModelFailureKind {
  const { status } = error;
  const code = error.detail.code ?? "";
  if (code === "context_length_exceeded" || ((status === 400 || status === 413) && CONTEXT_LENGTH.test(error.message)))
    return "context_length";
  if (status === 401 || status === 403) return "auth";
  if (status === 404 || code === "model_not_found" || (status === 400 && MODEL_MISSING.test(error.message)))
    return "model_not_found";
  if (status === 429) return "rate_limited";
  if (status !== undefined && status >= 500) return "server_error";
  if (status !== undefined && status >= 400) return "bad_request";
  if (error.detail.timedOut) return "timeout";
  if (error.detail.unreachable) return "unreachable";
  if (status === undefined && /malformed|no usable tool call|no choices/i.test(error.message)) return "malformed_reply";
  // Anything else a provider threw (a replay with no recording, a script that ran out): not fatal.
  return "provider_error";
}

/** What to change; the message already names the model and endpoint, so the fix does not repeat them. */
function fixFor(kind: ModelFailureKind): string | null {
  switch (kind) {
    case "auth":
      return "the server refused the key: set the variable your config names in apiKeyEnv (default OPENAI_API_KEY) to a key that is valid for this endpoint";
    case "model_not_found":
      return "the server does not serve this model: check --model / models.<role>.model and the endpoint (OPENAI_BASE_URL or models.<role>.baseUrl)";
    case "bad_request":
      return "the server rejected a request parameter: check models.<role>.params in dgm.config.json (see src/llm/README.md for each server's quirks)";
    case "unreachable":
      return "nothing answered at the endpoint: check OPENAI_BASE_URL or models.<role>.baseUrl, and that the server is running";
    case "timeout":
      return "the server answered too slowly: raise models.<role>.timeoutSeconds for slow local models";
    default:
      return null;
  }
}

/**
 * Classifies a failed call. `hostRequest`: the request was built by dgm itself (the diagnoser), so a
 * 400 is the configuration's fault rather than an agent's, and fatal.
 */
export function classifyModelFailure(error: unknown, hostRequest = false): ModelFailure {
  const providerError =
    error instanceof ProviderError
      ? error
      : new ProviderError(error instanceof Error ? error.message : String(error), false);
  const kind = kindOf(providerError);
  const at = providerError.detail.where ? ` (${providerError.detail.where})` : "";
  return {
    kind,
    status: providerError.status ?? null,
    message: `model call failed: ${providerError.message}${at}`,
    fix: fixFor(kind),
    fatal: FATAL_KINDS.has(kind) || (hostRequest && kind === "bad_request"),
    agentsOwn: kind === "context_length",
  };
}

/** The HTTP status an agent sees: final failures keep the server's 4xx, transient ones say "try later". */
export function agentFacingStatus(failure: ModelFailure): number {
  if (failure.status !== null && failure.status >= 400 && failure.status < 500 && failure.kind !== "rate_limited")
    return failure.status;
  if (failure.kind === "rate_limited") return 503;
  if (failure.kind === "timeout") return 504;
  return 502;
}

/** Final: a repeat of the same request fails the same way, so clients should not retry it. */
export function isFinalFailure(failure: ModelFailure): boolean {
  return agentFacingStatus(failure) < 500;
}

/** The failure and its fix on one line, for run stop reasons and command output; null for no failure. */
export function failureWithFix(failure: ModelFailure | null): string | null {
  if (!failure) return null;
  return failure.fix ? `${failure.message} — fix: ${failure.fix}` : failure.message;
}
