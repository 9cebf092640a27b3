// A loader for the Aider polyglot benchmark / Exercism layout:
//   <root>/<language>/exercises/practice/<name>/{.docs/instructions*.md, .meta/config.json, …}
// JavaScript (jest, run from /opt/jest in the image) and Python (pytest) run in the default image.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { z } from "zod";
import { TaskError } from "./errors.ts";
import { readTree } from "./files.ts";
import { contentHashOf } from "./load-task.ts";
import type { Task, TaskLanguage, TaskManifest } from "./task-types.ts";

/** Where the sandbox image keeps jest (sandbox/recipe/Dockerfile copies it there). */
export const JEST_BIN = "/opt/jest/node_modules/jest/bin/jest.js";

const SUPPORTED: Record<string, TaskLanguage> = { javascript: "javascript", python: "python" };

const exerciseConfigSchema = z.object({
  files: z.object({
    solution: z.array(z.string().min(1)).min(1),
    test: z.array(z.string().min(1)).min(1),
    example: z.array(z.string().min(1)).min(1),
  }),
});

const isDir = (path: string): boolean => existsSync(path) && statSync(path).isDirectory();

function unsupported(language: string): TaskError {
  return new TaskError(
    `polyglot exercises in ${language} need an image with the ${language} toolchain; the default sandbox image ` +
      "has only Node (node --test, jest) and Python (unittest, pytest). Use the javascript or python exercises, " +
      `e.g. --suite polyglot:<dir>/javascript, or build an image with ${language} installed.`,
  );
}

/** Test files are rewritten so skipped tests run: Exercism marks all but the first `xtest`. */
function unskipJest(source: Buffer): Buffer {
  return Buffer.from(
    source
      .toString("utf8")
      .replace(/\bxtest\(/g, "test(")
      .replace(/\bxit\(/g, "it("),
  );
}

function instructionsOf(dir: string, solutionFiles: string[]): string {
  const docs = join(dir, ".docs");
  const parts = ["introduction.md", "instructions.md", "instructions.append.md"]
    .map((name) => join(docs, name))
    .filter(existsSync)
    .map((file) => readFileSync(file, "utf8").trim());
  if (parts.length === 0)
    throw new TaskError(`missing file ${join(docs, "instructions.md")}: an exercise needs instructions`);
  const files = solutionFiles.join(", ");
  return `${parts.join("\n\n")}\n\nUse the existing file(s) ${files}: implement the solution there, keep their names and exports, and use only the standard library.\n`;
}

/** Loads one exercise directory of the given language. */
export function loadExercise(dir: string, language: string): Task {
  const target = SUPPORTED[language];
  if (!target) throw unsupported(language);
  const absolute = resolve(dir);
  const name = basename(absolute);
  const configFile = join(absolute, ".meta", "config.json");
  if (!existsSync(configFile)) throw new TaskError(`missing file ${configFile}: an exercise needs .meta/config.json`);
  const parsed = exerciseConfigSchema.safeParse(JSON.parse(readFileSync(configFile, "utf8")));
  if (!parsed.success) {
    throw new TaskError(`${configFile}: files.solution, files.test and files.example must be non-empty lists of paths`);
  }
  const { solution, test, example } = parsed.data.files;
  const all = readTree(absolute);
  const workspace: Record<string, Buffer> = {};
  for (const file of solution) {
    const content = all[file];
    if (!content) throw new TaskError(`${name}: solution file ${file} named in .meta/config.json is missing`);
    workspace[file] = content;
  }
  const tests: Record<string, Buffer> = {};
  for (const file of test) {
    const content = all[file];
    if (!content) throw new TaskError(`${name}: test file ${file} named in .meta/config.json is missing`);
    tests[file] = target === "javascript" ? unskipJest(content) : content;
  }
  // Exercism keeps one example file per solution file, in the same order.
  const reference: Record<string, Buffer> = {};
  solution.forEach((file, index) => {
    const source = example[index] ?? example[0];
    const content = source === undefined ? undefined : all[source];
    if (!content) throw new TaskError(`${name}: example file ${source} named in .meta/config.json is missing`);
    reference[file] = content;
  });
  let testCommand: string[];
  if (target === "javascript") {
    // Exercism's JS is ESM through babel; the image has plain jest, so run it on native ESM instead.
    workspace["package.json"] = Buffer.from(`${JSON.stringify({ name, private: true, type: "module" }, null, 2)}\n`);
    testCommand = [
      "node",
      "--experimental-vm-modules",
      JEST_BIN,
      "--ci",
      "--rootDir",
      ".",
      "--no-cache",
      "--verbose",
      ...test,
    ];
  } else {
    testCommand = ["python3", "-m", "pytest", "-v", "-p", "no:cacheprovider", ...test];
  }
  const manifest: TaskManifest = {
    id: `${language}-${name}`,
    language: target,
    kind: "function",
    title: `${language}/${name} (Exercism)`,
    difficulty: "medium",
    instructions: ".docs/instructions.md",
    solutionFiles: solution,
    testFiles: test,
    testCommand,
    limits: { testSeconds: 120 },
  };
  const parts = { manifest, instructions: instructionsOf(absolute, solution), workspace, tests, reference };
  return { ...parts, dir: absolute, qualifiedId: `polyglot:${language}/${name}`, contentHash: contentHashOf(parts) };
}

function exercisesOf(languageDir: string, language: string): Task[] {
  const practice = join(languageDir, "exercises", "practice");
  if (!SUPPORTED[language]) throw unsupported(language);
  return readdirSync(practice)
    .sort()
    .filter((name) => isDir(join(practice, name, ".meta")))
    .map((name) => loadExercise(join(practice, name), language));
}

/**
 * `dir` may be the benchmark root (holding <language>/exercises/practice), one language's directory,
 * or one exercise (holding .meta/config.json; its language is read from the path).
 */
export function loadPolyglot(dir: string): Task[] {
  const absolute = resolve(dir);
  if (!isDir(absolute)) throw new TaskError(`polyglot suite directory ${absolute} does not exist`);
  if (existsSync(join(absolute, ".meta", "config.json"))) {
    const language = absolute.split("/").at(-4) ?? "";
    return [loadExercise(absolute, language)];
  }
  if (isDir(join(absolute, "exercises", "practice"))) return exercisesOf(absolute, basename(absolute));
  const languages = readdirSync(absolute)
    .sort()
    .filter((name) => isDir(join(absolute, name, "exercises", "practice")));
  if (languages.length === 0) {
    throw new TaskError(
      `${absolute} is not in the polyglot/Exercism layout: expected <language>/exercises/practice/<name>/`,
    );
  }
  const other = languages.filter((language) => !SUPPORTED[language]);
  if (other.length > 0) {
    throw new TaskError(
      `${absolute} holds ${other.join(", ")} exercises, which need an image with their toolchain; the default image ` +
        `runs javascript and python only. Point the suite at one language, e.g. polyglot:${join(absolute, "python")}`,
    );
  }
  return languages.flatMap((language) => exercisesOf(join(absolute, language), language));
}
