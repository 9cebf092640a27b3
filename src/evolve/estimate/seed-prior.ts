// What a run is expected to spend before this archive has seen a real model: a structural estimate
// from what can be measured exactly here — the seed's system prompt, tool schemas and source, each
// task's instructions and workspace, the diagnoser's prompt as the loop builds it — combined with
// stated assumptions about how agents behave (steps per session, tokens per step). No real model can
// be reached from where this was written, so none of these behaviour figures is a measurement: they
// are a prior, shown as such, and replaced by the archive's own history as soon as it has some.
import type { Task } from "../../../evaluator/index.ts";
import { isReasoningModel, systemPromptInSource } from "../../llm/index.ts";
import { buildDiagnosisRequest, selfImprovementInstructions } from "../diagnose-prompt.ts";
import type { EvolveOptions } from "../options.ts";
import { readAgentSource } from "../source-files.ts";
import { type SessionShape, simulateSession, tokensOf } from "./session-model.ts";
import type { Spread, TokenSplit } from "./types.ts";

const spread = <T>(low: T, expected: T, high: T): Spread<T> => ({ low, expected, high });
const scenarios = ["low", "expected", "high"] as const;

/**
 * The behaviour assumptions of the prior (low / expected / high). Each is a run's average, not one
 * session's extreme: a run has hundreds of sessions, so what is uncertain is how the model behaves
 * on the whole. Change them here, nowhere else.
 */
export const priorAssumptions = {
  task: {
    steps: spread(8, 12, 18),
    outputPerStep: spread(150, 250, 350),
    toolResultPerStep: spread(350, 500, 700),
    /** How much of the task's workspace the agent reads into its history (1 = all of it, once). */
    workspaceRead: spread(0.7, 1, 1.3),
  },
  selfModify: {
    steps: spread(14, 22, 32),
    outputPerStep: spread(250, 350, 500),
    toolResultPerStep: spread(450, 600, 800),
    /** How much of its own source the agent reads into its history. */
    sourceRead: spread(0.5, 0.7, 1),
    problemStatementChars: spread(800, 1200, 2000),
    suggestionChars: spread(400, 800, 1500),
  },
  diagnose: {
    /** The loop sends at most the last 12,000 characters of the trajectory and 4,000 of the test output. */
    trajectoryChars: spread(8000, 12000, 12000),
    testOutputChars: spread(1500, 2500, 4000),
    /** Children's source grows: in the high case the diagnoser reads this much more than the seed's (at most 60,000 characters). */
    sourceGrowth: spread(1, 1, 1.5),
    /** Reasoning models (o1, o3, …) count their hidden reasoning as completion tokens. */
    reasoningOutput: spread(2500, 4000, 7000),
    plainOutput: spread(600, 900, 1400),
  },
  /** The share of the resent history served from the provider's prompt cache. */
  cacheHitShare: spread(0.95, 0.7, 0.4),
  /** Share of children that change something, pass the gate and are evaluated. */
  childEvaluated: spread(0.6, 0.8, 0.95),
  /** Share of evaluations that reach the next stage (e.g. small ≥ 0.4 → medium). */
  advance: spread(0.5, 0.8, 1),
} as const;

/** The diagnoser reads at most this much agent source (source-files.ts readAgentSource). */
const DIAGNOSER_SOURCE_CAP = 60_000;

/** What the prior measures of the seed agent. */
export interface SeedShape {
  systemPromptChars: number;
  toolSchemaChars: number;
  sourceChars: number;
  /** The seed's source as the diagnoser receives it. */
  source: Record<string, string>;
}

// Used only when the seed does not declare its prompt and tools the way agents/seed does.
const fallbackSystemPromptChars = 500;
const fallbackToolSchemaChars = 1500;
const toolSchema = /export const \w+_TOOL\s*=\s*(\{[\s\S]*?\n\})\s*as const/g;

/** Measures the seed from its source without running it: the prompt's literals, the tool schemas' text. */
export async function measureSeed(seedDir: string): Promise<SeedShape> {
  const source = await readAgentSource(seedDir);
  const prompts = source["src/prompts.ts"];
  const systemPromptChars = prompts ? systemPromptInSource(prompts).length : fallbackSystemPromptChars;
  let toolSchemaChars = 0;
  for (const [path, text] of Object.entries(source)) {
    if (!path.startsWith("src/")) continue;
    // The object literal's text with whitespace collapsed is within a few percent of its JSON.
    for (const match of text.matchAll(toolSchema)) toolSchemaChars += (match[1] ?? "").replace(/\s+/g, " ").length;
  }
  const sourceChars = Object.values(source).reduce((sum, text) => sum + text.length, 0);
  return {
    systemPromptChars,
    toolSchemaChars: toolSchemaChars || fallbackToolSchemaChars,
    sourceChars,
    source,
  };
}

type AgentLimits = EvolveOptions["agentLimits"];

/** The seed's task message around the instructions ("The workspace is /workspace.\n\n<task>…</task>"). */
const taskMessageChars = (instructions: string) => instructions.trim().length + 50;
/** Chat framing per message (role, separators), about 4 tokens each for system, user and the first reply. */
const framingTokens = 12;

