// The agent store: one bare git repository, every agent a commit on branch agents/<agent-id> whose parent is its
// parent agent's commit. Trees are written through a throwaway index (GIT_INDEX_FILE), never a shared work tree,
// so concurrent writers don't collide and checkout costs the same at any depth. Never rebuilds from patches.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type SimpleGit, simpleGit } from "simple-git";
import type { AgentStore } from "./api.ts";
import { ArchiveError } from "./errors.ts";
import { newId } from "./ids.ts";

const identity = { name: "dgm", email: "dgm@localhost" };
// Settings passed with every command (-c), so the repository needs no config writes (racy across processes) and
// the user's global config (hooks, excludes, autocrlf, signing) never leaks in.
const gitSettings = [
  "gc.auto=0", // never prune or repack behind a concurrent writer's back
  "core.autocrlf=false",
  "commit.gpgSign=false",
  "advice.detachedHead=false",
];
// A commit is on disk before the row that points at it, even across power loss (SQLite's side: see database.ts).
const durableSettings = ["core.fsync=loose-object,reference", "core.fsyncMethod=fsync"];

/** An agent is source code: a few hundred files and a few megabytes at most, with room to grow. */
const MAX_TREE_FILES = 5_000;
const MAX_TREE_BYTES = 64 * 1024 * 1024;

const hexCommit = /^[0-9a-f]{4,64}$/;
const agentIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export interface SweepOptions {
  /** Only branches whose commit is older than this are swept, so a writer between commit and insert is spared. */
  graceMs?: number;
}

export interface StoreOptions {
  /** fsync objects and refs (default true). Off only for scratch stores such as test fixtures and benchmarks. */
  durable?: boolean;
}

export class GitAgentStore implements AgentStore {
  private readonly settings: string[];

  constructor(
    readonly gitDir: string,
    options: StoreOptions = {},
  ) {
    this.settings = options.durable === false ? gitSettings : [...gitSettings, ...durableSettings];
  }

  /**
   * Creates the bare repository if missing. Several processes may open a fresh home at once, and two
   * `git init`s in one directory collide (each copies the templates and locks the config), so each
   * initialises a private directory beside it and renames that into place: one rename wins, and the
   * losers find a whole repository there and drop theirs.
   */
  static async open(gitDir: string, options: StoreOptions = {}): Promise<GitAgentStore> {
    if (!existsSync(join(gitDir, "HEAD"))) {
      await mkdir(dirname(gitDir), { recursive: true });
      const fresh = await mkdtemp(`${gitDir}.init-`);
      try {
        await simpleGit({ baseDir: fresh, config: gitSettings }).raw(["init", "--bare", "--quiet", fresh]);
        await rename(fresh, gitDir).catch((error: NodeJS.ErrnoException) => {
          // Another process's repository is in place already (a rename onto a non-empty directory fails).
          if (existsSync(join(gitDir, "HEAD"))) return;
          throw new ArchiveError(`${gitDir} exists but holds no git repository (${error.code ?? error.message})`, {
            fix: `move ${gitDir} aside; it is created again on the next open`,
          });
        });
      } finally {
        await rm(fresh, { recursive: true, force: true });
      }
    }
    return new GitAgentStore(gitDir, options);
  }

  /** A git client bound to this repository, optionally with a work tree and a private index. */
  private git(extraEnv: Record<string, string> = {}, cwd = this.gitDir): SimpleGit {
    return simpleGit({
      baseDir: cwd,
      config: this.settings,
      unsafe: { allowUnsafeConfigPaths: true },
    }).env({
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: process.env.HOME ?? tmpdir(),
      GIT_DIR: this.gitDir,
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_AUTHOR_NAME: identity.name,
      GIT_AUTHOR_EMAIL: identity.email,
      GIT_COMMITTER_NAME: identity.name,
      GIT_COMMITTER_EMAIL: identity.email,
      ...extraEnv,
    });
  }

