// SWE-bench's log parsers on output as each runner prints it (written for these tests in the runners'
// formats), and on hostile output: what an agent's code prints reaches the parsers unfiltered.
import { describe, expect, it } from "vitest";
import { logParser, type TestStatus } from "../../../evaluator/swebench/log-parsers/index.ts";

const parse = (name: Parameters<typeof logParser>[0], log: string): Record<string, TestStatus> =>
  Object.fromEntries(logParser(name)(log));

/** `pytest -rA` on flask: progress, a failure report, then the short test summary the parser reads. */
const PYTEST_RA = `============================= test session starts ==============================
platform linux -- Python 3.9.19, pytest-8.2.2, pluggy-1.5.0
rootdir: /testbed
collected 6 items

tests/test_blueprints.py ..FsxE                                          [100%]

==================================== ERRORS ====================================
_______________________ ERROR at setup of test_with_fixture ____________________
E       RuntimeError: boom
=================================== FAILURES ===================================
_________________________ test_dotted_name_not_allowed _________________________
>       with pytest.raises(ValueError):
E       Failed: DID NOT RAISE <class 'ValueError'>
==================================== PASSES ====================================
=========================== short test summary info ============================
PASSED tests/test_blueprints.py::test_blueprint_specific_error_handling
PASSED tests/test_blueprints.py::test_templates_and_static[/static-/static/]
SKIPPED [1] tests/test_blueprints.py:300: requires Python 3.10
XFAIL tests/test_blueprints.py::test_known_bug - reason: not fixed yet
FAILED tests/test_blueprints.py::test_dotted_name_not_allowed - Failed: DID NOT RAISE <class 'ValueError'>
ERROR tests/test_blueprints.py::test_with_fixture - RuntimeError: boom
============== 1 failed, 2 passed, 1 skipped, 1 xfailed, 1 error in 0.31s ==============
`;

describe("pytest (-rA summary)", () => {
  it("reads every summary line's status and test id, leaving the failure message out", () => {
    expect(parse("pytest", PYTEST_RA)).toEqual({
      "tests/test_blueprints.py::test_blueprint_specific_error_handling": "PASSED",
      "tests/test_blueprints.py::test_templates_and_static[/static-/static/]": "PASSED",
      "tests/test_blueprints.py::test_known_bug": "XFAIL",
      "tests/test_blueprints.py::test_dotted_name_not_allowed": "FAILED",
      "tests/test_blueprints.py::test_with_fixture": "ERROR",
    });
  });

  it("cuts a parametrized id at its first space, as the dataset's names are cut", () => {
    const log = "PASSED tests/test_x.py::test_y[a b]\nFAILED tests/test_x.py::test_z - AssertionError: 1 - 2\n";
    expect(parse("pytest", log)).toEqual({
      "tests/test_x.py::test_y[a": "PASSED",
      "tests/test_x.py::test_z": "FAILED",
    });
  });

  it("keeps a wrapped progress line's [100%] as a test name, as two pytest instances' lists expect", () => {
    expect(parse("pytest", "PASSED [100%]\n")).toEqual({ "[100%]": "PASSED" });
  });

  it("reads nothing from a status word alone or from lines that only mention a status", () => {
    expect(parse("pytest", "PASSED\n  PASSED tests/a.py::t\nall PASSED\n")).toEqual({});
  });
});

describe("pytest-options (requests, pylint, pydicom)", () => {
  it("keeps only the last segment of an absolute-path parameter, which differs between runs", () => {
    const log = [
      "PASSED tests/test_requests.py::test_path[/tmp/pytest-of-root/pytest-0/test_path0/file.txt]",
      "PASSED tests/test_requests.py::test_url[//example.com/x]",
      "PASSED tests/test_requests.py::test_glob[/tmp/*.py]",
      "FAILED tests/test_functional.py::test_functional[recursion_error_3152] - AssertionError",
      "PASSED tests/test_plain.py::test_plain",
    ].join("\n");
    expect(parse("pytest-options", log)).toEqual({
      "tests/test_requests.py::test_path[/file.txt]": "PASSED",
      "tests/test_requests.py::test_url[//example.com/x]": "PASSED",
      "tests/test_requests.py::test_glob[/tmp/*.py]": "PASSED",
      "tests/test_functional.py::test_functional[recursion_error_3152]": "FAILED",
      "tests/test_plain.py::test_plain": "PASSED",
    });
  });
});