function sessionSpread(make: (scenario: (typeof scenarios)[number]) => SessionShape): Spread<TokenSplit> {
  return {
    low: simulateSession(make("low")),
    expected: simulateSession(make("expected")),
    high: simulateSession(make("high")),
  };
}

const stepsWithin = (steps: number, limits: AgentLimits) => Math.min(steps, limits.maxSteps, limits.maxCallsPerSession);

export function taskSessionPrior(seed: SeedShape, task: Task, limits: AgentLimits): Spread<TokenSplit> {
  const a = priorAssumptions.task;
  const workspaceChars = Object.values(task.workspace).reduce((sum, file) => sum + file.length, 0);
  const fixedPrompt =
    tokensOf(seed.systemPromptChars + seed.toolSchemaChars + taskMessageChars(task.instructions)) + framingTokens;
  return sessionSpread((s) => ({
    fixedPrompt,
    steps: stepsWithin(a.steps[s], limits),
    outputPerStep: a.outputPerStep[s],
    toolResultPerStep: a.toolResultPerStep[s],
    readOnce: Math.round(tokensOf(workspaceChars) * a.workspaceRead[s]),
    maxSessionTokens: limits.maxTokensPerSession,
    cacheHitShare: priorAssumptions.cacheHitShare[s],
  }));
}

export function selfModifyPrior(seed: SeedShape, limits: AgentLimits): Spread<TokenSplit> {
  const a = priorAssumptions.selfModify;
  return sessionSpread((s) => {
    const instructions = selfImprovementInstructions({
      problem_statement: "x".repeat(a.problemStatementChars[s]),
      implementation_suggestion: a.suggestionChars[s] > 0 ? "x".repeat(a.suggestionChars[s]) : undefined,
    });
    return {
      fixedPrompt:
        tokensOf(seed.systemPromptChars + seed.toolSchemaChars + taskMessageChars(instructions)) + framingTokens,
      steps: stepsWithin(a.steps[s], limits),
      outputPerStep: a.outputPerStep[s],
      toolResultPerStep: a.toolResultPerStep[s],
      readOnce: Math.round(tokensOf(seed.sourceChars) * a.sourceRead[s]),
      maxSessionTokens: limits.maxTokensPerSession,
      cacheHitShare: priorAssumptions.cacheHitShare[s],
    };
  });
}

/** The diagnoser's prompt built exactly as the loop builds it, with the seed's source and padded tails. */
export function diagnosePrior(
  seed: SeedShape,
  instructions: string,
  diagnoseModel: string,
  maxOutputTokens = Number.POSITIVE_INFINITY,
): Spread<TokenSplit> {
  const a = priorAssumptions.diagnose;
  const output = isReasoningModel(diagnoseModel) ? a.reasoningOutput : a.plainOutput;
  const promptOf = (s: (typeof scenarios)[number]): number => {
    const grown = Math.min(DIAGNOSER_SOURCE_CAP, Math.round(seed.sourceChars * a.sourceGrowth[s]));
    const padding = Math.max(0, grown - seed.sourceChars);
    const agentSource = padding > 0 ? { ...seed.source, "src/grown.ts": "x".repeat(padding) } : seed.source;
    const request = buildDiagnosisRequest({
      agentSource,
      entry: "a-task",
      taskInstructions: instructions,
      trajectory: "x".repeat(a.trajectoryChars[s]),
      testOutput: "x".repeat(a.testOutputChars[s]),
    });
    return tokensOf(JSON.stringify(request.messages).length);
  };
  // The role's output cap (models.diagnose.maxOutputTokens) bounds what one answer can cost.
  const call = (s: (typeof scenarios)[number]): TokenSplit => ({
    prompt: promptOf(s),
    cached: 0,
    completion: Math.min(output[s], maxOutputTokens),
  });
  return { low: call("low"), expected: call("expected"), high: call("high") };
}

/** The assumptions in words, for the output: the prior is never presented as a measurement. */
export function describePriorAssumptions(used: {
  sessions: boolean;
  childEvaluated: boolean;
  advance: boolean;
}): string | undefined {
  const { task, selfModify } = priorAssumptions;
  const slash = (s: Spread<number>) => `${s.low}/${s.expected}/${s.high}`;
  const percent = (s: Spread<number>) =>
    `${Math.round(s.expected * 100)}% (${Math.round(Math.min(s.low, s.high) * 100)}–${Math.round(Math.max(s.low, s.high) * 100)}%)`;
  const parts: string[] = [];
  if (used.sessions) {
    parts.push(
      `tasks take ${slash(task.steps)} steps (low/expected/high) adding ${slash(task.outputPerStep)} output + ` +
        `${slash(task.toolResultPerStep)} tool-result tokens each, self-modifications ${slash(selfModify.steps)} steps; ` +
        `the whole history is resent each step, ${percent(priorAssumptions.cacheHitShare)} of it from the prompt cache; 4 characters per token`,
    );
  }
  if (used.childEvaluated) parts.push(`${percent(priorAssumptions.childEvaluated)} of children are evaluated`);
  if (used.advance) parts.push(`${percent(priorAssumptions.advance)} of evaluations reach the next stage`);
  return parts.length > 0 ? `prior, not measured: ${parts.join("; ")}` : undefined;
}
