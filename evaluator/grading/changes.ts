// Splitting an agent's final workspace into what grading may use (changes to solution files) and
// what it must ignore (everything else, reported as warnings), plus the patch for the archive.
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { execa } from "execa";
import type { FileMap } from "../files.ts";
import type { Task } from "../task-types.ts";

/** Solution file → its new content, or null when the agent deleted it. Only changed files appear. */
export type SolutionChanges = Record<string, Buffer | null>;

export interface WorkspaceChanges {
  solution: SolutionChanges;
  /** One line per file changed outside the solution files, e.g. "changed test/x.test.js (not a solution file, ignored)". */
  warnings: string[];
}

export function splitChanges(task: Task, finalWorkspace: FileMap): WorkspaceChanges {
  const pristine = task.workspace;
  const solutionSet = new Set(task.manifest.solutionFiles);
  const solution: SolutionChanges = {};
  const warnings: string[] = [];
  const paths = new Set([...Object.keys(pristine), ...Object.keys(finalWorkspace)]);
  for (const path of [...paths].sort()) {
    const before = pristine[path];
    const after = finalWorkspace[path];
    if (before && after && before.equals(after)) continue;
    const verb = before === undefined ? "added" : after === undefined ? "deleted" : "changed";
    if (solutionSet.has(path)) solution[path] = after ?? null;
    else warnings.push(`${verb} ${path} (not a solution file, ignored)`);
  }
  return { solution, warnings };
}

/** The workspace grading uses: pristine files with only the solution changes applied. */
export function applySolution(task: Task, changes: SolutionChanges): FileMap {
  const files: FileMap = { ...task.workspace };
  for (const [path, content] of Object.entries(changes)) {
    if (!task.manifest.solutionFiles.includes(path)) continue;
    if (content === null) delete files[path];
    else files[path] = content;
  }
  return files;
}

function writeMap(root: string, files: FileMap): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/**
 * Patches already computed, by a hash of their inputs. Many agents end a task with the same files (the
 * reference, the untouched stub), and each diff otherwise costs a git process and two temporary trees.
 * Bounded: the oldest entry goes first.
 */
const patchMemo = new Map<string, string>();
const PATCH_MEMO_SIZE = 4096;

function patchKey(task: Task, changes: SolutionChanges, paths: readonly string[]): string {
  const hash = createHash("sha256").update(task.contentHash);
  for (const path of paths) {
    const content = changes[path];
    hash.update(`\0${path}\0${content === null || content === undefined ? "-" : "+"}`);
    if (content) hash.update(content);
  }
  return hash.digest("hex");
}

/** Unified diff (git's format, a/ and b/ prefixes) of the solution changes against the pristine workspace. */
export async function solutionPatch(task: Task, changes: SolutionChanges): Promise<string> {
  const paths = Object.keys(changes).sort();
  if (paths.length === 0) return "";
  const key = patchKey(task, changes, paths);
  const known = patchMemo.get(key);
  if (known !== undefined) return known;
  const patch = await diffSolution(task, changes, paths);
  if (patchMemo.size >= PATCH_MEMO_SIZE) patchMemo.delete(patchMemo.keys().next().value!);
  patchMemo.set(key, patch);
  return patch;
}

async function diffSolution(task: Task, changes: SolutionChanges, paths: readonly string[]): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), "dgm-patch-"));
  try {
    const before: FileMap = {};
    const after: FileMap = {};
    for (const path of paths) {
      const old = task.workspace[path];
      const now = changes[path];
      if (old) before[path] = old;
      if (now) after[path] = now;
    }
    writeMap(join(root, "a"), before);
    writeMap(join(root, "b"), after);
    mkdirSync(join(root, "a"), { recursive: true });
    mkdirSync(join(root, "b"), { recursive: true });
    const result = await execa(
      "git",
      ["diff", "--no-index", "--no-color", "--src-prefix=", "--dst-prefix=", "--", "a", "b"],
      { cwd: root, reject: false },
    );
    if (result.exitCode !== 0 && result.exitCode !== 1) throw new Error(`git diff failed: ${result.stderr}`);
    // With empty prefixes the directories a/ and b/ become the prefixes; only the header of an added
    // or deleted file names one directory twice, so it is rewritten to the usual "a/<path> b/<path>".
    const patch = result.stdout.replace(/^diff --git [ab]\/(.+) [ab]\/\1$/gm, "diff --git a/$1 b/$1");
    return patch.endsWith("\n") ? patch : `${patch}\n`;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
