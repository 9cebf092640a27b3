// One Exercism exercise (the layout of Aider's polyglot benchmark) as a Task:
//   <root>/<language>/exercises/practice/<name>/{.docs/instructions*.md, .meta/config.json, …}
// The agent gets the exercise's files except its tests, the .meta/.docs/.approaches/.articles folders
// and tooling that cannot work offline; the tests are hidden, with the tests Exercism skips un-skipped.
import { existsSync, readFileSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import { z } from "zod";
import type { SandboxLanguage } from "../../sandbox/index.ts";
import { TaskError } from "../errors.ts";
import { type FileMap, readTree } from "../files.ts";
import { contentHashOf } from "../load-task.ts";
import type { Task, TaskManifest } from "../task-types.ts";
import { LANGUAGE_SPECS, type LanguageSpec } from "./languages.ts";

const exerciseConfigSchema = z.object({
  files: z.object({
    solution: z.array(z.string().min(1)).min(1),
    test: z.array(z.string().min(1)).min(1),
    example: z.array(z.string().min(1)).min(1),
  }),
});

/** Folders of an exercise that are Exercism's own (docs, reference, mentoring notes), never the agent's. */
const EXERCISM_FOLDERS = [".meta/", ".docs/", ".approaches/", ".articles/"];

/** `<language>__<exercise>`: DGM's id for a polyglot exercise. */
export function exerciseId(language: string, name: string): string {
  return `${language}__${name}`;
}

export function specOf(language: string): LanguageSpec {
  const spec = LANGUAGE_SPECS[language as SandboxLanguage];
  if (!spec) {
    throw new TaskError(
      `polyglot language ${language} is not supported: the languages are ${Object.keys(LANGUAGE_SPECS).join(", ")}`,
    );
  }
  return spec;
}

function instructionsOf(dir: string, spec: LanguageSpec, manifest: TaskManifest): string {
  const docs = join(dir, ".docs");
  const parts = ["introduction.md", "instructions.md", "instructions.append.md"]
    .map((name) => join(docs, name))
    .filter(existsSync)
    .map((file) => readFileSync(file, "utf8").trim());
  if (parts.length === 0)
    throw new TaskError(`missing file ${join(docs, "instructions.md")}: an exercise needs instructions`);
  return [
    parts.join("\n\n"),
    "",
    `Implement the solution in ${manifest.solutionFiles.join(", ")}: keep the names and signatures the tests use, and use only the standard library${spec.language === "rust" ? " and the crates Cargo.toml names" : ""}.`,
    `Hidden tests (${manifest.testFiles.join(", ")}) will be run with \`${manifest.testCommand.join(" ")}\` (${spec.toolchain}).`,
    "",
  ].join("\n");
}

/** Where the reference's file goes in the workspace: Java's reference tree mirrors src/main/java. */
function referenceTarget(example: string, solution: string[], index: number, exampleCount: number): string {
  const java = /^\.meta\/src\/reference\/java\/(.+)$/.exec(example);
  if (java) return `src/main/java/${java[1]}`;
  const sameExtension = solution.filter((file) => extname(file) === extname(example));
  if (sameExtension.length === 1) return sameExtension[0] as string;
  const sameName = solution.find((file) => basename(file) === basename(example));
  if (sameName) return sameName;
  if (exampleCount === solution.length) return solution[index] as string;
  throw new TaskError(`cannot tell which solution file the example ${example} is the reference for`);
}

/** The reference workspace files: each example file put where the solution goes. */
function referenceOf(all: FileMap, example: string[], solution: string[], name: string): FileMap {
  const reference: FileMap = {};
  example.forEach((source, index) => {
    const content = all[source];
    if (!content) throw new TaskError(`${name}: example file ${source} named in .meta/config.json is missing`);
    reference[referenceTarget(source, solution, index, example.length)] = content;
  });
  // A solution file the reference does not replace (a C++ .cpp next to a header-only example) stays as given.
  for (const file of solution) {
    const given = all[file];
    if (!(file in reference) && given) reference[file] = given;
  }
  return reference;
}

export interface LoadedExercise {
  task: Task;
  /** Why the exercise cannot be graded offline, when it cannot (it is then set aside, not run). */
  offlineProblem: string | undefined;
}

/** Loads one exercise directory of the given language. */
export function loadExercise(dir: string, language: string): LoadedExercise {
  const spec = specOf(language);
  const absolute = resolve(dir);
  const name = basename(absolute);
  const configFile = join(absolute, ".meta", "config.json");
  if (!existsSync(configFile)) throw new TaskError(`missing file ${configFile}: an exercise needs .meta/config.json`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(configFile, "utf8"));
  } catch (error) {
    throw new TaskError(`${configFile} is not valid JSON: ${error instanceof Error ? error.message : error}`);
  }
  const parsed = exerciseConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new TaskError(`${configFile}: files.solution, files.test and files.example must be non-empty lists of paths`);
  }
  const { solution, test, example } = parsed.data.files;
  const all = readTree(absolute);
  const tests: FileMap = {};
  for (const file of test) {
    const content = all[file];
    if (!content) throw new TaskError(`${name}: test file ${file} named in .meta/config.json is missing`);
    tests[file] = spec.unskip ? Buffer.from(spec.unskip(content.toString("utf8"))) : content;
  }
  const workspace: FileMap = {};
  for (const [path, content] of Object.entries(all)) {
    if (path in tests || EXERCISM_FOLDERS.some((folder) => path.startsWith(folder)) || spec.omit?.(path)) continue;
    workspace[path] = content;
  }
  for (const file of solution) {
    if (!workspace[file]) throw new TaskError(`${name}: solution file ${file} named in .meta/config.json is missing`);
  }
  const reference = { ...referenceOf(all, example, solution, name), ...spec.referenceExtras?.(all) };
  // Files only the reference has (a Java helper class) may be added by the agent too.
  const solutionFiles = [...new Set([...solution, ...Object.keys(reference)])];
  const manifest: TaskManifest = {
    id: exerciseId(language, name),
    language: spec.language,
    kind: "function",
    title: `${language}/${name} (Exercism)`,
    difficulty: "medium",
    instructions: ".docs/instructions.md",
    solutionFiles,
    testFiles: test,
    testCommand: spec.testCommand(test, name),
    limits: { testSeconds: spec.testSeconds },
  };
  const parts = {
    manifest,
    instructions: instructionsOf(absolute, spec, manifest),
    workspace,
    tests,
    reference,
  };
  const task: Task = {
    ...parts,
    dir: absolute,
    qualifiedId: `polyglot:${manifest.id}`,
    contentHash: contentHashOf(parts),
  };
  return { task, offlineProblem: spec.offlineProblem?.(workspace, reference) };
}
