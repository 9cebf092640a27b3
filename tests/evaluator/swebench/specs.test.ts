// The test commands, eval commands and parsers SWE-bench's harness uses per repository and version.
import { describe, expect, it } from "vitest";
import { logParser } from "../../../evaluator/swebench/log-parsers/index.ts";
import { knownRepos, knownVersions, repoSpec, SwebenchSpecError } from "../../../evaluator/swebench/specs.ts";

describe("repoSpec", () => {
  it("gives Django 3.0 the parallel-free sqlite run and the locale setup before it", () => {
    expect(repoSpec("django/django", "3.0")).toEqual({
      testCommand: "./tests/runtests.py --verbosity 2 --settings=test_sqlite --parallel 1",
      parser: "django",
      evalCommands: [
        "sed -i '/en_US.UTF-8/s/^# //g' /etc/locale.gen && locale-gen",
        "export LANG=en_US.UTF-8",
        "export LANGUAGE=en_US:en",
        "export LC_ALL=en_US.UTF-8",
      ],
      installCommand: "python -m pip install -e .",
    });
  });

  it("runs Django 1.9 without --settings and --parallel, which its runner lacks, and reinstalls with setup.py", () => {
    const spec = repoSpec("django/django", "1.9");
    expect(spec.testCommand).toBe("./tests/runtests.py --verbosity 2");
    expect(spec.installCommand).toBe("python setup.py install");
    expect(spec.evalCommands).toContain("export PYTHONIOENCODING=utf8");
    expect(repoSpec("django/django", "1.11").testCommand).toContain("--parallel 1");
  });

  it("has no eval commands for Django 4.x", () => {
    expect(repoSpec("django/django", "4.2").evalCommands).toEqual([]);
  });

  it("runs sympy's own runner with its warnings silenced", () => {
    expect(repoSpec("sympy/sympy", "1.12")).toMatchObject({
      testCommand: "PYTHONWARNINGS='ignore::UserWarning,ignore::SyntaxWarning' bin/test -C --verbose",
      parser: "sympy",
    });
  });

  it("runs sphinx through tox in its current environment", () => {
    expect(repoSpec("sphinx-doc/sphinx", "7.2")).toMatchObject({
      testCommand: "tox --current-env -epy39 -v --",
      parser: "pytest-v2",
    });
  });

  it("gives old astropy the classic verbose console style and new astropy plain pytest -rA", () => {
    expect(repoSpec("astropy/astropy", "1.3").testCommand).toBe(
      "pytest -rA -vv -o console_output_style=classic --tb=no",
    );
    expect(repoSpec("astropy/astropy", "v5.3").testCommand).toBe("pytest -rA");
  });

  it("uses the harness's later TEST_PYTEST (plain `pytest -rA`), not the first definition it overrides", () => {
    for (const [repo, version] of [
      ["scikit-learn/scikit-learn", "1.3"],
      ["pallets/flask", "2.3"],
      ["pydata/xarray", "2022.06"],
      ["pytest-dev/pytest", "5.4"],
    ] as const) {
      expect(repoSpec(repo, version).testCommand).toBe("pytest -rA");
    }
  });

  it("picks each repository's published parser", () => {
    expect(repoSpec("mwaskom/seaborn", "0.12")).toMatchObject({
      testCommand: "pytest --no-header -rA",
      parser: "seaborn",
    });
    expect(repoSpec("psf/requests", "2.26").parser).toBe("pytest-options");
    expect(repoSpec("pylint-dev/pylint", "2.15").parser).toBe("pytest-options");
    expect(repoSpec("scikit-learn/scikit-learn", "0.22").parser).toBe("pytest-v2");
    expect(repoSpec("matplotlib/matplotlib", "3.6").parser).toBe("matplotlib");
    expect(repoSpec("pytest-dev/pytest", "7.0").parser).toBe("pytest");
  });

  it("hands out copies: changing one spec's eval commands does not change the table", () => {
    repoSpec("django/django", "3.1").evalCommands.push("rm -rf /");
    expect(repoSpec("django/django", "3.1").evalCommands).not.toContain("rm -rf /");
  });
});

describe("the table", () => {
  it("covers the 18 gradable repositories of the classic Python specs, without dbt-core or humaneval", () => {
    expect(knownRepos()).toHaveLength(18);
    expect(knownRepos()).toContain("pydicom/pydicom");
    expect(knownRepos()).not.toContain("dbt-labs/dbt-core");
    expect(knownRepos()).not.toContain("swe-bench/humaneval");
  });

  it("gives every known version a test command and a parser that exists", () => {
    let versions = 0;
    for (const repo of knownRepos()) {
      for (const version of knownVersions(repo)) {
        const spec = repoSpec(repo, version);
        expect(spec.testCommand.length).toBeGreaterThan(0);
        expect(typeof logParser(spec.parser)).toBe("function");
        versions++;
      }
    }
    expect(versions).toBe(282);
  });
});

describe("unknown repositories and versions", () => {
  it("names the known repositories and where to add one", () => {
    const error = (() => {
      try {
        repoSpec("octo/unknown", "1.0");
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(SwebenchSpecError);
    expect(error).toBeInstanceOf(Error);
    expect((error as SwebenchSpecError).message).toContain('"octo/unknown"');
    expect((error as SwebenchSpecError).message).toContain(
      "astropy/astropy, django/django, marshmallow-code/marshmallow",
    );
    expect((error as SwebenchSpecError).fix).toContain("evaluator/swebench/specs.ts");
  });

  it("suggests the right spelling of a repository given in the wrong case", () => {
    expect(() => repoSpec("Django/Django", "3.0")).toThrow(/did you mean "django\/django"/);
  });

  it("names the repository's known versions when the version is unknown", () => {
    expect(() => repoSpec("django/django", "9.9")).toThrow(SwebenchSpecError);
    expect(() => repoSpec("django/django", "9.9")).toThrow(/"django\/django".*"9\.9".*1\.7, 1\.8, 1\.10/);
    expect(() => repoSpec("django/django", "3")).toThrow(/known versions: .*3\.0/);
  });

  it("does not take an inherited object property for a repository", () => {
    expect(() => repoSpec("constructor", "1.0")).toThrow(SwebenchSpecError);
    expect(knownVersions("toString")).toEqual([]);
  });
});
