// One polyglot exercise per language (tests/fixtures/polyglot, written for these tests in Exercism's
// layout) loaded as a task: DGM's ids, the tests Exercism skips turned back on, the files an agent
// never gets, the test command in the instructions, and each reference put where the solution goes.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scanSuite, type Task } from "../../evaluator/index.ts";
import { tempDir } from "../support/temp.ts";

const root = new URL("../fixtures/polyglot/", import.meta.url).pathname;
const cppRunner = new URL("../../sandbox/languages/cpp/dgm-cpp-test", import.meta.url).pathname;
const exerciseDir = (language: string, name: string) => join(root, language, "exercises", "practice", name);
const fixtureFile = (language: string, name: string, path: string) =>
  readFileSync(join(exerciseDir(language, name), path), "utf8");

const scan = scanSuite(`polyglot:${root}`);
function taskOf(language: string): Task {
  const task = scan.tasks.find((candidate) => candidate.manifest.language === language);
  if (!task) throw new Error(`the polyglot fixture has no ${language} exercise`);
  return task;
}
const text = (content: Buffer | undefined) => content?.toString("utf8");

describe("polyglot exercises in every language", () => {
  it("load with DGM's ids, in language then exercise order, nothing set aside or broken", () => {
    expect(scan.problems).toEqual([]);
    expect(scan.setAside).toEqual([]);
    expect(scan.tasks.map((task) => task.qualifiedId)).toEqual([
      "polyglot:cpp__triangle-number",
      "polyglot:go__clamp",
      "polyglot:java__vowel-count",
      "polyglot:javascript__two-fer",
      "polyglot:python__leap",
      "polyglot:rust__digit-sum",
    ]);
    for (const task of scan.tasks) {
      expect(`polyglot:${task.manifest.id}`).toBe(task.qualifiedId);
      expect(task.manifest.id.startsWith(`${task.manifest.language}__`)).toBe(true);
    }
  });

  it("turns on the tests Exercism skips: xtest and @Disabled rewritten, #[ignore] through cargo's flag", () => {
    const js = text(taskOf("javascript").tests["two-fer.spec.js"]) ?? "";
    expect(fixtureFile("javascript", "two-fer", "two-fer.spec.js")).toMatch(/xtest\(/);
    expect(js).not.toMatch(/xtest\(/);
    expect(js.match(/\btest\(/g)).toHaveLength(3);

    // Only the annotation lines go: the rest of the Java file, its import of Disabled included, stays.
    const javaSource = fixtureFile("java", "vowel-count", "src/test/java/VowelCountTest.java");
    const java = text(taskOf("java").tests["src/test/java/VowelCountTest.java"]) ?? "";
    expect(javaSource.match(/@Disabled\("Remove to run test"\)/g)).toHaveLength(3);
    expect(java).toBe(
      javaSource
        .split("\n")
        .filter((line) => !line.trim().startsWith("@Disabled("))
        .join("\n"),
    );
    expect(java).toContain("import org.junit.jupiter.api.Disabled;");

    // Rust's #[ignore] stays in the file; the test command runs ignored tests too.
    const rust = taskOf("rust");
    expect(text(rust.tests["tests/digit-sum.rs"])).toBe(fixtureFile("rust", "digit-sum", "tests/digit-sum.rs"));
    expect(text(rust.tests["tests/digit-sum.rs"])?.match(/#\[ignore\]/g)).toHaveLength(4);
    expect(rust.manifest.testCommand).toEqual(["cargo", "test", "--", "--include-ignored"]);

    // C++ guards all but the first test with EXERCISM_RUN_ALL_TESTS, which the image's runner defines.
    const cpp = taskOf("cpp");
    expect(text(cpp.tests["triangle_number_test.cpp"])).toContain("#if defined(EXERCISM_RUN_ALL_TESTS)");
    expect(readFileSync(cppRunner, "utf8")).toContain("-DEXERCISM_RUN_ALL_TESTS=1");
  });

  it("gives the agent neither the tests, nor Exercism's folders, nor tooling that needs a network", () => {
    expect(Object.keys(taskOf("java").workspace).sort()).toEqual(["build.gradle", "src/main/java/VowelCount.java"]);
    // The exercise holds the gradle wrapper; it would download gradle, so the agent does not get it.
    expect(fixtureFile("java", "vowel-count", "gradlew")).toContain("gradle");
    // Go's test data file is an editor file: visible, graded in its pristine form.
    expect(Object.keys(taskOf("go").workspace).sort()).toEqual(["cases_test.go", "clamp.go", "go.mod"]);
    expect(Object.keys(taskOf("go").tests)).toEqual(["clamp_test.go"]);
    expect(Object.keys(taskOf("cpp").workspace).sort()).toEqual([
      "CMakeLists.txt",
      "test/catch.hpp",
      "test/tests-main.cpp",
      "triangle_number.cpp",
      "triangle_number.h",
    ]);
    for (const task of scan.tasks) {
      const hidden = Object.keys(task.workspace).filter((path) => /^\.(meta|docs)\//.test(path) || path in task.tests);
      expect(hidden, task.qualifiedId).toEqual([]);
    }
  });

  it("leaves out build output and lock files an exercise directory may hold", () => {
    const copy = tempDir("polyglot-leftovers");
    for (const [language, name, leftovers] of [
      ["rust", "digit-sum", ["Cargo.lock", "target/debug/digit_sum"]],
      ["cpp", "triangle-number", ["build/Makefile"]],
      ["java", "vowel-count", ["gradlew.bat", "gradle/wrapper/gradle-wrapper.jar"]],
    ] as const) {
      const dir = join(copy, language, "exercises", "practice", name);
      cpSync(exerciseDir(language, name), dir, { recursive: true });
      for (const path of leftovers) {
        mkdirSync(join(dir, path, ".."), { recursive: true });
        writeFileSync(join(dir, path), "left over\n");
      }
    }
    const tasks = scanSuite(`polyglot:${copy}`).tasks;
    expect(tasks).toHaveLength(3);
    for (const task of tasks) {
      const leaked = Object.keys(task.workspace).filter((path) =>
        /^(Cargo\.lock|target\/|build\/|gradlew|gradle\/)/.test(path),
      );
      expect(leaked, task.qualifiedId).toEqual([]);
    }
  });

  it("names the test command in the instructions; C++'s carries the exercise's name", () => {
    expect(taskOf("cpp").manifest.testCommand).toEqual(["dgm-cpp-test", "triangle-number"]);
    expect(taskOf("go").manifest.testCommand).toEqual(["dgm-go-test", "-json", "./..."]);
    expect(taskOf("java").manifest.testCommand).toEqual(["dgm-java-test"]);
    for (const task of scan.tasks) {
      expect(task.instructions, task.qualifiedId).toContain(`\`${task.manifest.testCommand.join(" ")}\``);
      expect(task.instructions, task.qualifiedId).toContain(task.manifest.testFiles.join(", "));
      expect(task.manifest.limits?.testSeconds, task.qualifiedId).toBeGreaterThanOrEqual(120);
    }
    expect(taskOf("go").instructions).toContain("Keep a number inside an inclusive range");
    expect(taskOf("rust").instructions).toContain("the crates Cargo.toml names");
  });

  it("puts each reference where the solution goes", () => {
    const java = taskOf("java");
    expect(text(java.reference["src/main/java/VowelCount.java"])).toBe(
      fixtureFile("java", "vowel-count", ".meta/src/reference/java/VowelCount.java"),
    );
    expect(Object.keys(java.reference)).toEqual(["src/main/java/VowelCount.java"]);

    // A header-only C++ example replaces the header; the .cpp is kept as the exercise gives it.
    const cpp = taskOf("cpp");
    expect(text(cpp.reference["triangle_number.h"])).toBe(fixtureFile("cpp", "triangle-number", ".meta/example.h"));
    expect(text(cpp.reference["triangle_number.cpp"])).toBe(
      fixtureFile("cpp", "triangle-number", "triangle_number.cpp"),
    );
    expect(cpp.manifest.solutionFiles).toEqual(["triangle_number.h", "triangle_number.cpp"]);

    // Rust's example is the library; Cargo.toml, a solution file too, is kept as given.
    const rust = taskOf("rust");
    expect(text(rust.reference["src/lib.rs"])).toBe(fixtureFile("rust", "digit-sum", ".meta/example.rs"));
    expect(text(rust.reference["Cargo.toml"])).toBe(fixtureFile("rust", "digit-sum", "Cargo.toml"));

    expect(text(taskOf("go").reference["clamp.go"])).toBe(fixtureFile("go", "clamp", ".meta/example.go"));
    for (const task of scan.tasks) {
      expect(
        Object.keys(task.reference).filter((path) => path.startsWith(".meta/")),
        task.qualifiedId,
      ).toEqual([]);
    }
  });
});

describe("a rust reference that brings its own Cargo.toml", () => {
  it("grades the reference with .meta/Cargo-example.toml, its versions opened to what the offline registry has", () => {
    const copy = tempDir("polyglot-cargo-example");
    const dir = join(copy, "rust", "exercises", "practice", "digit-sum");
    cpSync(exerciseDir("rust", "digit-sum"), dir, { recursive: true });
    const given = readFileSync(join(dir, "Cargo.toml"), "utf8");
    writeFileSync(
      join(dir, ".meta", "Cargo-example.toml"),
      `${given}\n[dependencies]\nitertools = "0.5"\nnum-bigint = { version = "0.4.4", default-features = false }\nlocal = { path = "local" }\n`,
    );
    const [task] = scanSuite(`polyglot:${dir}`).tasks;
    const cargo = text(task?.reference["Cargo.toml"]) ?? "";
    expect(cargo).toContain('itertools = "*"');
    expect(cargo).toContain('num-bigint = { version = "*", default-features = false }');
    expect(cargo).toContain('local = { path = "local" }');
    expect(cargo).toContain('edition = "2021"');
    // The agent may change Cargo.toml as the reference does; its own copy is the stub's.
    expect(task?.manifest.solutionFiles).toContain("Cargo.toml");
    expect(text(task?.workspace["Cargo.toml"])).toBe(given);
  });
});
