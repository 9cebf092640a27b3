// `dgm solve`: an evolved agent (or any agent) as a tool. The agent runs in the sandbox on a COPY of the user's
// repository (the files git would see: tracked and untracked-but-not-ignored, without .git); the result
// is a patch file or a new branch made with git plumbing through a throwaway index, so the user's
// working tree and index are never touched unless `apply` is asked for.
import { existsSync, statSync } from "node:fs";
import { copyFile, lstat, mkdir, mkdtemp, readlink, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { execa } from "execa";
import type { Archive } from "../../archive/index.ts";
import { type AgentLimits, type AgentSource, resolveAgentSource } from "../../evaluator/index.ts";
import { DockerSandbox, linkStaysInside, type Sandbox } from "../../sandbox/index.ts";
import { CommandError } from "./errors.ts";
import { gatedBundle } from "./gated-bundle.ts";
import { type ModelChoice, modelName, modelsOf } from "./models.ts";
import { runOnCopy } from "./on-copy.ts";

/** A patch file (default: dgm-solve-<agent>.patch in the current directory) or a new branch. */
export type SolveOutput = { kind: "patch"; file?: string } | { kind: "branch"; name: string };

export interface SolveRepoOptions extends ModelChoice {
  archive: Archive;
  /** "seed", a directory with src/main.ts, an archived agent id or unique prefix, "best", "best@<run>". */
  agentRef: string;
  /** The run whose "best" is meant (default: the latest). */
  runRef?: string;
  repoDir: string;
  instructions: string;
  output: SolveOutput;
  /** Also apply the patch to the user's working tree (`git apply`). */
  apply?: boolean;
  limits: AgentLimits;
  /** Default: the local Docker engine. */
  sandbox?: Sandbox;
  onProgress?: (message: string) => void;
}

export interface SolveRepoResult {
  runId: string;
  /** The archived agent's id, or the directory the agent came from. */
  agent: string;
  status: string;
  exitCode: number | null;
  durationMs: number;
  changedFiles: string[];
  /** The patch file written (also for branch output: kept next to nothing, in the temp dir → null). */
  patchFile: string | null;
  branch: string | null;
  applied: boolean;
  patch: string;
  warnings: string[];
}

/** An archived agent's short id, or a directory's name. */
function shortLabel(source: AgentSource): string {
  return source.kind === "archived" ? source.agent.id.slice(0, 8) : basename(source.dir);
}

const gitEnv = { GIT_CONFIG_NOSYSTEM: "1", GIT_TERMINAL_PROMPT: "0" };
const git = (repo: string, args: string[], env: Record<string, string> = {}) =>
  execa("git", args, { cwd: repo, env: { ...gitEnv, ...env }, maxBuffer: 256 * 1024 * 1024 });

async function isGitRepo(dir: string): Promise<boolean> {
  return (await git(dir, ["rev-parse", "--is-inside-work-tree"], {}).catch(() => undefined))?.stdout.trim() === "true";
}

/** Copies what git sees (tracked + untracked not ignored) — or, outside git, the whole directory. */
async function copyRepository(repo: string, target: string): Promise<void> {
  await mkdir(target, { recursive: true });
  if (!(await isGitRepo(repo))) {
    await execa("cp", ["-a", `${repo}/.`, target]);
    return;
  }
  const listed = await git(repo, ["ls-files", "-z", "--cached", "--others", "--exclude-standard"]);
  for (const path of new Set(listed.stdout.split("\0").filter(Boolean))) {
    const from = join(repo, path);
    if (!existsSync(from) || !statSync(from).isFile()) continue; // deleted but still tracked, or a submodule
    await mkdir(dirname(join(target, path)), { recursive: true });
    await copyFile(from, join(target, path));
  }
}

export async function solveOnRepository(options: SolveRepoOptions): Promise<SolveRepoResult> {
  const { archive } = options;
  const source = resolveAgentSource(archive, options.agentRef, options.runRef);
  const models = modelsOf(options);
  const sandbox = options.sandbox ?? new DockerSandbox();
  const repo = resolve(options.repoDir);
  if (!existsSync(repo) || !statSync(repo).isDirectory()) throw new CommandError(`--repo ${repo} is not a directory`);
  const inGit = await isGitRepo(repo);
  if ((options.output.kind === "branch" || options.apply) && !inGit) {
    throw new CommandError(
      `${repo} is not a git repository: --branch and --apply need one (use --patch <file> instead)`,
    );
  }
  if (options.output.kind === "branch") {
    const name = options.output.name;
    if ((await git(repo, ["check-ref-format", "--branch", name]).catch(() => undefined)) === undefined)
      throw new CommandError(`"${name}" is not a valid branch name`);
    if (
      (await git(repo, ["rev-parse", "--verify", "--quiet", `refs/heads/${name}`]).catch(() => undefined)) !== undefined
    ) {
      throw new CommandError(`branch ${name} already exists in ${repo}; choose another --branch name`);
    }
    const dirty = (await git(repo, ["status", "--porcelain", "--untracked-files=no"])).stdout.trim();
    if (dirty)
      throw new CommandError(
        `${repo} has uncommitted changes; a --branch is made on HEAD, so commit them first or use --patch <file>`,
      );
  }

  const scratch = await mkdtemp(join(tmpdir(), "dgm-solve-"));
  try {
    const bundleFile = await gatedBundle(archive, source, sandbox, scratch, options.onProgress);
    const copy = join(scratch, "repo");
    await copyRepository(repo, copy);
    options.onProgress?.(`running agent ${source.label} (${modelName(models)}) on a copy of ${repo}`);
    const { runId, run, diff } = await runOnCopy({
      archive,
      sandbox,
      models,
      scripts: options.scripts,
      bundleFile,
      workspaceDir: copy,
      scratch,
      instructions: options.instructions,
      limits: options.limits,
      runConfig: {
        command: "solve",
        agent: source.label,
        repo,
        output: options.output,
        models: { solve: models.solve },
      },
      agentId: source.kind === "archived" ? source.agent.id : null,
    });
    if (!run.workspaceOutDir)
      throw new CommandError(`the agent's workspace could not be read back: ${run.warnings.join("; ")}`);
    await refuseEscapingLinks(run.workspaceOutDir, diff.changedFiles);

    let patchFile: string | null = null;
    let branch: string | null = null;
    if (options.output.kind === "patch") {
      patchFile = resolve(options.output.file ?? `dgm-solve-${shortLabel(source)}.patch`);
      await mkdir(dirname(patchFile), { recursive: true });
      await writeFile(patchFile, diff.patch);
    } else if (diff.patch) {
      branch = options.output.name;
      await commitToBranch(
        repo,
        diff.patch,
        branch,
        `dgm solve: agent ${source.label}\n\n${options.instructions.trim()}`,
        scratch,
      );
    }
    let applied = false;
    if (options.apply && diff.patch) {
      const patchPath = patchFile ?? join(scratch, "solve.patch");
      if (!patchFile) await writeFile(patchPath, diff.patch);
      await git(repo, ["apply", "--whitespace=nowarn", patchPath]).catch((error: Error) => {
        throw new CommandError(`the patch does not apply to ${repo}'s working tree: ${error.message}`);
      });
      applied = true;
    }
    return {
      runId,
      agent: source.label,
      status: run.status,
      exitCode: run.exitCode,
      durationMs: run.durationMs,
      changedFiles: diff.changedFiles,
      patchFile,
      branch,
      applied,
      patch: diff.patch,
      warnings: run.warnings,
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * The copy out of the sandbox already drops links that leave the workspace; this second check stands
 * between the agent's patch and the user's repository: no output (patch, branch or --apply) may carry a
 * symbolic link whose target is absolute or climbs out of the repository.
 */
async function refuseEscapingLinks(workspace: string, changedFiles: string[]): Promise<void> {
  const root = resolve(workspace);
  for (const path of changedFiles) {
    const full = join(root, path);
    const stats = await lstat(full).catch(() => undefined);
    if (!stats?.isSymbolicLink()) continue;
    const target = await readlink(full);
    if (!linkStaysInside(root, full, target)) {
      throw new CommandError(
        `the agent left ${path} as a symbolic link to ${target}, outside the repository; nothing was written`,
      );
    }
  }
}

/** HEAD + patch → a commit on a new branch, through a private index file: no checkout, no working-tree writes. */
async function commitToBranch(
  repo: string,
  patch: string,
  branch: string,
  message: string,
  scratch: string,
): Promise<void> {
  const env = { GIT_INDEX_FILE: join(scratch, "branch.index") };
  const patchFile = join(scratch, "branch.patch");
  await writeFile(patchFile, patch);
  await git(repo, ["read-tree", "HEAD"], env);
  await git(repo, ["apply", "--cached", "--whitespace=nowarn", patchFile], env).catch((error: Error) => {
    throw new CommandError(`the agent's patch does not apply to HEAD of ${repo}: ${error.message}`);
  });
  const tree = (await git(repo, ["write-tree"], env)).stdout.trim();
  const identity = {
    GIT_AUTHOR_NAME: "dgm",
    GIT_AUTHOR_EMAIL: "dgm@localhost",
    GIT_COMMITTER_NAME: "dgm",
    GIT_COMMITTER_EMAIL: "dgm@localhost",
  };
  const commit = (
    await execa("git", ["commit-tree", tree, "-p", "HEAD", "-F", "-"], {
      cwd: repo,
      input: message,
      env: { ...gitEnv, ...identity },
    })
  ).stdout.trim();
  await git(repo, ["branch", branch, commit]);
}
