// An offline SWE-bench instance: a small Python project with a bug in a real git repository, an
// environment image built FROM our sandbox image with that repository at /testbed (and without node,
// as the published images have none), and instances in the published format whose patch, test_patch,
// FAIL_TO_PASS and PASS_TO_PASS are real git diffs and real pytest ids. The image is tagged by its
// content, so it is built once per machine and recipe.
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { simpleGit } from "simple-git";
import { dockerBuild } from "../../sandbox/image/docker-build.ts";
import { imageExists, sandboxImageTag } from "../../sandbox/index.ts";

/**
 * The repository the instance claims to be: one the published specs run with `pytest -rA` and the
 * pytest parser (flask 2.0), so grading takes the same path as for a real pytest-based instance.
 */
export const FIXTURE_REPO = "pallets/flask";

const BASE_FILES: Record<string, string> = {
  "calc/__init__.py": "",
  "calc/ops.py": [
    "def add(a, b):",
    "    return a + b",
    "",
    "",
    "def clamp(value, low, high):",
    '    """Limits value to the range [low, high]."""',
    "    if value < low:",
    "        return low",
    "    if value > high:",
    "        return value",
    "    return value",
    "",
  ].join("\n"),
  "tests/__init__.py": "",
  "tests/test_ops.py": [
    "from calc.ops import add, clamp",
    "",
    "",
    "def test_add():",
    "    assert add(2, 3) == 5",
    "",
    "",
    "def test_clamp_low():",
    "    assert clamp(-4, 0, 10) == 0",
    "",
  ].join("\n"),
  "README.md": "calc: small arithmetic helpers.\n",
};

/** The fix: clamp returns `high` above the range. */
const FIXED_OPS = BASE_FILES["calc/ops.py"]?.replace(
  "    if value > high:\n        return value",
  "    if value > high:\n        return high",
) as string;

/** The hidden test: a new test of clamp above the range. */
const TESTS_WITH_HIDDEN = `${BASE_FILES["tests/test_ops.py"]}\n\ndef test_clamp_high():\n    assert clamp(14, 0, 10) == 10\n`;

export interface SwebenchFixture {
  image: string;
  /** The instance in the published (snake_case) format. */
  record: Record<string, unknown>;
  /** Writes an instance file (.jsonl) holding the record, optionally with another gold patch. */
  instancesFile(dir: string, name?: string): string;
  goldPatch: string;
  /** Fixes clamp but breaks add (a PASS_TO_PASS test). */
  breakingPatch: string;
  /** A patch whose context matches nothing in the repository. */
  strayPatch: string;
  /** Makes the hidden test file pass without fixing anything, and a conftest.py that reports every test as passed. */
  testEditingPatch: string;
  /** The line the seed agent's scripted edit replaces, and its replacement. */
  buggyLine: string;
  fixedLine: string;
}

