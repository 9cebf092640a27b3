// An agent run with its model session around it: open a gateway session for the caller, run the agent
// in the sandbox with the session's socket mounted, close the session on every path, and hand back what
// the session spent. Every place that runs an agent (a task, a self-modification, `dgm agent run`,
// `dgm solve`) stands on this.
import type { CallerIdentity } from "../../archive/index.ts";
import type { ModelSessions, SessionLimits, SessionUsage } from "../model-sessions.ts";
import { type AgentRunResult, type RunAgentOptions, runAgent } from "./run.ts";

export interface RunInSessionOptions extends Omit<RunAgentOptions, "gatewaySocketPath"> {
  sessions: ModelSessions;
  identity: CallerIdentity;
  sessionLimits?: SessionLimits;
  /** The run's seed for the session (the simulator's determinism). */
  seed?: number;
  /** Wraps the container's life, e.g. to hold one of a limited number of container slots. */
  hold?: <T>(work: () => Promise<T>) => Promise<T>;
}

export interface RunInSessionResult {
  run: AgentRunResult;
  usage: SessionUsage;
}

export async function runAgentInSession(options: RunInSessionOptions): Promise<RunInSessionResult> {
  const { sessions, identity, sessionLimits, seed, hold, ...runOptions } = options;
  const session = await sessions.openSession({
    identity,
    role: "solve",
    ...(sessionLimits ? { limits: sessionLimits } : {}),
    ...(seed === undefined ? {} : { seed }),
  });
  try {
    const work = () => runAgent({ ...runOptions, gatewaySocketPath: session.socketPath });
    const run = hold ? await hold(work) : await work();
    return { run, usage: session.usage() };
  } finally {
    await session.close();
  }
}
