// Retries of transient provider failures: exponential backoff with full jitter, bounded attempts,
// and the server's Retry-After honoured when it asks for longer than our own backoff.
import { setTimeout as sleep } from "node:timers/promises";
import { ProviderError } from "./provider-error.ts";

export interface RetryOptions {
  /** Total attempts including the first (default 5). */
  maxAttempts?: number;
  /** First backoff in ms (default 500); doubles each attempt. */
  baseDelayMs?: number;
  /** Cap on one wait, including a server's Retry-After (default 60 s). */
  maxDelayMs?: number;
  /** Source of randomness for jitter (tests pass a fixed one). */
  random?: () => number;
}

export interface RetryReport<T> {
  value: T;
  attempts: number;
}

/** The wait before attempt `attempt + 1`: jittered exponential backoff, at least the server's Retry-After. */
export function backoffDelay(attempt: number, error: ProviderError, options: RetryOptions = {}): number {
  const base = options.baseDelayMs ?? 500;
  const max = options.maxDelayMs ?? 60_000;
  const random = options.random ?? Math.random;
  const exponential = Math.min(max, base * 2 ** (attempt - 1));
  const jittered = exponential / 2 + random() * (exponential / 2);
  return Math.min(max, Math.max(jittered, error.retryAfterMs ?? 0));
}

/** Runs `operation` until it succeeds, fails with a non-retryable error, or runs out of attempts. */
export async function withRetries<T>(
  operation: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
  signal?: AbortSignal,
): Promise<RetryReport<T>> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  for (let attempt = 1; ; attempt++) {
    try {
      return { value: await operation(attempt), attempts: attempt };
    } catch (error) {
      const providerError =
        error instanceof ProviderError ? error : new ProviderError(errorMessage(error), false, undefined, undefined);
      if (!providerError.retryable || attempt >= maxAttempts || signal?.aborted) {
        if (attempt > 1) providerError.message = `${providerError.message} (after ${attempt} attempts)`;
        throw providerError;
      }
      await sleep(backoffDelay(attempt, providerError, options), undefined, { signal });
    }
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