async function diffOf(dir: string, files: Record<string, string>): Promise<string> {
  const git = simpleGit(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  await git.add(["-A"]);
  const patch = await git.diff(["--cached", "--no-color"]);
  await git.reset(["--hard", "HEAD"]);
  await git.clean("f", ["-d"]);
  return patch;
}

const CONFTEST = [
  "import pytest",
  "",
  "",
  "@pytest.hookimpl(hookwrapper=True)",
  "def pytest_runtest_makereport(item, call):",
  "    outcome = yield",
  '    outcome.get_result().outcome = "passed"',
  "",
].join("\n");

export async function swebenchFixture(): Promise<SwebenchFixture> {
  const work = mkdtempSync(join(tmpdir(), "dgm-swebench-fixture-"));
  try {
    const repo = join(work, "context", "testbed");
    mkdirSync(repo, { recursive: true });
    for (const [path, text] of Object.entries(BASE_FILES)) {
      mkdirSync(dirname(join(repo, path)), { recursive: true });
      writeFileSync(join(repo, path), text);
    }
    const git = simpleGit(repo);
    await git.init();
    await git.addConfig("user.name", "fixture").addConfig("user.email", "fixture@localhost");
    await git.add(["-A"]);
    // A fixed date keeps the base commit (and so the image's content hash) the same on every build.
    await git.env({
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: work,
      GIT_AUTHOR_DATE: "2024-01-01T00:00:00Z",
      GIT_COMMITTER_DATE: "2024-01-01T00:00:00Z",
    });
    await git.commit("base");
    const baseCommit = (await git.revparse(["HEAD"])).trim();
    const goldPatch = await diffOf(repo, { "calc/ops.py": FIXED_OPS });
    const testPatch = await diffOf(repo, { "tests/test_ops.py": TESTS_WITH_HIDDEN });
    const breakingPatch = await diffOf(repo, {
      "calc/ops.py": FIXED_OPS.replace("return a + b", "return a - b"),
    });
    const testEditingPatch = await diffOf(repo, {
      "tests/test_ops.py": `${BASE_FILES["tests/test_ops.py"]}\n\ndef test_clamp_high():\n    assert True\n`,
      "tests/conftest.py": CONFTEST,
    });
    const strayPatch = goldPatch.replace(
      "-        return value\n+        return high",
      "-        return valu\n+        return high",
    );
    const dockerfile = [
      `FROM ${sandboxImageTag()}`,
      "USER root",
      "COPY testbed /testbed",
      // The published images have no node: the agent's runtime must travel with it.
      "RUN rm -f /usr/local/bin/node && python3 -m pytest --version",
      "WORKDIR /testbed",
    ].join("\n");
    writeFileSync(join(work, "context", "Dockerfile"), `${dockerfile}\n`);
    const content = createHash("sha256")
      .update(dockerfile)
      .update(JSON.stringify(BASE_FILES))
      .update(baseCommit)
      .digest("hex")
      .slice(0, 12);
    const image = `dgm-swebench-fixture:${content}`;
    if (!(await imageExists(image)))
      await dockerBuild({ contextDir: join(work, "context"), dockerfile: "Dockerfile", tag: image, log: () => {} });
    const record = {
      instance_id: "pallets__flask-90001",
      repo: FIXTURE_REPO,
      base_commit: baseCommit,
      problem_statement: "clamp(value, low, high) returns value when value is above high; it should return high.",
      patch: goldPatch,
      test_patch: testPatch,
      FAIL_TO_PASS: JSON.stringify(["tests/test_ops.py::test_clamp_high"]),
      PASS_TO_PASS: JSON.stringify(["tests/test_ops.py::test_add", "tests/test_ops.py::test_clamp_low"]),
      version: "2.0",
      environment_setup_commit: baseCommit,
    };
    return {
      image,
      record,
      instancesFile(dir: string, name = "instances.jsonl") {
        const file = join(dir, name);
        writeFileSync(file, `${JSON.stringify(record)}\n`);
        return file;
      },
      goldPatch,
      breakingPatch,
      strayPatch,
      testEditingPatch,
      buggyLine: "    if value > high:\n        return value",
      fixedLine: "    if value > high:\n        return high",
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * An image like the fixture's with a repository of about `mb` MB (20 KB files) and a .git of a third of
 * that beside it, for measuring what a repository's size costs a session (bench:swebench). Built once.
 */
export async function swebenchRepositoryImage(fixture: SwebenchFixture, mb: number): Promise<string> {
  const tag = `dgm-swebench-bench:${mb}mb-${fixture.image.split(":")[1]}`;
  if (await imageExists(tag)) return tag;
  const context = mkdtempSync(join(tmpdir(), "dgm-swebench-big-"));
  try {
    const files = Math.round((mb * 1_000_000) / 20_000);
    const generate = [
      "import os, random",
      "random.seed(1)",
      `for i in range(${files}):`,
      "    d = f'/testbed/pkg/m{i // 200}'",
      "    os.makedirs(d, exist_ok=True)",
      "    open(f'{d}/f{i}.py', 'w').write(''.join(random.choice('abcdef \\n') for _ in range(20000)))",
      `open('/testbed/.git/objects/pack.bin', 'wb').write(os.urandom(${Math.round((mb * 1_000_000) / 3)}))`,
    ].join("\n");
    writeFileSync(join(context, "generate.py"), generate);
    writeFileSync(
      join(context, "Dockerfile"),
      `FROM ${fixture.image}\nCOPY generate.py /tmp/\nRUN python3 /tmp/generate.py\n`,
    );
    await dockerBuild({ contextDir: context, dockerfile: "Dockerfile", tag, log: () => {} });
    return tag;
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}