describe("pytest-v2 (astropy, scikit-learn, sphinx)", () => {
  it("strips tox's colours and keeps spaces inside a name, but not the failure message", () => {
    const log = [
      "\x1b[1mpy39: commands[0]> python -X dev -m pytest -rA tests/test_build_html.py\x1b[0m",
      "\x1b[32mPASSED\x1b[0m tests/test_build_html.py::test_html5_output[index.html-expect0]",
      "PASSED sklearn/tests/test_common.py::test_estimators[LogisticRegression(max_iter=5)-check fit]",
      "\x1b[31mFAILED\x1b[0m tests/test_build_html.py::test_numfig[foo.html - x] - AssertionError: assert 'a - b' in ''",
      "SKIPPED [2] tests/test_build_html.py:80: needs docutils 0.18",
    ].join("\n");
    expect(parse("pytest-v2", log)).toEqual({
      "tests/test_build_html.py::test_html5_output[index.html-expect0]": "PASSED",
      "sklearn/tests/test_common.py::test_estimators[LogisticRegression(max_iter=5)-check fit]": "PASSED",
      "tests/test_build_html.py::test_numfig[foo.html": "FAILED",
    });
  });

  it("reads old astropy's classic style, status last", () => {
    const log = [
      "astropy/units/tests/test_quantity.py::test_quantity_creation PASSED",
      "astropy/units/tests/test_quantity.py::test_copy FAILED",
      "astropy/io/fits/tests/test_core.py::TestCore::test_read XFAIL",
    ].join("\n");
    expect(parse("pytest-v2", log)).toEqual({
      "astropy/units/tests/test_quantity.py::test_quantity_creation": "PASSED",
      "astropy/units/tests/test_quantity.py::test_copy": "FAILED",
      "astropy/io/fits/tests/test_core.py::TestCore::test_read": "XFAIL",
    });
  });
});

describe("matplotlib", () => {
  it("spells mouse buttons as the numbers the dataset uses", () => {
    const log = "PASSED lib/matplotlib/tests/test_widgets.py::test_span_selector_drag[MouseButton.LEFT-True]\n";
    expect(parse("matplotlib", log)).toEqual({
      "lib/matplotlib/tests/test_widgets.py::test_span_selector_drag[1-True]": "PASSED",
    });
    expect(parse("pytest", log)).not.toHaveProperty(
      "lib/matplotlib/tests/test_widgets.py::test_span_selector_drag[1-True]",
    );
  });
});

describe("seaborn", () => {
  it("reads summary lines and verbose `name PASSED` lines, and only passes and failures", () => {
    const log = [
      "tests/test_core.py::TestHueMapping::test_init_from_map PASSED [ 25%]",
      "PASSED tests/test_core.py::TestSemanticMapping::test_call_lookup",
      "FAILED tests/test_core.py::TestVectorPlotter::test_long_df - ValueError: x",
      "SKIPPED [1] tests/test_core.py:12: no statsmodels",
      "ERROR tests/test_core.py::test_broken",
    ].join("\n");
    expect(parse("seaborn", log)).toEqual({
      "tests/test_core.py::TestHueMapping::test_init_from_map": "PASSED",
      "tests/test_core.py::TestSemanticMapping::test_call_lookup": "PASSED",
      "tests/test_core.py::TestVectorPlotter::test_long_df": "FAILED",
    });
  });
});

