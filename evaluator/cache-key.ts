// The evaluation cache key: nothing unchanged is evaluated twice.
import { sha256 } from "./files.ts";

export interface CacheKeyParts {
  /** The agent's git tree hash (its exact source). */
  agentTree: string;
  taskContentHash: string;
  /** Canonical description of the solve model configuration (provider, model, parameters). */
  modelKey: string;
  seed: number;
}

export function evaluationCacheKey(parts: CacheKeyParts): string {
  return sha256(JSON.stringify(["dgm-eval-v1", parts.agentTree, parts.taskContentHash, parts.modelKey, parts.seed]));
}

/** The parts of a solve role's configuration that change answers: provider, model, endpoint, parameters. */
export function modelKeyOf(role: {
  provider: string;
  model: string;
  baseUrl?: string;
  params?: Record<string, unknown>;
  replayRun?: string;
}): string {
  const params = role.params
    ? Object.fromEntries(Object.entries(role.params).sort(([a], [b]) => a.localeCompare(b)))
    : {};
  return JSON.stringify({
    provider: role.provider,
    model: role.model,
    baseUrl: role.baseUrl ?? null,
    params,
    replayRun: role.replayRun ?? null,
  });
}
