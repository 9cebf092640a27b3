// What an OpenAI-compatible server's failure means, in one line for people and agents: the status and
// the server's own words ("401 Incorrect API key provided …"), whether another attempt may help, and
// which model at which endpoint it was. A server may echo the key it was sent; that text goes into the
// archive and back to the agent in its container, so the key is cut out of every message first.
import { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai";
import { ProviderError } from "../provider-error.ts";
import { errorMessage } from "../retry.ts";

const MAX_MESSAGE_CHARS = 500;

function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = headers?.get("retry-after-ms");
  if (ms && Number.isFinite(Number(ms))) return Number(ms);
  const value = headers?.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

/** One line, capped, with the key (and any long run of it a server might quote) replaced. */
export function redactedLine(text: string, secret: string | undefined): string {
  let line = text.replace(/\s+/g, " ").trim();
  if (secret && secret.length >= 8) {
    line = line.split(secret).join("[key]");
    // Servers often quote a prefix or suffix of the key ("sk-abc…wxyz"); any 8+ characters of it go.
    for (let length = Math.min(secret.length - 1, 24); length >= 8; length--) {
      for (const part of [secret.slice(0, length), secret.slice(-length)]) line = line.split(part).join("[key]");
    }
  }
  return line.length > MAX_MESSAGE_CHARS ? `${line.slice(0, MAX_MESSAGE_CHARS)}…` : line;
}

/** 408, 409, 429 and 5xx may heal on another attempt; other 4xx (a bad key, an unknown model) will not. */
export function isRetryableStatus(status: number | undefined): boolean {
  return status === undefined || status === 408 || status === 409 || status === 429 || status >= 500;
}

export function toProviderError(error: unknown, where: string, secret?: string): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof APIConnectionTimeoutError) {
    return new ProviderError(redactedLine(`no answer in time: ${error.message}`, secret), true, undefined, undefined, {
      where,
      timedOut: true,
    });
  }
  if (error instanceof APIConnectionError) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
    const text = `${error.message.replace(/\.$/, "")}${cause}`;
    return new ProviderError(redactedLine(text, secret), true, undefined, undefined, {
      where,
      unreachable: true,
    });
  }
  if (error instanceof APIError) {
    const status = error.status;
    // The SDK's message already starts with the status when the server sent one ("401 Incorrect …").
    const text =
      status !== undefined && !error.message.startsWith(String(status)) ? `${status} ${error.message}` : error.message;
    const code = typeof error.code === "string" ? error.code : undefined;
    return new ProviderError(
      redactedLine(text, secret),
      isRetryableStatus(status),
      status,
      retryAfterMs(error.headers),
      {
        where,
        ...(code ? { code } : {}),
      },
    );
  }
  // A body that is not JSON surfaces as a SyntaxError from the SDK: a flaky proxy, worth retrying.
  if (error instanceof SyntaxError) {
    return new ProviderError(
      redactedLine(`malformed JSON response: ${error.message}`, secret),
      true,
      undefined,
      undefined,
      {
        where,
      },
    );
  }
  return new ProviderError(redactedLine(errorMessage(error), secret), false, undefined, undefined, { where });
}
