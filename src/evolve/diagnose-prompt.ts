// The diagnoser's prompt and the shape of its answer. The diagnoser may see the hidden tests'
// output; agents never do. Its answer is a structured proposal ending in a problem statement,
// which becomes the task the parent agent solves on its own source.
import { z } from "zod";
import type { ChatRequest } from "../llm/index.ts";
import { specialEntries } from "./entries.ts";

export const diagnosisSchema = z.looseObject({
  observation: z.string().optional(),
  potential_improvements: z.array(z.string()).optional(),
  improvement_proposal: z.string().optional(),
  implementation_suggestion: z.string().optional(),
  problem_statement: z.string().min(20, "problem_statement must describe the change in at least a sentence"),
});

export type Diagnosis = z.infer<typeof diagnosisSchema>;

export interface DiagnosisInput {
  /** The parent's source files, path → text (truncated to a budget by the caller). */
  agentSource: Record<string, string>;
  entry: string;
  /** The task's instructions, when the entry is a task. */
  taskInstructions?: string;
  /** The tail of the parent's trajectory on that task. */
  trajectory?: string;
  /** The tail of the hidden tests' output on the parent's attempt. */
  testOutput?: string;
}

const specialProblems: Record<string, string> = {
  [specialEntries.emptyPatches]:
    "The agent often finishes without changing any file, so its attempts are empty. Propose a change to the agent so that it always makes and keeps a real change to the solution.",
  [specialEntries.stochasticity]:
    "The agent's results vary from run to run on the same task. Propose a change that makes it more reliable, for example checking its own work or making several attempts and keeping the best.",
  [specialEntries.contextLength]:
    "The agent runs out of steps, time or context on long tasks. Propose a change that helps it manage its context and finish in time.",
};

const systemPrompt = [
  "You are an expert in building coding agents. You are shown the source code of a coding agent,",
  "a task it attempted, its trajectory, and the output of hidden unit tests on its result.",
  "Find ONE general improvement to the agent's code or prompts that would make it solve more tasks",
  "like this one — not a fix for this particular task. Answer with a single JSON object with the keys",
  '"observation", "potential_improvements" (array of strings), "improvement_proposal",',
  '"implementation_suggestion" and "problem_statement". The problem statement is given to the agent',
  "itself as a task on its own source: make it self-contained and precise, as a GitHub issue would be.",
].join("\n");

function section(title: string, body: string | undefined): string {
  return body ? `## ${title}\n\n${body}\n` : "";
}

export function buildDiagnosisRequest(input: DiagnosisInput): ChatRequest {
  const source = Object.entries(input.agentSource)
    .map(([path, text]) => `### ${path}\n\`\`\`\n${text}\n\`\`\``)
    .join("\n\n");
  const problem = specialProblems[input.entry];
  const user = [
    section("Agent source", source),
    problem
      ? section("Problem observed across many tasks", problem)
      : [
          section(`Task ${input.entry}`, input.taskInstructions),
          section("Agent trajectory (tail)", input.trajectory),
          section("Hidden test output (tail)", input.testOutput),
        ].join("\n"),
    "Answer with the JSON object only.",
  ].join("\n");
  return {
    messages: [
      { role: "system", content: systemPrompt },
      { role: "user", content: user },
    ],
    temperature: 0.7,
  };
}

/** Extracts and validates the JSON proposal from a model reply; throws with the reason when it cannot. */
export function parseDiagnosis(reply: string | null): Diagnosis {
  if (!reply) throw new Error("diagnosis reply was empty");
  const start = reply.indexOf("{");
  const end = reply.lastIndexOf("}");
  if (start < 0 || end <= start) throw new Error(`diagnosis reply holds no JSON object: ${reply.slice(0, 200)}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(reply.slice(start, end + 1));
  } catch (error) {
    throw new Error(`diagnosis reply is not valid JSON: ${(error as Error).message}`);
  }
  const result = diagnosisSchema.safeParse(parsed);
  if (!result.success) {
    throw new Error(`diagnosis reply is malformed: ${result.error.issues.map((i) => i.message).join("; ")}`);
  }
  return result.data;
}

/** The task text the parent agent receives when it modifies itself. */
export function selfImprovementInstructions(diagnosis: Diagnosis): string {
  return [
    "The workspace is the source code of a coding agent (you). Improve it as described below.",
    "Keep it a working TypeScript program: it must still typecheck with its tsconfig.json and run from src/main.ts.",
    "`agent-check` (on the PATH) typechecks the workspace, bundles it and runs its own unit tests in test/: use it before you finish.",
    "",
    diagnosis.problem_statement,
    diagnosis.implementation_suggestion ? `\nSuggested implementation:\n${diagnosis.implementation_suggestion}` : "",
  ].join("\n");
}
