// The swebench suite without Docker: suite targets, DGM's staging, an instance as a task (nothing of
// the hidden tests in what the agent reads), the environment that makes the repository's source the
// one Python imports, the grading script's control lines, and what is put back before the tests.
import { afterEach, describe, expect, it } from "vitest";
import { loadSuite, stagesOfSuite } from "../../../evaluator/index.ts";
import { evalScript, scriptOutcome } from "../../../evaluator/swebench/eval-script.ts";
import { parseInstances } from "../../../evaluator/swebench/instances.ts";
import { repositoryEnv, SAFE_GIT } from "../../../evaluator/swebench/repository.ts";
import { repoSpec } from "../../../evaluator/swebench/specs.ts";
import { DGM_SWEBENCH_SMALL } from "../../../evaluator/swebench/subsets.ts";
import { splitSwebenchTarget } from "../../../evaluator/swebench/suite.ts";
import { swebenchTask } from "../../../evaluator/swebench/task.ts";
import { filesResetBeforeTests, gitDataFiles, patchFlags } from "../../../evaluator/swebench/test-integrity.ts";
import { jsonl, record, writeTemp } from "./instance-records.ts";

const DJANGO_SMALL = [...DGM_SWEBENCH_SMALL];

const djangoRecord = (id: string) => record(id, { repo: "django/django", version: "3.0" });

describe("the swebench suite", () => {
  afterEach(() => {
    delete process.env.DGM_SWEBENCH_NAMESPACE;
  });

  it("loads an instance file whole, by DGM tier or by ids, as tasks named swebench:<id>", () => {
    const file = writeTemp("verified.jsonl", jsonl([...DJANGO_SMALL, "django__django-99999"].map(djangoRecord)));
    expect(loadSuite(`swebench:${file}`)).toHaveLength(11);
    const small = loadSuite(`swebench:${file}:dgm-small`);
    expect(small.map((task) => task.qualifiedId)).toEqual(DJANGO_SMALL.map((id) => `swebench:${id}`));
    expect(loadSuite(`swebench:${file}:django__django-99999`)[0]?.environment?.image).toBe(
      "swebench/sweb.eval.x86_64.django_1776_django-99999:latest",
    );
    process.env.DGM_SWEBENCH_NAMESPACE = "registry.local:5000/sweb";
    expect(loadSuite(`swebench:${file}:django__django-99999`)[0]?.environment?.image).toBe(
      "registry.local:5000/sweb/sweb.eval.x86_64.django_1776_django-99999:latest",
    );
  });

  it("says which instance file is missing and how a target is written", () => {
    expect(() => splitSwebenchTarget("/nowhere/verified.jsonl:dgm-small")).toThrow(
      /no SWE-bench instance file at \/nowhere\/verified.jsonl/,
    );
    expect(() => loadSuite("swebench:")).toThrow(/swebench needs an instance file/);
    const file = writeTemp("one.jsonl", jsonl([djangoRecord("django__django-1")]));
    expect(splitSwebenchTarget(file)).toEqual({ path: file, subset: undefined });
    expect(splitSwebenchTarget(`${file}:a,b`)).toEqual({ path: file, subset: "a,b" });
  });

  it("stages DGM's tiers as DGM does: small, then small + medium, then small + medium + big", () => {
    const plan = (suite: string, withFull: boolean) =>
      stagesOfSuite(suite, withFull).map((stage) => `${stage.name}=${stage.suite}`);
    expect(plan("swebench:/d/v.jsonl:dgm-small", true)).toEqual(["small=swebench:/d/v.jsonl:dgm-small"]);
    expect(plan("swebench:/d/v.jsonl:dgm-medium", true)).toEqual([
      "small=swebench:/d/v.jsonl:dgm-small",
      "medium=swebench:/d/v.jsonl:dgm-medium",
    ]);
    expect(plan("swebench:/d/v.jsonl:dgm-big", true)).toEqual([
      "small=swebench:/d/v.jsonl:dgm-small",
      "medium=swebench:/d/v.jsonl:dgm-medium",
      "full=swebench:/d/v.jsonl:dgm-big",
    ]);
    expect(plan("swebench:/d/v.jsonl:dgm-big", false)).toHaveLength(2);
    // Any other subset is one whole.
    expect(plan("swebench:/d/v.jsonl:django__django-1", true)).toEqual(["full=swebench:/d/v.jsonl:django__django-1"]);
  });
});

describe("an instance as a task", () => {
  const [instance] = parseInstances(JSON.stringify(djangoRecord("django__django-10973")), "inline.jsonl");
  if (!instance) throw new Error("no instance");

  it("gives the agent the problem statement and how tests run, and nothing of the hidden tests", () => {
    const task = swebenchTask(instance);
    expect(task.qualifiedId).toBe("swebench:django__django-10973");
    expect(task.instructions).toContain(instance.problemStatement);
    expect(task.instructions).toContain("./tests/runtests.py --verbosity 2 --settings=test_sqlite --parallel 1");
    expect(task.instructions).not.toContain("test_x");
    expect(task.instructions).not.toContain("test_fix");
    expect({ ...task.workspace, ...task.tests, ...task.reference }).toEqual({});
    // The task's identity (its cache key) follows the instance and its image.
    expect(swebenchTask(instance, { namespace: "other" }).contentHash).not.toBe(task.contentHash);
  });
});

