// The narrow seam between the loop and the rooms it drives. The loop only speaks these
// interfaces; wiring.ts builds them from the real sandbox, gateway, evaluator and gate.
import type { AgentRow, Archive, CallerIdentity, StageName } from "../../archive/index.ts";
import type { ChatRequest, ChatResponse } from "../llm/index.ts";

export interface TaskCatalog {
  /** Instructions of a task by id, for the diagnoser. */
  instructions(taskId: string): string | undefined;
}

export interface AgentRunOutcome {
  /** Where the modified workspace was copied out to. */
  workspaceDir: string;
  changedFiles: string[];
  status: string;
  exitCode: number | null;
}

export type GateOutcome = { ok: true; bundleFile: string } | { ok: false; stage: string; reason: string };

export interface EvolveServices {
  archive: Archive;
  tasks: TaskCatalog;
  /** One host-side model call through the metering gateway. */
  diagnose(identity: CallerIdentity, request: ChatRequest): Promise<ChatResponse>;
  /** Checks an agent's source out into a fresh scratch directory (removed when the run ends). */
  checkoutScratch(agent: AgentRow): Promise<string>;
  /** The agent's bundle (one .mjs), built once per source tree and cached. */
  bundle(agent: AgentRow): Promise<string>;
  /** Typecheck, bundle and smoke-run an agent's source. */
  gate(sourceDir: string, agentId: string, signal: AbortSignal): Promise<GateOutcome>;
  /**
   * Runs `modifierBundle` in a sandbox on a copy of `workspaceDir` (the parent's source) with the
   * problem statement as its task; the result is copied to `outDir`.
   */
  selfModify(options: {
    runId: string;
    attemptId: string;
    modifier: AgentRow;
    modifierBundle: string;
    workspaceDir: string;
    outDir: string;
    instructions: string;
    signal: AbortSignal;
  }): Promise<AgentRunOutcome>;
  /** Staged evaluation; writes evaluations and per-stage scores to the archive; returns the scores. */
  evaluate(agent: AgentRow, bundleFile: string, signal: AbortSignal): Promise<Partial<Record<StageName, number>>>;
  /** Why the run's money or token budget is spent, or null while some remains. */
  budgetExhausted(): string | null;
  /** Removes this run's leftover containers. */
  pruneContainers(runId: string): Promise<number>;
}
