// Diffs two directory trees through a throwaway git index: `git add -A` of the "before" tree, then of
// the "after" tree, then `git diff --cached`. Unlike `git diff --no-index` this never descends into a
// `.git` directory, honours the tree's .gitignore (node_modules, build output) and yields clean
// a/<path> b/<path> headers.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";

export interface WorkspaceDiff {
  /** Unified diff (git format, binary patches included), "" when nothing changed. */
  patch: string;
  /** Paths relative to the workspace root that were added, modified or deleted. */
  changedFiles: string[];
}

export async function diffWorkspaces(beforeDir: string, afterDir: string): Promise<WorkspaceDiff> {
  const gitDir = await mkdtemp(join(tmpdir(), "dgm-diff-"));
  // Isolated from the user's git configuration: no global excludes, no autocrlf, fixed identity.
  const env = {
    GIT_DIR: gitDir,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_AUTHOR_NAME: "dgm",
    GIT_AUTHOR_EMAIL: "dgm@localhost",
    GIT_COMMITTER_NAME: "dgm",
    GIT_COMMITTER_EMAIL: "dgm@localhost",
  };
  const git = (workTree: string, args: string[]) =>
    execa(
      "git",
      ["-c", "core.autocrlf=false", "-c", "core.excludesFile=/dev/null", "-c", "core.quotepath=off", ...args],
      {
        env: { ...env, GIT_WORK_TREE: workTree },
        cwd: workTree,
        maxBuffer: 256 * 1024 * 1024,
      },
    );
  try {
    await execa("git", ["init", "--quiet"], { env, cwd: beforeDir });
    await git(beforeDir, ["add", "-A", "."]);
    await git(beforeDir, ["commit", "--quiet", "--allow-empty", "--no-verify", "-m", "before"]);
    await git(afterDir, ["add", "-A", "."]);
    const patch = await git(afterDir, ["diff", "--cached", "--binary", "--no-color", "--no-ext-diff", "HEAD"]);
    const names = await git(afterDir, ["diff", "--cached", "--name-only", "--no-renames", "HEAD"]);
    return { patch: patch.stdout ? `${patch.stdout}\n` : "", changedFiles: names.stdout.split("\n").filter(Boolean) };
  } finally {
    await rm(gitDir, { recursive: true, force: true });
  }
}