describe("the repository's source on the import path", () => {
  it("is left to an editable install, and put first where the image installed a copy", () => {
    expect(repositoryEnv(repoSpec("django/django", "3.0"))).toEqual({});
    expect(repositoryEnv(repoSpec("django/django", "2.2"))).toEqual({ PYTHONPATH: "/testbed" });
    expect(repositoryEnv(repoSpec("psf/requests", "2.0"))).toEqual({ PYTHONPATH: "/testbed" });
    expect(repositoryEnv(repoSpec("matplotlib/matplotlib", "1.3"))).toEqual({ PYTHONPATH: "/testbed/lib" });
  });
});

describe("the grading script", () => {
  const script = evalScript({
    spec: repoSpec("pallets/flask", "2.0"),
    base: "a".repeat(40),
    resetFiles: ["tests/test_x.py", "weird 'name'.py"],
    directives: ["tests/test_x.py"],
    testSeconds: 60,
  });

  it("puts the reset files back at the base before the test patch, quoted, and runs the tests between markers", () => {
    expect(script).toContain(`for file in 'tests/test_x.py' 'weird '\\''name'\\''.py'; do`);
    expect(script.indexOf("checkout -q")).toBeLessThan(script.indexOf(`"$test_patch" |`));
    // The test patch is read before the agent's patch is applied, and no hook runs.
    expect(script.indexOf("cat /tmp/dgm-grade/test.patch")).toBeLessThan(
      script.indexOf("apply -v /tmp/dgm-grade/agent.patch"),
    );
    expect(SAFE_GIT).toMatch(/^git -c core\.hooksPath=\/dev\/null -c core\.fsmonitor=false /);
    expect(script).toContain(`${SAFE_GIT} checkout`);
    expect(script).toContain("timeout -k 5 60 bash -c 'pytest -rA '\\''tests/test_x.py'\\'''");
  });

  it("trusts only control lines that carry this run's nonce", () => {
    const nonce = "n0nce";
    const forged = "@@dgm-swebench other start\n@@dgm-swebench other end 0\n";
    expect(scriptOutcome(forged, nonce).kind).toBe("incomplete");
    expect(scriptOutcome(`error: patch failed\n@@dgm-swebench ${nonce} apply-failed\n`, nonce)).toEqual({
      kind: "apply-failed",
      detail: "error: patch failed",
    });
    expect(
      scriptOutcome(
        `@@dgm-swebench ${nonce} applied\n@@dgm-swebench ${nonce} start\n@@dgm-swebench ${nonce} end 1\n`,
        nonce,
      ),
    ).toEqual({ kind: "ran", exitCode: 1, applied: true });
  });
});

describe("what is put back before the tests", () => {
  const [instance] = parseInstances(JSON.stringify(djangoRecord("django__django-1")), "inline.jsonl");
  if (!instance) throw new Error("no instance");
  const patch = (path: string) => `diff --git a/${path} b/${path}\n--- a/${path}\n+++ b/${path}\n@@ -1 +1 @@\n-a\n+b\n`;

  it("is every file of the test patch and every test-runner hook the agent's patch touches", () => {
    const agent = [patch("x.py"), patch("tests/conftest.py"), patch("pytest.ini"), patch("setup.cfg")].join("");
    expect(filesResetBeforeTests(instance, agent)).toEqual(["tests/test_x.py", "tests/conftest.py", "pytest.ini"]);
    expect(patchFlags(instance, agent + patch("tests/test_x.py"))).toEqual([
      "tests/conftest.py: a test-runner hook (put back before grading)",
      "pytest.ini: a test-runner hook (put back before grading)",
      "setup.cfg: may configure the test runner",
      "tests/test_x.py: a hidden test file (put back before grading)",
    ]);
    expect(patchFlags(instance, "")).toEqual([]);
    expect(gitDataFiles(patch("x.py") + patch(".git/config") + patch("sub/.git/hooks/pre-commit"))).toEqual([
      ".git/config",
      "sub/.git/hooks/pre-commit",
    ]);
    // Without a `diff --git` header, git apply refuses the path but `patch` (the fallback) would write it.
    const plain = "--- a/.git/hooks/post-checkout\n+++ b/.git/hooks/post-checkout\t2024-01-01\n@@ -0,0 +1 @@\n+echo\n";
    expect(gitDataFiles(plain)).toEqual([".git/hooks/post-checkout"]);
    expect(gitDataFiles(patch("src/git.py"))).toEqual([]);
  });
});
