"""The grader's runner for unittest: `python3 unittest_runner.py <the arguments of python3 -m unittest>`.

Solution code runs in this process, so nothing here is out of its reach; the runner makes the known ways
of passing without working fail loudly instead:

- the one-time nonce is read from stdin before any test module (and so any solution code) is imported,
  and kept in a local of main(), not in a module attribute;
- the result comes only from its own result object, printed last as `@@dgm-grade <nonce> {json}` on a
  copy of stdout taken at start; a process that ends before that line is a failed grade;
- unittest's classes (TestCase, TestSuite, TestLoader, TestResult, the runner), the builtins, sys.exit,
  os._exit and sys.modules' unittest entries are snapshotted first and compared after the run: any
  change is reported as tampering, which fails the grade;
- os._exit and os.execv/execve are disabled while the tests load and run (they raise instead of ending
  or replacing the process);
- a test that passes counts only if it is defined in a hidden test file, and the assert methods (and
  run machinery) a test class inherits must come from unittest or the hidden tests.
"""

import builtins
import json
import os
import posix
import sys
import unittest
import unittest.case
import unittest.loader
import unittest.result
import unittest.runner
import unittest.suite

MARKER = "@@dgm-grade"

# As `python3 -m unittest` does: the working directory first on the path, not this file's directory.
sys.path[0] = os.getcwd()

_stdout_fd = os.dup(1)
_report_stream = os.fdopen(os.dup(2), "w", buffering=1, encoding="utf-8", errors="replace")
_write = os.write
_real_exit = os._exit
_real = {"os._exit": os._exit, "os.execv": os.execv, "os.execve": os.execve}
_main_pid = os.getpid()

_builtins = builtins.__dict__
_saved_builtins = dict(_builtins)
_config = json.loads(os.environ.get("DGM_GRADER", "{}") or "{}")
_test_files = {os.path.realpath(path) for path in _config.get("testFiles", [])} or None

_findings = []
_MISSING = object()
_phase = ["were loading"]


class GradingExitBlocked(BaseException):
    """Raised instead of ending the process: an early exit must not hide the tests."""


def _read_nonce():
    """The first line of stdin, read with os.read: nothing of it stays in a buffer of sys.stdin."""
    data = b""
    while not data.endswith(b"\n"):
        chunk = os.read(0, 128)
        if not chunk:
            break
        data += chunk
    return data.decode("ascii", "replace").strip()


def _blocker(name):
    def blocked(*args):
        if os.getpid() != _main_pid:  # a forked child may end or replace itself
            return _real[name](*args)
        shown = repr(args[0]) if name == "os._exit" and args else "…"
        _findings.append(f"the solution called {name}({shown}) while the tests {_phase[0]}")
        raise GradingExitBlocked(f"[dgm-grader] {name} is disabled while grading")

    return blocked


os._exit = posix._exit = _blocker("os._exit")
os.execv = posix.execv = _blocker("os.execv")
os.execve = posix.execve = _blocker("os.execve")


class GradingResult(unittest.TextTestResult):
    """unittest's own text result (the same lines the diagnoser knows), plus an outcome per test."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = {}
        self.outside = []

    def startTest(self, test):
        super().startTest(test)
        self.outcomes[id(test)] = [test, "pending"]

    def _mark(self, test, outcome):
        entry = self.outcomes.get(id(test))
        if entry is None:  # a class or module fixture failed: no test of ours, still a failure
            self.outside.append(str(test))
        elif entry[1] != "fail":
            entry[1] = outcome

    def addSuccess(self, test):
        super().addSuccess(test)
        self._mark(test, "pass")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._mark(test, "fail")

    def addError(self, test, err):
        super().addError(test, err)
        self._mark(test, "fail")

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            self._mark(test, "fail")

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._mark(test, "skip")

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self._mark(test, "pass")

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._mark(test, "fail")


class Program(unittest.TestProgram):
    """unittest's own command line (discover, -s, -t, -p, -k, -v, names); the run is ours."""

    def runTests(self):
        pass


WATCHED_CLASSES = {
    "unittest.TestCase": unittest.TestCase,
    "unittest.TestSuite": unittest.TestSuite,
    "unittest.suite.BaseTestSuite": unittest.suite.BaseTestSuite,
    "unittest.TestLoader": unittest.TestLoader,
    "unittest.TestResult": unittest.TestResult,
    "unittest.TextTestResult": unittest.TextTestResult,
    "unittest.TextTestRunner": unittest.TextTestRunner,
    "unittest.case._Outcome": unittest.case._Outcome,
    "GradingResult": GradingResult,
}
WATCHED_MODULES = ["unittest", "unittest.case", "unittest.suite", "unittest.loader", "unittest.result",
                   "unittest.runner", "builtins", "sys", "os", "posix"]
# Attributes of TestCase whose replacement in a test class's ancestry would change verdicts.
GUARDED_NAMES = [name for name in vars(unittest.TestCase)
                 if name.startswith(("assert", "fail", "_call", "_baseAssert", "_getAssert", "_formatMessage"))
                 or name in ("run", "__call__", "debug", "doCleanups", "subTest", "failureException")]

_ORIGINAL_TESTCASE = dict(vars(unittest.TestCase))
_UNITTEST_DIR = os.path.dirname(os.path.realpath(unittest.__file__)) + os.sep


def snapshot():
    return {
        "classes": {name: dict(vars(cls)) for name, cls in WATCHED_CLASSES.items()},
        "modules": {name: sys.modules.get(name) for name in WATCHED_MODULES},
        "functions": {"sys.exit": sys.exit, "os._exit": os._exit, "posix._exit": posix._exit,
                      "os.execv": os.execv, "os.execve": os.execve},
        "meta_path": list(sys.meta_path),
        "trace": (sys.gettrace(), sys.getprofile()),
    }


