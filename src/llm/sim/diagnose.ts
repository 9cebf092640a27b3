// Diagnosis: read which prompt skills the agent's system prompt already expresses and propose one
// it lacks (chosen by the seeded rng), as the JSON proposal the loop expects. The problem statement
// quotes the skill's sentence verbatim so that self-modification can find it.
import type { CallContext, ChatRequest } from "../types.ts";
import { firstUserText } from "./conversation.ts";
import { pickIndex } from "./rng.ts";
import { promptSkills, promptSkillsIn } from "./skills.ts";

const anchorBlock = /export const SYSTEM_PROMPT = \[([\s\S]*?)\]\s*\.join/;

/** The agent's system prompt as shown in the diagnosis request (its prompts file), else the whole request text. */
function agentPromptText(request: ChatRequest): string {
  const text = firstUserText(request);
  return anchorBlock.exec(text)?.[1] ?? text;
}

export function diagnose(request: ChatRequest, context: CallContext, salt: string): string {
  const present = promptSkillsIn(agentPromptText(request));
  const lacking = promptSkills.filter((skill) => !present.has(skill.name));
  const pool = lacking.length > 0 ? lacking : promptSkills;
  const skill =
    pool[pickIndex(pool.length, context.seed, "diagnose", context.caller.attemptId, context.caller.agentId, salt)]!;
  const proposal = {
    skill: skill.name,
    observation:
      lacking.length > 0
        ? `The agent's system prompt does not express the "${skill.name}" skill, and its trajectory shows the consequences.`
        : "The agent's system prompt already expresses every skill I know; reinforcing one of them.",
    potential_improvements: pool.map((candidate) => `Add to the system prompt: ${candidate.sentence}`),
    improvement_proposal: `Teach the agent the "${skill.name}" skill through its system prompt.`,
    implementation_suggestion: `In src/prompts.ts, add the line ${JSON.stringify(skill.sentence)} to the SYSTEM_PROMPT array, right after the line \`export const SYSTEM_PROMPT = [\`.`,
    problem_statement: `Add this instruction to the agent's system prompt (the SYSTEM_PROMPT array in src/prompts.ts), as its own line: "${skill.sentence}"`,
  };
  return JSON.stringify(proposal, null, 2);
}
