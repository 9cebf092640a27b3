// The skills the simulator recognises in an agent's request (see the table shared with the seed
// agent): six prompt skills detected by a regex on the system prompt, each with the sentence the
// simulator inserts when it adds the skill, two tool skills read from the editor's schema, and the
// landscape's harmful instructions (landscape.ts), which count as skills that cost success.
import type { ChatRequest, ToolDefinition } from "../types.ts";
import { harmfulInstructions } from "./landscape.ts";

export interface PromptSkill {
  name: string;
  pattern: RegExp;
  sentence: string;
}

export const promptSkills: readonly PromptSkill[] = [
  {
    name: "run_tests",
    pattern: /run (the )?tests/i,
    sentence: "Before finishing, run the tests or a quick check of your change, and fix any failure.",
  },
  {
    name: "retry_on_error",
    pattern: /retry|try again/i,
    sentence: "When a tool call fails, read the error and retry with a corrected call.",
  },
  { name: "plan", pattern: /\bplan\b/i, sentence: "Start by writing a short plan, and keep it updated as you work." },
  {
    name: "read_first",
    pattern: /(read|inspect) the relevant (files|code)/i,
    sentence: "Read the relevant files before editing them.",
  },
  {
    name: "minimal_edits",
    pattern: /smallest (possible )?change/i,
    sentence: "Make the smallest change that solves the task; prefer str_replace over rewriting files.",
  },
  {
    name: "edge_cases",
    pattern: /edge cases?/i,
    sentence: "Before finishing, consider edge cases such as empty input, negative numbers and unicode.",
  },
];

export const toolSkillNames = ["ranged_view", "undo"] as const;
export type SkillName = (typeof promptSkills)[number]["name"] | (typeof toolSkillNames)[number];

function editorCommandSchema(tool: ToolDefinition): { enum?: unknown[]; props: Record<string, unknown> } | undefined {
  const props = (tool.function.parameters as { properties?: Record<string, unknown> }).properties;
  const command = props?.command as { enum?: unknown[] } | undefined;
  if (!props || !command || !Array.isArray(command.enum)) return undefined;
  return { enum: command.enum, props };
}

/** The skills a prompt expresses: the helpful ones above and the harmful instructions of the landscape. */
export function promptSkillsIn(text: string): Set<string> {
  const found = [...promptSkills, ...harmfulInstructions].filter((skill) => skill.pattern.test(text));
  return new Set(found.map((skill) => skill.name));
}

export function toolSkillsIn(tools: ToolDefinition[] = []): Set<string> {
  const found = new Set<string>();
  for (const tool of tools) {
    const editor = editorCommandSchema(tool);
    if (!editor) continue;
    if ("view_range" in editor.props) found.add("ranged_view");
    if (editor.enum?.includes("undo_edit")) found.add("undo");
  }
  return found;
}

/**
 * Tool skills read from the source text of an agent's editor tool (its schema as written, never
 * executed): a `view_range` property, and `undo_edit` among the `command` enum's values.
 */
export function toolSkillsInSource(editorSource: string): Set<string> {
  const found = new Set<string>();
  if (/\bview_range\s*:\s*\{/.test(editorSource)) found.add("ranged_view");
  const commands = /\bcommand\s*:\s*\{[^}]*?\benum\s*:\s*\[([^\]]*)\]/.exec(editorSource)?.[1] ?? "";
  if (/["'`]undo_edit["'`]/.test(commands)) found.add("undo");
  return found;
}

export function systemPromptOf(request: ChatRequest): string {
  return request.messages
    .filter((message) => message.role === "system")
    .map((message) => message.content)
    .join("\n");
}

/** Every skill the request expresses: prompt skills from the system prompt, tool skills from the tool schemas. */
export function skillsOf(request: ChatRequest): Set<string> {
  return new Set([...promptSkillsIn(systemPromptOf(request)), ...toolSkillsIn(request.tools)]);
}