  /** Runs `fn` with a private index file that is removed afterwards. */
  private async withIndex<T>(workTree: string, fn: (git: SimpleGit) => Promise<T>): Promise<T> {
    const scratch = await mkdtemp(join(tmpdir(), "dgm-index-"));
    try {
      return await fn(this.git({ GIT_INDEX_FILE: join(scratch, "index"), GIT_WORK_TREE: workTree }, workTree));
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }

  private async writeTree(dir: string): Promise<string> {
    if (!existsSync(dir)) throw new ArchiveError(`Cannot commit ${dir}: the directory does not exist.`);
    return this.withIndex(dir, async (git) => {
      // .gitignore files inside the agent's tree are honoured (e.g. node_modules stays out of the archive).
      // --verbose: simple-git waits an extra 50 ms for commands that print nothing.
      await git.raw(["add", "--all", "--verbose", "--", "."]);
      const tree = (await git.raw(["write-tree"])).trim();
      await this.refuseUnsafeTree(tree, dir);
      return tree;
    });
  }

  /**
   * An agent's tree holds regular files only, within caps: a committed symlink (to /proc/self/environ,
   * say) would be re-created by every later checkout for host code to stumble through, and a submodule
   * or a huge tree has no place in an agent either.
   */
  private async refuseUnsafeTree(tree: string, dir: string): Promise<void> {
    const listing = await this.git().raw(["ls-tree", "-r", "-l", "-z", tree]);
    let files = 0;
    let bytes = 0;
    for (const line of listing.split("\0").filter(Boolean)) {
      // "<mode> <type> <object> <size>\t<path>"
      const [meta = "", path = ""] = line.split("\t");
      const [mode, , , size] = meta.split(/\s+/);
      if (mode !== "100644" && mode !== "100755") {
        const what = mode === "120000" ? "a symbolic link" : mode === "160000" ? "a submodule" : `mode ${mode}`;
        throw new ArchiveError(
          `Cannot commit ${dir}: ${path} is ${what}; an agent's tree may hold regular files only.`,
        );
      }
      files += 1;
      bytes += Number(size);
    }
    if (files > MAX_TREE_FILES || bytes > MAX_TREE_BYTES) {
      throw new ArchiveError(
        `Cannot commit ${dir}: ${files} files, ${bytes} bytes, over an agent tree's caps (${MAX_TREE_FILES} files, ${MAX_TREE_BYTES} bytes).`,
      );
    }
  }

  private async commitTree(tree: string, parent: string | null, message: string): Promise<string> {
    const args = ["commit-tree", tree, ...(parent ? ["-p", parent] : []), "-m", message || "agent"];
    return (await this.git().raw(args)).trim();
  }

  async importDir(dir: string, message: string): Promise<{ commit: string; tree: string }> {
    const tree = await this.writeTree(dir);
    return { commit: await this.commitTree(tree, null, message), tree };
  }

  async commitChild(
    parentCommit: string,
    dir: string,
    agentId: string,
    message: string,
  ): Promise<{ commit: string; tree: string }> {
    assertCommit(parentCommit);
    if (!(await this.hasCommit(parentCommit))) {
      throw new ArchiveError(`Cannot commit a child of ${parentCommit}: no such commit in ${this.gitDir}.`);
    }
    const tree = await this.writeTree(dir);
    const commit = await this.commitTree(tree, parentCommit, message);
    await this.setBranch(agentId, commit);
    return { commit, tree };
  }

  /** Commits an already-written tree (e.g. from commitTreeOf) as a child; used to build long chains cheaply. */
  async commitTreeAsChild(tree: string, parentCommit: string | null, message: string): Promise<string> {
    if (parentCommit) assertCommit(parentCommit);
    assertCommit(tree);
    return this.commitTree(tree, parentCommit, message);
  }

  async setBranch(agentId: string, commit: string): Promise<void> {
    assertCommit(commit);
    if (!agentIdPattern.test(agentId)) {
      throw new ArchiveError(`"${agentId}" cannot name a branch: use letters, digits, ".", "_" or "-".`);
    }
    await this.git().raw(["update-ref", `refs/heads/agents/${agentId}`, commit]);
  }

  async checkout(commit: string, dir: string): Promise<void> {
    assertCommit(commit);
    await mkdir(dir, { recursive: true });
    if ((await readdir(dir)).length > 0) {
      throw new ArchiveError(`Cannot check out agent ${commit} into ${dir}: the directory is not empty.`);
    }
    // A private index and `checkout <commit> -- .` write exactly that commit's tree: one step at any depth.
    await this.withIndex(dir, async (git) => {
      try {
        await git.raw(["checkout", commit, "--", "."]);
      } catch (error) {
        // An agent with no files: nothing to write.
        if (!/did not match any file/.test((error as Error).message)) throw error;
      }
    });
  }

  async diff(a: string, b: string): Promise<string> {
    assertCommit(a);
    assertCommit(b);
    return this.git().raw(["diff", "--no-color", "--no-ext-diff", a, b]);
  }

  /** The agent's files (paths) at a commit. */
  async listFiles(commit: string): Promise<string[]> {
    assertCommit(commit);
    const out = await this.git().raw(["ls-tree", "-r", "--name-only", "-z", commit]);
    return out.split("\0").filter(Boolean);
  }

  /** One file's content at a commit, or undefined if absent. */
  async readFile(commit: string, path: string): Promise<string | undefined> {
    assertCommit(commit);
    try {
      return await this.git().raw(["show", `${commit}:${path}`]);
    } catch {
      return undefined;
    }
  }

  async exportBundle(commit: string, file: string): Promise<void> {
    assertCommit(commit);
    const git = this.git();
    const refs = (await git.raw(["for-each-ref", "--format=%(refname)", "--points-at", commit, "refs/heads/agents/"]))
      .split("\n")
      .filter(Boolean);
    // A bundle needs a ref; a commit without a branch gets a temporary one.
    const temporary = refs[0] ? null : `refs/heads/export-${newId()}`;
    if (temporary) await git.raw(["update-ref", temporary, commit]);
    try {
      await git.raw(["bundle", "create", "--quiet", file, refs[0] ?? temporary ?? commit]);
    } finally {
      if (temporary) await git.raw(["update-ref", "-d", temporary]);
    }
  }

  async sweepOrphans(knownCommits: Set<string>, options: SweepOptions = {}): Promise<number> {
    const graceMs = options.graceMs ?? 0;
    const lines = await this.git().raw([
      "for-each-ref",
      "--format=%(refname) %(objectname) %(committerdate:unix)",
      "refs/heads/agents/",
    ]);
    const cutoff = (Date.now() - graceMs) / 1000;
    const orphans: string[] = [];
    for (const line of lines.split("\n")) {
      const [ref, commit, time] = line.split(" ");
      if (!ref || !commit || knownCommits.has(commit)) continue;
      if (Number(time) <= cutoff) orphans.push(ref);
    }
    for (let i = 0; i < orphans.length; i += 200) {
      await this.git().raw(["branch", "-D", ...orphans.slice(i, i + 200).map((ref) => ref.replace("refs/heads/", ""))]);
    }
    return orphans.length;
  }

  /** agent id → commit of every agents/<id> branch. */
  async agentBranches(): Promise<Map<string, string>> {
    const out = await this.git().raw([
      "for-each-ref",
      "--format=%(refname:lstrip=3) %(objectname)",
      "refs/heads/agents/",
    ]);
    const branches = new Map<string, string>();
    for (const line of out.split("\n")) {
      const [agentId, commit] = line.split(" ");
      if (agentId && commit) branches.set(agentId, commit);
    }
    return branches;
  }

  async hasCommit(commit: string): Promise<boolean> {
    if (!hexCommit.test(commit)) return false;
    try {
      // -t prints the type (simple-git adds 50 ms to silent commands); a missing object throws.
      return (await this.git().raw(["cat-file", "-t", commit])).trim() === "commit";
    } catch {
      return false;
    }
  }

  /** Every commit object in the repository (reachable or not), for verify(). */
  async allCommits(): Promise<Set<string>> {
    const out = await this.git().raw(["cat-file", "--batch-all-objects", "--batch-check=%(objecttype) %(objectname)"]);
    const commits = new Set<string>();
    for (const line of out.split("\n")) if (line.startsWith("commit ")) commits.add(line.slice(7));
    return commits;
  }

  /** `git fsck` problems (empty when the repository is sound). Dangling objects are not problems. */
  async fsck(): Promise<string[]> {
    try {
      await this.git().raw(["fsck", "--no-dangling", "--no-progress"]);
      return [];
    } catch (error) {
      return [`git fsck failed in ${this.gitDir}: ${(error as Error).message.trim()}`];
    }
  }

  /** Packs loose objects into deltas (storage drops to a few hundred bytes per similar agent). Safe while writing. */
  async pack(): Promise<void> {
    await this.git().raw(["repack", "-d", "-q"]);
  }
}

function assertCommit(value: string): void {
  if (!hexCommit.test(value)) {
    throw new ArchiveError(`"${value}" is not a commit hash; pass the agent's commit (hex) from its archive row.`);
  }
}
