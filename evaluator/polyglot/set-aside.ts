// Exercises of the polyglot benchmark (Aider-AI/polyglot-benchmark, commit 7e0611e) that are set aside:
// they load and are listed (`dgm tasks list` says why) but are never run, because grading them could
// not tell a solved exercise from an unsolved one, or the offline images cannot run their reference.
// Measured with `dgm tasks check polyglot:<checkout>`. Exercises that need a library the images lack
// are found from their build files instead (languages.ts), so a new one is caught without a list.
const STUB_PASSES =
  "the untouched stub already passes the tests (a refactoring exercise): every agent would get it free";

export const SET_ASIDE: Record<string, string> = {
  go__ledger: STUB_PASSES,
  go__markdown: STUB_PASSES,
  java__ledger: STUB_PASSES,
  "java__tree-building": STUB_PASSES,
  javascript__ledger: STUB_PASSES,
  go__counter:
    "a test-writing exercise whose reference is a test suite in a non-test file: `go test` runs no test on the stub or the reference",
  "rust__robot-name": "its reference is written for rand 0.3 (Rng::choose); the offline image has Debian's rand 0.8",
  "java__mazy-mice":
    "its tests use AssertJ's hasDimensions (3.17+); Debian's AssertJ is 3.14, so the tests do not compile",
};
