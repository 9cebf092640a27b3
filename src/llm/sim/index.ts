// `sim`: a deterministic offline SIMULATOR of a coding model — not a model. It lets the whole loop
// run without network or money, with dynamics like the real thing: it solves tasks through the
// agent's own tools with a success rate that grows with the agent's skills, diagnoses agents by
// naming a skill they lack, and adds that skill to an agent's prompt when asked to modify itself
// (sometimes breaking the build or changing nothing). Every answer is a pure function of
// (run seed, session identity, request). Nothing outside this folder imports its internals.
import { buildCompletion } from "../providers/completion.ts";
import { requestHash } from "../request-hash.ts";
import type { CallContext, ChatRequest, ChatResponse, Provider } from "../types.ts";
import { toToolCall } from "./conversation.ts";
import { diagnose } from "./diagnose.ts";
import type { SimOracle } from "./oracle.ts";
import { selfModifyStep } from "./self-modify.ts";
import { solveStep } from "./solve.ts";
import { Toolkit } from "./toolkit.ts";

export type { SimOracle, SimTaskKnowledge } from "./oracle.ts";
export { systemPromptInSource } from "./prompt-source.ts";
export { simBuildBreakage } from "./self-modify.ts";
export { promptSkills, promptSkillsIn, skillsOf, toolSkillsInSource } from "./skills.ts";
export { finalSolution as simFinalSolution, fingerprintOf as simFingerprint } from "./success.ts";
export { simOracleFor } from "./task-oracle.ts";
export { trueScore as simTrueScore } from "./true-score.ts";

export interface SimProviderOptions {
  /** Reference solutions of the tasks the agents solve (built from the task suite). */
  oracle?: SimOracle;
  /** Model name recorded and priced (default "dgm-sim"). */
  model?: string;
}

export function createSimProvider(options: SimProviderOptions = {}): Provider {
  const model = options.model ?? "dgm-sim";
  const answer = (
    request: ChatRequest,
    context: CallContext,
  ): { content: string | null; calls?: ReturnType<typeof toToolCall>[] } => {
    const salt = requestHash(request);
    if (context.role === "diagnose" || context.caller.purpose === "diagnose") {
      return { content: diagnose(request, context, salt) };
    }
    const tools = new Toolkit(request.tools);
    const action =
      context.caller.purpose === "self-modify"
        ? selfModifyStep(request, context, tools)
        : solveStep(
            request,
            context,
            context.caller.taskId ? options.oracle?.lookup(context.caller.taskId) : undefined,
            tools,
          );
    if (action.kind === "answer") return { content: action.text };
    const calls = action.calls.map((spec, index) => toToolCall(action.step, index, salt, spec));
    return { content: action.text ?? null, calls };
  };
  return {
    name: "sim",
    model,
    async complete(request, context): Promise<ChatResponse> {
      const { content, calls } = answer(request, context);
      const id = `chatcmpl-sim-${requestHash(request).slice(0, 16)}`;
      return buildCompletion(request, model, { content, toolCalls: calls }, id);
    },
  };
}
