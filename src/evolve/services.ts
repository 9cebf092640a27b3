// The seam between the loop and what it drives: the phases of a child's life that need more than the
// archive (diagnose, self-modify, gate, evaluate) and the run's spending. Selection, entry choice,
// commit and admission are archive operations and policies shared by every implementation, so they
// stay in the loop. Two implementations: wiring.ts (Docker sandbox, real gate, containers per task)
// and in-process/ (no containers: the simulator decides gate and evaluation outcomes).
import type {
  AgentRow,
  Archive,
  CallerIdentity,
  EvaluationRow,
  EvaluationStageName,
  StageName,
} from "../../archive/index.ts";
import type { ChatRequest, ChatResponse, Gateway } from "../llm/index.ts";

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

/**
 * `artifact` is opaque to the loop: it is whatever `evaluate` needs to run the gated agent. For the
 * Docker services it is the path of the agent's bundle (one .mjs); for the in-process services it is
 * a label, `in-process:<tree>`, since nothing is built.
 */
export type GateOutcome = { ok: true; artifact: string } | { ok: false; stage: string; reason: string };

export interface SelfModifyRequest {
  runId: string;
  attemptId: string;
  /** The agent that does the modifying (the parent, or the seed when self-improvement is off). */
  modifier: AgentRow;
  /** The parent's source, checked out by the loop; left as it is. */
  workspaceDir: string;
  /** Where the modified source goes. */
  outDir: string;
  instructions: string;
  signal: AbortSignal;
}

export type StageScores = Partial<Record<StageName, number>>;

/**
 * Thrown by `evaluate` when --max-task-evals refused some of the agent's tasks: its evaluation is
 * incomplete, so it gets no verdict; the attempt is left for --resume with a larger budget.
 */
export class EvaluationCutShort extends Error {}

export interface EvolveServices {
  archive: Archive;
  tasks: TaskCatalog;
  /** One host-side model call through the metering gateway. */
  diagnose(identity: CallerIdentity, request: ChatRequest, signal: AbortSignal): Promise<ChatResponse>;
  /** Runs the modifier agent on a copy of the parent's source with the problem statement as its task. */
  selfModify(request: SelfModifyRequest): Promise<AgentRunOutcome>;
  /** Decides whether an agent's source may be evaluated; failures carry a precise reason. */
  gate(sourceDir: string, agentId: string, signal: AbortSignal): Promise<GateOutcome>;
  /** Staged evaluation; writes evaluations and per-stage scores to the archive; returns the scores. */
  evaluate(agent: AgentRow, artifact: string, signal: AbortSignal): Promise<StageScores>;
  /**
   * The search's tasks (qualified ids, in stage order, held-out ones excluded) and the stage that
   * task-by-task results are filed under (the last one, whose task set is the pool).
   */
  searchPool: { taskIds: string[]; stage: StageName };
  /** The held-out split's task ids: for finalists only (empty without --test-split). */
  heldOutTasks: string[];
  /**
   * Evaluates an admitted agent on one task and records the result under `stage` (a search stage, or
   * "test" for a held-out task). Answers from the cache when its tree was evaluated on the task before.
   */
  evaluateTask(
    agent: AgentRow,
    taskId: string,
    stage: EvaluationStageName,
    signal: AbortSignal,
  ): Promise<EvaluationRow>;
  /** Why the run's money or token budget is spent, or null while some remains. */
  budgetExhausted(): string | null;
  /**
   * A model failure every further call would repeat (a refused key, an unknown model), with its fix,
   * or null: the run stops instead of spending its budget on failing calls.
   */
  modelFailure(): string | null;
  /** Removes this run's leftover containers (none for in-process services). */
  pruneContainers(runId: string): Promise<number>;
}

/** An implementation's services with the run's gateway (for callers that meter more), closed once at the end. */
export interface ServicesWiring {
  services: EvolveServices;
  gateway: Gateway;
  close(): Promise<void>;
}
