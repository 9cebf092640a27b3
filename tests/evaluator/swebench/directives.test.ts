// Which test files the grader runs, read from an instance's test patch as SWE-bench's harness reads them.
import { describe, expect, it } from "vitest";
import { testDirectives, testPatchFiles } from "../../../evaluator/swebench/directives.ts";

/** A test patch as SWE-bench publishes them: a modified test module, a new one, a fixture, a model. */
const DJANGO_TEST_PATCH = `diff --git a/tests/queries/test_q.py b/tests/queries/test_q.py
--- a/tests/queries/test_q.py
+++ b/tests/queries/test_q.py
@@ -1,4 +1,4 @@
-from django.db.models import F, Q
+from django.db.models import Exists, F, Q
 from django.test import SimpleTestCase
diff --git a/tests/queries/models.py b/tests/queries/models.py
index 1111111..2222222 100644
--- a/tests/queries/models.py
+++ b/tests/queries/models.py
@@ -10,3 +10,4 @@
+    note = models.TextField()
diff --git a/tests/fixtures/fixtures/data.json b/tests/fixtures/fixtures/data.json
new file mode 100644
--- /dev/null
+++ b/tests/fixtures/fixtures/data.json
@@ -0,0 +1 @@
+[]
diff --git a/tests/i18n/sampleproject/locale/fr/LC_MESSAGES/django.po b/tests/i18n/sampleproject/locale/fr/LC_MESSAGES/django.po
--- a/tests/i18n/sampleproject/locale/fr/LC_MESSAGES/django.po
+++ b/tests/i18n/sampleproject/locale/fr/LC_MESSAGES/django.po
@@ -1 +1 @@
-x
+y
`;

const PYTEST_TEST_PATCH = `diff --git a/tests/test_requests.py b/tests/test_requests.py
--- a/tests/test_requests.py
+++ b/tests/test_requests.py
@@ -1 +1,2 @@
+import pytest
diff --git a/tests/testserver/data.csv b/tests/testserver/data.csv
new file mode 100644
diff --git a/docs/CHANGES.md b/docs/CHANGES.md
diff --git a/pyproject.toml b/pyproject.toml
diff --git a/tests/img/baseline.png b/tests/img/baseline.png
Binary files differ
diff --git a/tests/old_name.py b/tests/new_name.py
similarity index 90%
rename from tests/old_name.py
rename to tests/new_name.py
`;

describe("testPatchFiles", () => {
  it("gives every header's b/ path in order, data files included", () => {
    expect(testPatchFiles(DJANGO_TEST_PATCH)).toEqual([
      "tests/queries/test_q.py",
      "tests/queries/models.py",
      "tests/fixtures/fixtures/data.json",
      "tests/i18n/sampleproject/locale/fr/LC_MESSAGES/django.po",
    ]);
  });

  it("gives a renamed file's new path", () => {
    expect(testPatchFiles(PYTEST_TEST_PATCH).at(-1)).toBe("tests/new_name.py");
  });

  it("does not read ---/+++ lines or hunk content as headers", () => {
    expect(testPatchFiles("--- a/x.py\n+++ b/x.py\n@@ -1 +1 @@\n-diff --git\n+b/y.py\n")).toEqual([]);
  });

  it("returns nothing for text that is not a diff", () => {
    expect(testPatchFiles("")).toEqual([]);
    expect(testPatchFiles("\u0000\uffff garbage diff --git a/")).toEqual([]);
  });
});

describe("testDirectives", () => {
  it("turns Django test files into module labels and drops data files (but not .po, which is not on the list)", () => {
    expect(testDirectives("django/django", DJANGO_TEST_PATCH)).toEqual([
      "queries.test_q",
      "queries.models",
      "i18n.sampleproject.locale.fr.LC_MESSAGES.django.po",
    ]);
  });

  it("keeps a Django path outside tests/ whole, dotted", () => {
    const patch = "diff --git a/django/test/utils.py b/django/test/utils.py\n";
    expect(testDirectives("django/django", patch)).toEqual(["django.test.utils"]);
  });

  it("passes other repositories' test files as paths, without csv, md, toml and png files", () => {
    expect(testDirectives("psf/requests", PYTEST_TEST_PATCH)).toEqual(["tests/test_requests.py", "tests/new_name.py"]);
  });

  it("passes sympy's test files as paths", () => {
    const patch = "diff --git a/sympy/core/tests/test_basic.py b/sympy/core/tests/test_basic.py\n";
    expect(testDirectives("sympy/sympy", patch)).toEqual(["sympy/core/tests/test_basic.py"]);
  });
});
