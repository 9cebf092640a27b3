// Answers from the recorded calls of an earlier run. A request is matched by the sha256 of its
// normalized form; when several recorded calls share that hash (the same conversation happened in
// several sessions), the caller's session is bound to one recorded session and follows it in order,
// so a replayed session reproduces one recorded session exactly. A miss is a loud error.
import type { Archive, ModelCallRow } from "../../../archive/index.ts";
import { ProviderError } from "../provider-error.ts";
import { requestHash } from "../request-hash.ts";
import type { CallContext, ChatRequest, ChatResponse, Provider } from "../types.ts";

export class ReplayMissError extends ProviderError {
  constructor(hash: string, sessionId: string, runId: string) {
    super(
      `replay: no recorded call of run ${runId} matches request ${hash} (session ${sessionId}). ` +
        "The agent asked something the recorded run never asked: its code, task or configuration differs from the recording.",
      false,
    );
  }
}

export interface ReplayProviderOptions {
  archive: Pick<Archive, "findModelCallsByHash">;
  runId: string;
}

export function createReplayProvider(options: ReplayProviderOptions): Provider & { free: true } {
  /** caller session → the recorded session it follows. */
  const bindings = new Map<string, string>();
  const taken = new Set<string>();
  const pick = (candidates: ModelCallRow[], context: CallContext): ModelCallRow | undefined => {
    const bound = bindings.get(context.caller.sessionId);
    const inBound = bound ? candidates.filter((call) => call.caller.sessionId === bound) : [];
    const free = candidates.filter((call) => !taken.has(call.caller.sessionId));
    const pool = inBound.length > 0 ? inBound : free.length > 0 ? free : candidates;
    return pool.find((call) => call.seq === context.seq) ?? pool[0];
  };
  return {
    name: "replay",
    model: `replay:${options.runId}`,
    free: true,
    async complete(request: ChatRequest, context: CallContext): Promise<ChatResponse> {
      const hash = requestHash(request);
      const candidates = options.archive
        .findModelCallsByHash(hash, options.runId)
        .filter((call) => call.error === null && call.response !== null && call.response !== undefined)
        .sort((a, b) => a.seq - b.seq || a.createdAt.localeCompare(b.createdAt));
      const chosen = pick(candidates, context);
      if (!chosen) throw new ReplayMissError(hash, context.caller.sessionId, options.runId);
      if (!bindings.has(context.caller.sessionId)) {
        bindings.set(context.caller.sessionId, chosen.caller.sessionId);
        taken.add(chosen.caller.sessionId);
      }
      return chosen.response as ChatResponse;
    },
  };
}
