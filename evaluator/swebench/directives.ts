// Which tests the grader runs: the files the instance's test patch touches, as SWE-bench's harness
// picks them (get_test_directives): every `diff --git a/… b/…` header's b/ path, minus files that are
// data rather than tests, and for Django the test modules' dotted names, since Django's runner takes
// labels (`./tests/runtests.py queries.test_q`), not paths.

/**
 * Endings of files that are not tests. "csv" has no dot in the harness's list, so any name ending in
 * "csv" is dropped; kept as published so the same files are run.
 */
const NON_TEST_ENDINGS = [".json", ".png", "csv", ".txt", ".md", ".jpg", ".jpeg", ".pkl", ".yml", ".yaml", ".toml"];

const HEADER = "diff --git a/";

/**
 * The b/ path of every `diff --git a/… b/…` header, in order. Like the harness's pattern
 * `diff --git a/.* b/(.*)`, a header may start anywhere in a line, and the path is what follows the
 * line's last " b/" (so a path containing " b/" is cut there, as it is there).
 */
export function testPatchFiles(testPatch: string): string[] {
  const files: string[] = [];
  for (const line of testPatch.split("\n")) {
    const header = line.indexOf(HEADER);
    if (header < 0) continue;
    const bPath = line.lastIndexOf(" b/");
    if (bPath >= header + HEADER.length) files.push(line.slice(bPath + 3));
  }
  return files;
}

/** `tests/queries/test_q.py` → `queries.test_q`: the label Django's test runner takes. */
export function djangoTestLabel(path: string): string {
  const module = path.endsWith(".py") ? path.slice(0, -".py".length) : path;
  const relative = module.startsWith("tests/") ? module.slice("tests/".length) : module;
  return relative.replaceAll("/", ".");
}

/** The arguments appended to the repository's test command (evaluator/swebench/specs.ts). */
export function testDirectives(repo: string, testPatch: string): string[] {
  const files = testPatchFiles(testPatch).filter((file) => !NON_TEST_ENDINGS.some((ending) => file.endsWith(ending)));
  return repo === "django/django" ? files.map(djangoTestLabel) : files;
}
