// Self-modification: find the skill sentence in the instructions, locate the prompt file, look at
// it, and insert the sentence after the SYSTEM_PROMPT anchor through the agent's own tools. Now and
// then it breaks the build (a type or syntax error), changes nothing, or makes a misguided edit (a
// harmful instruction instead of the proposal) — how often depends on the modifier's own skills
// (landscape.ts), so that good modifiers found clades that improve. Every choice is seeded.
import type { CallContext, ChatRequest } from "../types.ts";
import { firstUserText, takenSteps } from "./conversation.ts";
import { harmfulInstructions, selfModifyRates } from "./landscape.ts";
import { anchorLine, systemPromptLines } from "./prompt-source.ts";
import { pickIndex, uniform } from "./rng.ts";
import { promptSkills, promptSkillsIn, skillsOf } from "./skills.ts";
import { sessionKey } from "./solve.ts";
import type { CallSpec, Toolkit } from "./toolkit.ts";

export type SelfModifyAction =
  | { kind: "calls"; step: number; text?: null; calls: CallSpec[] }
  | { kind: "answer"; text: string };

/** "./src/prompts.ts:3:export const …" → { path: "src/prompts.ts", line: 3 }. */
function locate(grepOutput: string | undefined): { path: string; line?: number } {
  const match = /^(?:\.\/)?([^\s:]+\.ts):(\d+):/m.exec(grepOutput ?? "");
  return match ? { path: match[1]!, line: Number(match[2]) } : { path: "src/prompts.ts" };
}

function anchorLineIn(view: string | undefined): number | undefined {
  const lines = (view ?? "").split("\n");
  const index = lines.findIndex((line) => line.includes(anchorLine));
  if (index < 0) return undefined;
  const numbered = /^\s*(\d+)[\t ]/.exec(lines[index]!);
  return numbered ? Number(numbered[1]) : index + 1;
}

export function selfModifyStep(request: ChatRequest, context: CallContext, tools: Toolkit): SelfModifyAction {
  const taken = takenSteps(request);
  const key = [String(context.seed), "self-modify", ...sessionKey(context)];
  const located = tools.hasShell ? locate(taken.find((step) => step.step === 0)?.result) : { path: "src/prompts.ts" };
  if (taken.length === 0) {
    const grep = tools.run(`grep -rn --include=*.ts 'export const SYSTEM_PROMPT = \\[' . | grep -v node_modules`);
    const first = grep ?? tools.view(located.path);
    if (!first)
      return { kind: "answer", text: "I have no tool to read or change files, so I cannot modify the agent." };
    return { kind: "calls", step: 0, calls: [first] };
  }
  const lastStep = taken.at(-1)!.step;
  if (lastStep === 0 && tools.hasShell) {
    const view = tools.view(located.path);
    if (view) return { kind: "calls", step: 1, calls: [view] };
  }
  if (lastStep >= 2 || (lastStep === 1 && !tools.hasShell)) {
    return { kind: "answer", text: `I updated the system prompt in ${located.path}.` };
  }
  const viewed = taken.at(-1)?.result ?? "";
  const instructions = firstUserText(request);
  const present = promptSkillsIn(viewed);
  const asked = promptSkills.filter((skill) => instructions.includes(skill.sentence));
  const lacking = promptSkills.filter((skill) => !present.has(skill.name));
  const skill =
    asked.length > 0
      ? asked.find((candidate) => !present.has(candidate.name))
      : lacking[pickIndex(lacking.length, ...key, "skill")];
  // The modifier is the agent making this request: its own prompt and tools say how well it edits.
  const rates = selfModifyRates(skillsOf(request));
  const outcome = uniform(...key, "outcome");
  if (!skill || outcome >= 1 - rates.changeNothing) {
    return { kind: "answer", text: "The system prompt already covers what the instructions ask; I left it unchanged." };
  }
  const breakIt = outcome < rates.breakBuild;
  const harmful = harmfulInstructions.filter((instruction) => !present.has(instruction.name));
  const misguided = harmful.length > 0 && uniform(...key, "misguided") < rates.misguided;
  const sentence = misguided ? harmful[pickIndex(harmful.length, ...key, "harmful")]!.sentence : skill.sentence;
  const quoted = JSON.stringify(sentence);
  const addition = !breakIt
    ? `  ${quoted},`
    : uniform(...key, "break-kind") < 0.5
      ? `  ${quoted}` // a missing comma: a syntax error in the array literal
      : `  ${quoted}.toUpperCase(1),`; // an argument too many: a type error (tsc TS2554)
  const edit = tools.insertAfterLine(located.path, anchorLine, addition, located.line ?? anchorLineIn(viewed));
  if (!edit) return { kind: "answer", text: "I have no tool that can edit files, so I cannot modify the agent." };
  return { kind: "calls", step: lastStep + 1, calls: [edit] };
}

const loneLiteral = /^(\s*)"(?:[^"\\]|\\.)*"\s*$/;
const calledLiteral = /^(\s*"(?:[^"\\]|\\.)*"\.toUpperCase\()([^)]+)\)/;

/**
 * Recognises the simulator's own breakage in a prompts source — an element without its comma (a
 * syntax error) or `.toUpperCase(1)` (an argument too many) in the SYSTEM_PROMPT array — and says what
 * the real gate would: `typecheck: type error at src/prompts.ts:6:3: TS1005 ',' expected.`. Null when
 * it finds none. Lets services without a compiler (the in-process ones) reject what tsc would.
 */
export function simBuildBreakage(promptsSource: string, path = "src/prompts.ts"): string | null {
  const body = systemPromptLines(promptsSource);
  const errors: string[] = [];
  for (const [index, { text, line }] of body.entries()) {
    const called = calledLiteral.exec(text);
    if (called) {
      const got = called[2]!.split(",").length;
      errors.push(`${path}:${line + 1}:${called[1]!.length + 1}: TS2554 Expected 0 arguments, but got ${got}.`);
    }
    const next = body[index + 1];
    const nextStart = next ? /^(\s*)"/.exec(next.text) : null;
    if (next && nextStart && loneLiteral.test(text)) {
      errors.push(`${path}:${next.line + 1}:${nextStart[1]!.length + 1}: TS1005 ',' expected.`);
    }
  }
  const [first, ...rest] = errors;
  if (!first) return null;
  const more = rest.length > 0 ? ` (and ${rest.length} more: ${rest.join("; ")})` : "";
  return `typecheck: type error at ${first}${more}`;
}