/** Django's runner at verbosity 2, as the harness runs it (`./tests/runtests.py --verbosity 2 …`). */
const DJANGO_LOG = `Testing against Django installed in '/testbed/django'
Importing application queries
Operations to perform:
  Synchronize unmigrated apps: auth, contenttypes, messages, queries, sessions, staticfiles
  Apply all migrations: admin, sites
Running migrations:
  Applying admin.0001_initial... OK
  Applying sites.0001_initial... OK
System check identified no issues (1 silenced).
test_add (queries.tests.AddTests) ... ok
test_sub (queries.tests.SubTests) ... FAIL
test_crash (queries.tests.CrashTests) ... ERROR
test_postgres_only (queries.tests.BackendTests) ... skipped 'PostgreSQL specific'
test_known (queries.tests.KnownTests) ... expected failure
test_doc (queries.tests.DocTests)
A docstring's first line describes the test. ... ok
test_noisy (queries.tests.NoisyTests) ... some output the test printed
ok
test_upper (queries.tests.UpperTests) ...  OK

======================================================================
ERROR: test_crash (queries.tests.CrashTests)
----------------------------------------------------------------------
Traceback (most recent call last):
  File "/testbed/tests/queries/tests.py", line 40, in test_crash
ZeroDivisionError: division by zero

======================================================================
FAIL: test_sub (queries.tests.SubTests)
----------------------------------------------------------------------
AssertionError: 1 != 2

----------------------------------------------------------------------
Ran 9 tests in 0.012s

FAILED (failures=1, errors=1, skipped=1, expected failures=1)
`;

describe("django", () => {
  const statuses = parse("django", DJANGO_LOG);

  it("reads `name ... status` lines with the test's full description as its name", () => {
    expect(statuses).toMatchObject({
      "test_add (queries.tests.AddTests)": "PASSED",
      "test_sub (queries.tests.SubTests)": "FAILED",
      "test_crash (queries.tests.CrashTests)": "ERROR",
      "test_postgres_only (queries.tests.BackendTests)": "SKIPPED",
      "test_upper (queries.tests.UpperTests)": "PASSED",
    });
  });

  it("names a test with a docstring by the docstring's first line, the line its status is on", () => {
    expect(statuses["A docstring's first line describes the test."]).toBe("PASSED");
    expect(statuses).not.toHaveProperty("test_doc (queries.tests.DocTests)");
  });

  it("gives a bare `ok` line to the last test that started, when output came in between", () => {
    expect(statuses["test_noisy (queries.tests.NoisyTests)"]).toBe("PASSED");
  });

  it("reads the report's FAIL:/ERROR: headers by their second word, and not migration progress", () => {
    expect(statuses.test_crash).toBe("ERROR");
    expect(statuses.test_sub).toBe("FAILED");
    expect(Object.keys(statuses).some((name) => name.includes("Applying"))).toBe(false);
  });

  it("does not read an expected failure (the published parser has no rule for it)", () => {
    expect(statuses).not.toHaveProperty("test_known (queries.tests.KnownTests)");
  });

  it("passes a test whose `ok` came lines later, after a nested run's ` ... ` output", () => {
    const log = [
      "test_version (admin_scripts.tests.CommandTypes) ... Testing against Django installed in '/testbed/django' with up to 8 processes",
      "Found 1 test(s).",
      "Creating test database for alias 'default' ... done",
      "System check identified no issues (0 silenced).",
      "ok",
      "test_next (admin_scripts.tests.CommandTypes) ... ok",
    ].join("\n");
    expect(parse("django", log)).toMatchObject({
      "test_version (admin_scripts.tests.CommandTypes)": "PASSED",
      "test_next (admin_scripts.tests.CommandTypes)": "PASSED",
    });
  });

  it("passes tests interrupted by a server error log or a system check line", () => {
    const log = [
      "test_raises (view_tests.tests.DebugViewTests) ... Internal Server Error: /raises500/",
      "ok",
      "test_check (check_framework.tests.Checks) ... System check identified no issues (0 silenced)",
      "ok",
    ].join("\n");
    expect(parse("django", log)).toEqual({
      "test_raises (view_tests.tests.DebugViewTests)": "PASSED",
      "test_check (check_framework.tests.Checks)": "PASSED",
    });
  });

  it("reads django__django-7188's migration output that shares the test's line", () => {
    const log = "Applying sites.0002_alter_domain_unique...test_no_migrations (migrations.tests.T) ... ok\n";
    expect(parse("django", log)).toEqual({ "test_no_migrations (migrations.tests.T)": "PASSED" });
  });

  it("passes `--version is equivalent to version`, whose output always breaks its line", () => {
    const log = "test_version (admin_scripts.tests.CommandTypes)\n--version is equivalent to version ... 5.0\n";
    expect(parse("django", log)["--version is equivalent to version"]).toBe("PASSED");
  });
});

