// The normalized form of a chat request and its sha256: what replay matches on. Normalizing drops
// the fields the gateway decides (model, stream, user) and orders keys, so that two requests that
// ask the same thing hash the same whatever the client's key order.
import { createHash } from "node:crypto";
import type { ChatRequest } from "./types.ts";

const volatileFields = new Set(["model", "stream", "stream_options", "user", "n", "metadata", "store"]);

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const child = (value as Record<string, unknown>)[key];
      if (child !== undefined) out[key] = sortKeys(child);
    }
    return out;
  }
  return value;
}

export function normalizeRequest(request: ChatRequest): unknown {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(request)) if (!volatileFields.has(key)) kept[key] = value;
  return sortKeys(kept);
}

export function requestHash(request: ChatRequest): string {
  return createHash("sha256")
    .update(JSON.stringify(normalizeRequest(request)))
    .digest("hex");
}
