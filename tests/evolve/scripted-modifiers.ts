// Deterministic self-modifications for loop tests, played by the scripted provider behind the real
// gateway (the sim still diagnoses, and the sim's model of success still decides tasks). Unlike the
// sim's own self-modification, whose choices are keyed by random attempt ids, these make the same child
// from the same parent in every run, so that whole runs are reproducible and outcomes can be forced.
import type { InProcessSeams } from "../../src/evolve/in-process/index.ts";
import { type CallContext, type ChatRequest, promptSkills, type ScriptStep, simModel } from "../../src/llm/index.ts";

export type ModifierKind =
  /** Views the prompts file and adds the first skill sentence it lacks. */
  | "add-skill"
  /** The same, with `.toUpperCase(1)` after the sentence: a type error the gate must catch. */
  | "break-build"
  /** Removes undo_edit and view_range from the editor's schema: two tool skills fewer, a worse agent. */
  | "drop-tool-skills";

const anchor = "export const SYSTEM_PROMPT = [";

function editorCall(args: Record<string, unknown>): ScriptStep {
  return { toolCalls: [{ name: "editor", arguments: args }] };
}

function lastToolOutput(request: ChatRequest): string {
  const tool = request.messages.filter((message) => message.role === "tool").at(-1);
  return tool?.role === "tool" ? tool.content : "";
}

function modifierMove(kind: ModifierKind, position: number, request: ChatRequest): ScriptStep {
  if (kind === "drop-tool-skills") {
    const edits = [
      { old_str: '"insert", "undo_edit"]', new_str: '"insert"]' },
      { old_str: "view_range: {", new_str: "line_range: {" },
    ];
    const edit = edits[position];
    if (!edit) return "I removed two features of the editor.";
    return editorCall({ command: "str_replace", path: "src/tools/editor.ts", ...edit });
  }
  if (position === 0) return editorCall({ command: "view", path: "src/prompts.ts" });
  if (position > 1) return "I added the instruction.";
  const viewed = lastToolOutput(request);
  const skill = promptSkills.find((candidate) => !candidate.pattern.test(viewed));
  if (!skill) return "The prompt already has every skill I know.";
  const quoted = JSON.stringify(skill.sentence);
  const line = kind === "break-build" ? `  ${quoted}.toUpperCase(1),` : `  ${quoted},`;
  return editorCall({ command: "str_replace", path: "src/prompts.ts", old_str: anchor, new_str: `${anchor}\n${line}` });
}

/**
 * Seams for the in-process services: the scripted provider for the solve role, the sim diagnosing.
 * `onSolve` sees each task's solve call as it is answered (e.g. to press Ctrl-C mid-evaluation).
 */
export function scriptedModifier(kind: ModifierKind, onSolve?: (context: CallContext) => void): InProcessSeams {
  const steps: ScriptStep[] = Array.from({ length: 12 }, (_, position) => (request, context) => {
    if (context.caller.purpose === "self-modify") return modifierMove(kind, position, request);
    onSolve?.(context);
    return "Done.";
  });
  return {
    models: { solve: { provider: "scripted", model: "scripted" }, diagnose: { provider: "sim", model: simModel } },
    scripts: { default: steps },
  };
}
