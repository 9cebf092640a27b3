// Loading one built-in-format task directory (see task-types.ts) into a validated, hashed Task.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { TaskError } from "./errors.ts";
import { type FileMap, hashFiles, readTree } from "./files.ts";
import { parseManifest } from "./manifest.ts";
import type { Task, TaskManifest } from "./task-types.ts";

/** The task's content hash: manifest, instructions and every file. Part of the evaluation cache key. */
export function contentHashOf(parts: Omit<Task, "contentHash" | "dir" | "qualifiedId">): string {
  const hash = createHash("sha256");
  hash.update(`manifest\0${JSON.stringify(parts.manifest)}\0instructions\0${parts.instructions}\0`);
  hashFiles(hash, "workspace", parts.workspace);
  hashFiles(hash, "tests", parts.tests);
  hashFiles(hash, "reference", parts.reference);
  return hash.digest("hex");
}

/**
 * Checks the files against the manifest. Every rule protects grading: the hidden tests must exist and
 * never be visible to the agent, and the reference must cover exactly the files the agent may edit.
 */
export function checkTaskFiles(
  manifest: TaskManifest,
  files: { workspace: FileMap; tests: FileMap; reference: FileMap },
  where: string,
): void {
  const problems: string[] = [];
  for (const file of manifest.testFiles) {
    if (!(file in files.tests)) problems.push(`hidden test file ${file} is missing: put it at tests/${file}`);
    if (file in files.workspace)
      problems.push(`test file ${file} is present in workspace/: the agent would see it — remove it from workspace/`);
  }
  for (const file of Object.keys(files.tests)) {
    if (!manifest.testFiles.includes(file))
      problems.push(`tests/${file} is not listed in testFiles: list it or delete it`);
  }
  for (const file of manifest.solutionFiles) {
    if (!(file in files.reference))
      problems.push(`the reference is missing solution file ${file}: put it at reference/${file}`);
  }
  for (const file of Object.keys(files.reference)) {
    if (!manifest.solutionFiles.includes(file)) {
      problems.push(`reference/${file} is not a solution file: add it to solutionFiles or delete it`);
    }
  }
  if (problems.length > 0) throw new TaskError(`task ${where} is broken:\n  ${problems.join("\n  ")}`);
}

function readJson(file: string): unknown {
  if (!existsSync(file)) throw new TaskError(`missing file ${file}: every task directory needs a task.json manifest`);
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new TaskError(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Loads a task directory; `suite` prefixes the qualified id (e.g. "builtin"). */
export function loadTaskDir(dir: string, suite: string): Task {
  const absolute = resolve(dir);
  const manifestFile = join(absolute, "task.json");
  const manifest = parseManifest(readJson(manifestFile), manifestFile);
  const instructionsFile = join(absolute, manifest.instructions);
  if (!existsSync(instructionsFile)) {
    throw new TaskError(`task ${manifest.id}: missing file ${instructionsFile} named by "instructions" in task.json`);
  }
  const files = {
    workspace: readTree(join(absolute, "workspace")),
    tests: readTree(join(absolute, "tests")),
    reference: readTree(join(absolute, "reference")),
  };
  checkTaskFiles(manifest, files, manifest.id);
  const parts = { manifest, instructions: readFileSync(instructionsFile, "utf8"), ...files };
  return { ...parts, dir: absolute, qualifiedId: `${suite}:${manifest.id}`, contentHash: contentHashOf(parts) };
}
