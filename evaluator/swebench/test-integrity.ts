// Keeping the hidden tests honest against an agent's patch. Before the tests run, grading puts back as
// they were at the base every file the test patch touches (an agent's edit of a test counts for
// nothing, as in the published harness) and, beyond the published harness, every test-runner hook the
// agent's patch touches: conftest.py files and pytest.ini / tox.ini, which pytest loads into every run
// and which could rewrite how tests report. What was put back, and other runner configuration the patch
// changes, is flagged beside the result. A patch into .git (hooks, config) is refused outright.
import { posix } from "node:path";
import { testPatchFiles } from "./directives.ts";
import type { SwebenchInstance } from "./instances.ts";

/** Files a test runner loads around every test: reset before grading. */
const RUNNER_HOOK_FILES = new Set(["conftest.py", "pytest.ini", "tox.ini"]);
/** Configuration that may carry runner options too, but also packaging a fix may need: flagged only. */
const RUNNER_CONFIG_FILES = new Set(["setup.cfg", "pyproject.toml"]);

const hookFilesOf = (patch: string): string[] =>
  testPatchFiles(patch).filter((file) => RUNNER_HOOK_FILES.has(posix.basename(file)));

/** Whether a path has a .git component: git's own data, never part of the repository's change. */
const inGitData = (path: string): boolean => path.split("/").includes(".git");

/**
 * Every path the patch names: the b/ paths of its `diff --git` headers (what git apply goes by) and the
 * paths of its `---`/`+++` lines (what `patch`, the grader's fallback, goes by — it would write into
 * .git where git apply refuses), the latter as `patch -p1` reads them.
 */
function namedPaths(patch: string): string[] {
  const paths = testPatchFiles(patch);
  for (const line of patch.split("\n")) {
    if (!line.startsWith("--- ") && !line.startsWith("+++ ")) continue;
    const path = line.slice(4).split("\t")[0]?.trim().replace(/^"|"$/g, "") ?? "";
    // `patch -p1` drops the first component, whatever it is: what is left is where it writes.
    if (path !== "/dev/null" && path.includes("/")) paths.push(path.slice(path.indexOf("/") + 1));
  }
  return paths;
}

/** Files of the patch inside a .git directory (hooks, config): refused before anything is applied. */
export function gitDataFiles(patch: string): string[] {
  return [...new Set(namedPaths(patch).filter(inGitData))];
}

/** The files put back to the base before the test patch is applied. */
export function filesResetBeforeTests(instance: SwebenchInstance, agentPatch: string): string[] {
  return [...new Set([...testPatchFiles(instance.testPatch), ...hookFilesOf(agentPatch)])];
}

/** What grading notices about an agent's patch, one line per file (warnings; they fail nothing by themselves). */
export function patchFlags(instance: SwebenchInstance, patch: string): string[] {
  if (patch === "") return [];
  const hidden = new Set(testPatchFiles(instance.testPatch));
  const flags: string[] = [];
  for (const file of testPatchFiles(patch)) {
    const name = posix.basename(file);
    if (hidden.has(file)) flags.push(`${file}: a hidden test file (put back before grading)`);
    else if (RUNNER_HOOK_FILES.has(name)) flags.push(`${file}: a test-runner hook (put back before grading)`);
    else if (RUNNER_CONFIG_FILES.has(name)) flags.push(`${file}: may configure the test runner`);
  }
  return flags;
}
