// Who a model call belongs to. Every session names its purpose and what it knows (run, agent, attempt,
// evaluation, task); the rest is null, and each session gets a fresh id unless the caller names one
// (the diagnoser's is derived from its attempt, so a resumed attempt's calls stay together).
import { randomUUID } from "node:crypto";
import type { CallerIdentity } from "./types.ts";

export function callerIdentity(fields: Pick<CallerIdentity, "purpose"> & Partial<CallerIdentity>): CallerIdentity {
  return {
    runId: null,
    agentId: null,
    attemptId: null,
    evaluationKey: null,
    taskId: null,
    sessionId: randomUUID(),
    ...fields,
  };
}