def compare(before, after):
    found = []
    for name, attributes in before["classes"].items():
        now = after["classes"][name]
        for key in sorted(set(attributes) | set(now)):
            if key in ("__abstractmethods__", "_abc_impl"):
                continue
            if attributes.get(key, _MISSING) is not now.get(key, _MISSING):
                verb = "added" if key not in attributes else "removed" if key not in now else "replaced"
                found.append(f"{name}.{key} was {verb}")
    for name, module in before["modules"].items():
        if after["modules"][name] is not module:
            found.append(f"sys.modules['{name}'] was replaced")
    for name, function in before["functions"].items():
        if after["functions"][name] is not function:
            found.append(f"{name} was replaced")
    if [id(hook) for hook in after["meta_path"]] != [id(hook) for hook in before["meta_path"]]:
        found.append("sys.meta_path (the import system) was changed")
    if after["trace"] != before["trace"]:
        found.append("a trace or profile function was installed (sys.settrace/sys.setprofile)")
    return found


def origin(value):
    """The file a function (or a method, or a test's method) was compiled from; a class's module file."""
    function = getattr(value, "__func__", value)
    code = getattr(function, "__code__", None)
    if code is not None:
        return os.path.realpath(code.co_filename)
    module = sys.modules.get(getattr(value, "__module__", None) or "", None)
    path = getattr(module, "__file__", None)
    return os.path.realpath(path) if path else None


def in_hidden_tests(path):
    return _test_files is None or path in _test_files


def test_origin(test):
    method = getattr(test, "_testFunc", None) or getattr(type(test), getattr(test, "_testMethodName", ""), None)
    return origin(method if method is not None else type(test))


def check_tests(result):
    found = []
    seen = set()
    for test, outcome in result.outcomes.values():
        cls = type(test)
        where = test_origin(test)
        if outcome == "pass" and not in_hidden_tests(where):
            found.append(f"test {test.id()} passed but is defined in {where}, outside the hidden tests")
        if cls in seen:
            continue
        seen.add(cls)
        for name in GUARDED_NAMES:
            owner = next((base for base in cls.__mro__ if name in vars(base)), None)
            if owner is None or vars(owner)[name] is _ORIGINAL_TESTCASE[name]:
                continue
            where = origin(vars(owner)[name])
            # unittest's own subclasses (IsolatedAsyncioTestCase) live in the read-only stdlib.
            if where is not None and (in_hidden_tests(where) or where.startswith(_UNITTEST_DIR)):
                continue
            found.append(f"{cls.__name__}.{name} comes from {owner.__qualname__} in {where or 'unknown code'}, "
                         "not from unittest or the hidden tests")
    return found


def main():
    nonce = _read_nonce()  # before any test module, and so any solution code, is imported
    before = snapshot()
    report = {"runner": "unittest", "total": 0, "passed": 0, "failed": 0, "skipped": 0, "problems": [], "tamper": []}
    result = None
    try:
        program = Program(module=None, argv=["python -m unittest", *sys.argv[1:]], exit=False)
        _phase[0] = "ran"
        runner = unittest.TextTestRunner(stream=_report_stream, resultclass=GradingResult,
                                         verbosity=program.verbosity, failfast=program.failfast,
                                         buffer=program.buffer, warnings=program.warnings,
                                         tb_locals=program.tb_locals)
        result = runner.run(program.test)
    except GradingExitBlocked as error:
        report["problems"].append(f"the run was cut short: {error}")
    except SystemExit as error:
        report["problems"].append(f"SystemExit({error.code!r}) ended the run outside any test")
    except BaseException as error:  # noqa: BLE001 (whatever escaped, the grade line must still be printed)
        report["problems"].append(f"the run failed outside any test: {type(error).__name__}: {error}")
    _phase[0] = "finished"
    # Builtins first, with no builtin call: the checks below use them.
    replaced = [key for key, value in _saved_builtins.items() if _builtins.get(key, _MISSING) is not value]
    _builtins.update(_saved_builtins)
    try:
        passed = finish(report, result, before, replaced)
    except BaseException as error:  # noqa: BLE001
        report["problems"].append(f"the grader's own checks failed after the run: {error!r}")
        passed = False
    _write(_stdout_fd, f"\n{MARKER} {nonce} {json.dumps(report)}\n".encode())
    # Straight out: no atexit hook or leftover thread of the solution runs after the verdict.
    _real_exit(0 if passed else 1)


def finish(report, result, before, replaced):
    tamper = [f"builtins.{key} was replaced" for key in replaced] + compare(before, snapshot())
    if isinstance(result, GradingResult):
        outcomes = [outcome for _, outcome in result.outcomes.values()]
        report["skipped"] = outcomes.count("skip")
        report["passed"] = outcomes.count("pass")
        report["total"] = len(outcomes) - report["skipped"]
        report["failed"] = report["total"] - report["passed"]
        report["problems"] += [f"a test fixture failed: {where}" for where in result.outside]
        tamper += check_tests(result)
    elif not report["problems"]:
        report["problems"].append("the tests never ran")
    report["tamper"] = list(dict.fromkeys(_findings + tamper))
    passed = not report["problems"] and not report["tamper"] and report["failed"] == 0 and report["total"] > 0
    for stream in (sys.stdout, sys.stderr, _report_stream):
        try:
            stream.flush()
        except BaseException:  # noqa: BLE001
            pass
    return passed


main()
