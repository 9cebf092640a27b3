// How a cost reads wherever it is shown: "$0.0123", "unknown", or "≈$0.0123" when some of its calls
// got no usage from the server (their tokens were estimated as characters / 4), plus the line that
// says how many — so nobody takes an estimate for a bill.
import { formatUsd } from "./lineage.ts";

/** Prefix of a cost that includes estimated usage. */
export const estimatedMark = "≈";

export function formatCost(usd: number | null | undefined, estimatedCalls = 0): string {
  const text = formatUsd(usd);
  return estimatedCalls > 0 && usd !== null && usd !== undefined ? `${estimatedMark}${text}` : text;
}

/** "estimated: 3 of 40 calls had no usage from the server …", or "" when every count was the server's. */
export function estimateNote(estimatedCalls: number, calls: number): string {
  if (estimatedCalls <= 0) return "";
  return `${estimatedMark} estimated: ${estimatedCalls} of ${calls} call${calls === 1 ? "" : "s"} had no usage from the server (tokens counted as characters / 4)`;
}

/** " (1,200 cached)" after a prompt-token count, or "" when nothing came from a prompt cache. */
export function cachedNote(cachedTokens: number): string {
  return cachedTokens > 0 ? ` (${cachedTokens.toLocaleString("en")} cached)` : "";
}