/** sympy's `bin/test -C --verbose`. */
const SYMPY_LOG = `============================= test process starts ==============================
executable:         /opt/miniconda3/envs/testbed/bin/python  (3.9.19-final-0) [CPython]
architecture:       64-bit
ground types:       python
random seed:        26437154
hash randomization: on (PYTHONHASHSEED=1234)

sympy/core/tests/test_basic.py[5]
test_structure ok
test_subs F
test_atoms E
test_known_bug f
test_needs_numpy s                                                        [OK]

________________________________________________________________________________
_____________ sympy/core/tests/test_basic.py:test_subs _____________
Traceback (most recent call last):
  File "/testbed/sympy/core/tests/test_basic.py", line 40, in test_subs
    assert b21.subs(b2, b1) == b21
AssertionError

= tests finished: 1 passed, 1 failed, 1 skipped, 1 expected to fail, 1 exceptions, in 0.05 seconds =
DO *NOT* COMMIT!
`;

describe("sympy", () => {
  it("reads `test_name ok/F/E` lines and the failure banner's file:test", () => {
    expect(parse("sympy", SYMPY_LOG)).toEqual({
      test_structure: "PASSED",
      test_subs: "FAILED",
      test_atoms: "ERROR",
      "sympy/core/tests/test_basic.py:test_subs": "FAILED",
    });
  });

  it("lets a later `ok` line override a banner for the same name", () => {
    expect(parse("sympy", "___ test_a.py:x ___\ntest_a.py:x ok\n")).toEqual({ "test_a.py:x": "PASSED" });
  });
});

describe("hostile output", () => {
  const parsers = ["pytest", "pytest-options", "pytest-v2", "django", "sympy", "seaborn", "matplotlib"] as const;

  it("skips a line too long to be a test's and still reads the lines around it", () => {
    const log = `PASSED tests/a.py::test_before\nPASSED tests/a.py::test_huge${"x".repeat(2_000_000)}\nPASSED tests/a.py::test_after\n`;
    for (const name of ["pytest", "pytest-options", "pytest-v2", "matplotlib", "seaborn"] as const) {
      expect(Object.keys(parse(name, log))).toEqual(["tests/a.py::test_before", "tests/a.py::test_after"]);
    }
    const djangoLog = `test_a (m.T) ... ok\ntest_huge (m.T) ${".".repeat(2_000_000)} ... ok\ntest_b (m.T) ... ok\n`;
    expect(Object.keys(parse("django", djangoLog))).toEqual(["test_a (m.T)", "test_b (m.T)"]);
    const sympyLog = `test_a ok\ntest_${"y".repeat(2_000_000)} ok\ntest_b ok\n`;
    expect(Object.keys(parse("sympy", sympyLog))).toEqual(["test_a", "test_b"]);
  });

  it("returns a map for binary garbage without throwing", () => {
    let state = 12345;
    const bytes = Buffer.alloc(1_000_000);
    for (let i = 0; i < bytes.length; i++) {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      bytes[i] = state >> 16;
    }
    const garbage = `${bytes.toString("latin1")}\n${bytes.toString("utf8")}`;
    for (const name of parsers) expect(logParser(name)(garbage)).toBeInstanceOf(Map);
  });

  it("survives lines that look like the start of a status without the rest", () => {
    const log = "FAIL:\nERROR:\nFAILED\nPASSED \nSKIPPED [3]\n ... \n...\nok\n";
    for (const name of parsers) expect(() => logParser(name)(log)).not.toThrow();
    expect(parse("django", log)).toEqual({});
  });

  it("finishes on a log of many unclosed Django markers and sympy-banner-like lines", () => {
    const unclosed = "test_x (m.T) ... Testing against Django installed in '/testbed/django'\n".repeat(100_000);
    expect(parse("django", `${unclosed}ok\n`)).toEqual({ "test_x (m.T)": "PASSED" });
    const banners = `${"_ a.py: ".repeat(1_000)}\n`.repeat(2_000);
    expect(Object.keys(parse("sympy", banners)).length).toBe(1);
  });

  it("does not record a word that only begins with a status", () => {
    expect(parse("pytest", "PASSEDx tests/a.py::t\nXFAILED tests/a.py::u\n")).toEqual({});
    expect(parse("pytest-v2", "tests/a.py::t notPASSED\n")).toEqual({});
  });
});
