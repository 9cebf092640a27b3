// Validation of task.json: shape with zod, then the cross-field rules zod cannot express alone.
import { z } from "zod";
import { SANDBOX_LANGUAGES } from "../sandbox/index.ts";
import { TaskError } from "./errors.ts";
import type { TaskManifest } from "./task-types.ts";

const relativePath = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith("/") && !p.split("/").includes(".."), {
    message: "must be a relative path inside the task (no leading '/', no '..')",
  });

const manifestSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "must be lowercase letters, digits, '.', '_' or '-'"),
  language: z.enum(SANDBOX_LANGUAGES, {
    error: (issue) => `unknown language ${JSON.stringify(issue.input)}: use one of ${SANDBOX_LANGUAGES.join(", ")}`,
  }),
  kind: z.enum(["function", "repository"]),
  title: z.string().min(1),
  difficulty: z.enum(["easy", "medium", "hard"]),
  instructions: relativePath,
  solutionFiles: z.array(relativePath).min(1, "list at least one file the agent may edit"),
  testFiles: z.array(relativePath).min(1, "list at least one hidden test file"),
  testCommand: z.array(z.string().min(1)).min(1, "give the argv that runs the tests"),
  expectedTests: z
    .number()
    .int("must be a whole number of tests")
    .positive("must be at least 1: the number of tests the reference runs (`dgm tasks check` prints it)")
    .optional(),
  limits: z
    .object({
      agentSeconds: z.number().positive().max(3600).optional(),
      testSeconds: z.number().positive().max(1800).optional(),
    })
    .optional(),
});

/** Parses and checks a manifest; `where` names the file in error messages. */
export function parseManifest(raw: unknown, where: string): TaskManifest {
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
    throw new TaskError(`invalid task manifest ${where}:\n  ${problems.join("\n  ")}`);
  }
  const manifest = parsed.data;
  const solutions = new Set(manifest.solutionFiles);
  const both = manifest.testFiles.filter((file) => solutions.has(file));
  if (both.length > 0) {
    throw new TaskError(
      `invalid task manifest ${where}: ${both.join(", ")} is listed both as a solution file and as a test file; ` +
        "an agent must never be able to edit what grades it — list it in only one of them",
    );
  }
  for (const [name, list] of [
    ["solutionFiles", manifest.solutionFiles],
    ["testFiles", manifest.testFiles],
  ] as const) {
    const duplicates = list.filter((file, index) => list.indexOf(file) !== index);
    if (duplicates.length > 0)
      throw new TaskError(`invalid task manifest ${where}: ${name} lists ${duplicates[0]} twice`);
  }
  return manifest;
}

export const DEFAULT_AGENT_SECONDS = 300;
export const DEFAULT_TEST_SECONDS = 60;

export function testSeconds(manifest: TaskManifest): number {
  return manifest.limits?.testSeconds ?? DEFAULT_TEST_SECONDS;
}

export function agentSeconds(manifest: TaskManifest): number {
  return manifest.limits?.agentSeconds ?? DEFAULT_AGENT_SECONDS;
}
