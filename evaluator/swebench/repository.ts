// The repository an instance's image ships at /testbed, as a session sees it: copied writable without
// its .git (whose history holds the fix and the hidden tests: they never reach the agent), then
// committed as a fresh repository with one commit, the base. The agent's change is the diff from that
// commit, computed inside its own container: git never runs on the host over a tree an agent touched.
import type { ImageDir, SandboxSession } from "../../sandbox/index.ts";
import type { RepoSpec } from "./specs.ts";

export const REPO_DIR = "/testbed";
/** The conda environment the published images prepare (absent directories on PATH are harmless). */
export const ENVIRONMENT_PATH = "/opt/miniconda3/envs/testbed/bin:/opt/miniconda3/bin";
/** The largest patch taken from an agent's repository; a larger one is graded as no change. */
export const MAX_PATCH_BYTES = 16 * 1024 * 1024;

/**
 * The environment that makes the repository's own source the one Python imports. Most images install
 * the repository editable (pointing at /testbed); a few install a copy into site-packages (old Django,
 * requests, old matplotlib), which the published harness reinstalls before the tests. Here the image's
 * root is read-only, so the source tree goes first on PYTHONPATH instead (matplotlib keeps it in lib/).
 */
export function repositoryEnv(spec: RepoSpec): Record<string, string> {
  if (/\s-e\s|\sdevelop\b/.test(` ${spec.installCommand} `)) return {};
  return { PYTHONPATH: /setup\.py build/.test(spec.installCommand) ? `${REPO_DIR}/lib` : REPO_DIR };
}

/** The writable copy of the image's repository, capped at `bytes`. */
export function repositoryDir(bytes: number): ImageDir {
  return { path: REPO_DIR, bytes, exclude: [".git"] };
}

/**
 * git over a repository an agent touched (in its container, or in grading after its patch): no hooks, no
 * fsmonitor, plain a/ b/ prefixes, unquoted paths, whatever the repository's own config says.
 */
export const SAFE_GIT =
  "git -c core.hooksPath=/dev/null -c core.fsmonitor=false -c diff.noprefix=false -c diff.mnemonicPrefix=false -c core.quotePath=false";

const COMMIT_BASE = [
  "set -e",
  "git init -q",
  "git config user.name dgm && git config user.email dgm@localhost && git config commit.gpgsign false",
  // The repository lives in memory for one session: storing objects uncompressed halves the commit's time.
  "git config core.looseCompression 0",
  "git add -A",
  `${SAFE_GIT} commit -q --no-verify --allow-empty -m base`,
  "git rev-parse HEAD",
].join("\n");

/** Makes the session's /testbed a repository whose one commit is the base; returns that commit. */
export async function commitBase(session: SandboxSession): Promise<string> {
  const result = await session.exec({ cmd: ["bash", "-c", COMMIT_BASE], cwd: REPO_DIR, timeoutMs: 300_000 });
  const commit = result.stdout.trim().split("\n").at(-1) ?? "";
  if (result.status !== "ok" || result.exitCode !== 0 || !/^[0-9a-f]{40}$/.test(commit)) {
    throw new Error(
      `committing the repository's base at ${REPO_DIR} failed (${result.status}, exit ${result.exitCode}): ${result.stderr.trim().slice(-2000)}; the image needs git`,
    );
  }
  return commit;
}

export interface RepositoryDiff {
  /** The change from the base as a git patch (binary-safe); "" when none could be taken. */
  patch: string;
  warnings: string[];
}

/** The agent's change: every file added, changed or deleted since the base commit, as a git patch. */
export async function diffFromBase(session: SandboxSession, base: string): Promise<RepositoryDiff> {
  const script = `${SAFE_GIT} add -A >/dev/null 2>&1; exec ${SAFE_GIT} diff --cached --binary --no-color --no-ext-diff --no-textconv ${base}`;
  const result = await session.exec({
    cmd: ["bash", "-c", script],
    cwd: REPO_DIR,
    timeoutMs: 300_000,
    maxOutputBytes: MAX_PATCH_BYTES,
  });
  if (result.droppedBytes > 0)
    return { patch: "", warnings: [`the agent's patch is larger than ${MAX_PATCH_BYTES} bytes: graded as no change`] };
  if (result.status !== "ok" || result.exitCode !== 0)
    return {
      patch: "",
      warnings: [
        `the repository's diff could not be taken (${result.status}, exit ${result.exitCode}: ${result.stderr.trim().slice(-500)}); graded as no change`,
      ],
    };
  return { patch: result.stdout, warnings: [] };
}
