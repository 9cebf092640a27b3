// The polyglot suite over whole benchmark roots: selectors (a language, an exercise id, DGM's subsets),
// a fake root holding DGM's small subset, exercises set aside (by our list, by what the offline images
// lack, by language), and the stages a polyglot root is evaluated in.
import { appendFileSync, cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  DGM_MEDIUM,
  DGM_SMALL,
  loadPolyglot,
  loadSuite,
  loadTask,
  scanSuite,
  stageOfSuite,
  stagesOfSuite,
  suiteLanguages,
  TaskError,
} from "../../evaluator/index.ts";
import { SET_ASIDE } from "../../evaluator/polyglot/set-aside.ts";
import { tempDir } from "../support/temp.ts";

const fixtures = new URL("../fixtures/", import.meta.url).pathname;
const root = join(fixtures, "polyglot");

/** The one fixture exercise of each language, copied under other names to build fake roots. */
const FIXTURE_EXERCISE: Record<string, string> = {
  cpp: "triangle-number",
  go: "clamp",
  java: "vowel-count",
  javascript: "two-fer",
  python: "leap",
  rust: "digit-sum",
};

/** Copies the fixture exercise of `language` into `into` as exercise `name`; returns its directory. */
function plant(into: string, language: string, name: string): string {
  const source = join(root, language, "exercises", "practice", FIXTURE_EXERCISE[language] ?? "");
  const target = join(into, language, "exercises", "practice", name);
  cpSync(source, target, { recursive: true });
  return target;
}

const ids = (spec: string) => loadSuite(spec).map((task) => task.manifest.id);

function taskError(load: () => unknown): TaskError {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(TaskError);
    return error as TaskError;
  }
  throw new Error("expected a TaskError");
}

describe("polyglot selectors", () => {
  it("selects a language, an exercise id, a language directory or one exercise directory", () => {
    expect(ids(`polyglot:${root}:go`)).toEqual(["go__clamp"]);
    expect(ids(`polyglot:${root}:rust__digit-sum`)).toEqual(["rust__digit-sum"]);
    expect(ids(`polyglot:${join(root, "java")}`)).toEqual(["java__vowel-count"]);
    expect(ids(`polyglot:${join(root, "cpp", "exercises", "practice", "triangle-number")}`)).toEqual([
      "cpp__triangle-number",
    ]);
    expect(loadTask(`polyglot:${root}:go__clamp`).qualifiedId).toBe("polyglot:go__clamp");
    expect(suiteLanguages([`polyglot:${root}`]).sort()).toEqual(["cpp", "go", "java", "javascript", "python", "rust"]);
  });

  it("rejects a selector it does not know, naming the forms it takes", () => {
    expect(() => loadSuite(`polyglot:${root}:cobol`)).toThrow(
      /unknown polyglot selector "cobol": use a language, dgm-small, dgm-medium or an exercise id/,
    );
    expect(() => loadSuite(`polyglot:${root}:go__no-such-exercise`)).toThrow(/unknown polyglot selector/);
    expect(() => loadSuite(`polyglot:${join(root, "no-such-dir")}`)).toThrow(/does not exist/);
    expect(() => loadTask(`polyglot:${root}`)).toThrow(/names a suite, not one task/);
  });

  it("names the exercises of DGM's subset a directory lacks", () => {
    const small = taskError(() => loadSuite(`polyglot:${root}:dgm-small`));
    expect(small.message).toContain(`lacks 10 exercise(s) of dgm-small: ${DGM_SMALL.join(", ")}`);
    expect(small.fix).toMatch(/dgm tasks fetch polyglot/);
    expect(taskError(() => loadSuite(`polyglot:${root}:dgm-medium`)).message).toContain("lacks 59 exercise(s)");
  });
});

describe("DGM's subsets", () => {
  it("dgm-medium is DGM's small and medium lists together: 59 exercises, small's first", () => {
    expect(DGM_SMALL).toHaveLength(10);
    expect(DGM_MEDIUM).toHaveLength(59);
    expect(new Set(DGM_MEDIUM).size).toBe(59);
    expect(DGM_MEDIUM.slice(0, 10)).toEqual(DGM_SMALL);
    for (const id of DGM_MEDIUM) expect(id).toMatch(/^(cpp|go|java|javascript|python|rust)__[a-z-]+$/);
  });

  it("loads dgm-small from a root holding its exercises, in the subset's order", () => {
    const fake = tempDir("polyglot-dgm-small");
    cpSync(root, fake, { recursive: true });
    for (const id of DGM_SMALL) {
      const [language = "", name = ""] = id.split("__");
      plant(fake, language, name);
    }
    const small = loadSuite(`polyglot:${fake}:dgm-small`);
    expect(small.map((task) => task.qualifiedId)).toEqual(DGM_SMALL.map((id) => `polyglot:${id}`));
    expect(small.find((task) => task.manifest.id === "cpp__all-your-base")?.manifest.testCommand).toEqual([
      "dgm-cpp-test",
      "all-your-base",
    ]);
    // The whole root is the fixture's six exercises and the ten planted ones.
    expect(loadSuite(`polyglot:${fake}`)).toHaveLength(16);
    const medium = taskError(() => loadSuite(`polyglot:${fake}:dgm-medium`));
    expect(medium.message).toContain("lacks 49 exercise(s) of dgm-medium");
    expect(medium.message).not.toContain("go__dominoes");
  });
});

describe("set-aside exercises", () => {
  it("lists an exercise on the set-aside list without running it, unless it is named alone", () => {
    const fake = tempDir("polyglot-set-aside");
    cpSync(root, fake, { recursive: true });
    const [setAsideId = ""] = Object.keys(SET_ASIDE);
    const [language = "", name = ""] = setAsideId.split("__");
    const dir = plant(fake, language, name);
    const scan = scanSuite(`polyglot:${fake}`);
    expect(scan.setAside).toEqual([{ id: setAsideId, reason: SET_ASIDE[setAsideId] }]);
    expect(scan.tasks.map((task) => task.manifest.id)).not.toContain(setAsideId);
    expect(scan.tasks).toHaveLength(6);
    expect(ids(`polyglot:${fake}:${language}`)).toEqual([`${language}__${FIXTURE_EXERCISE[language]}`]);
    // Named alone, by id or by directory, it runs: that is how a set-aside entry is checked again.
    expect(ids(`polyglot:${fake}:${setAsideId}`)).toEqual([setAsideId]);
    expect(ids(`polyglot:${dir}`)).toEqual([setAsideId]);
  });

  it("sets aside java and rust exercises that need what the offline images lack, naming it", () => {
    const fake = tempDir("polyglot-offline");
    appendFileSync(
      join(plant(fake, "java", "gson-user"), "build.gradle"),
      'dependencies {\n    implementation "com.google.code.gson:gson:2.10.1"\n}\n',
    );
    appendFileSync(
      join(plant(fake, "java", "json-user"), "build.gradle"),
      'dependencies {\n    implementation "org.json:json:20231013"\n}\n',
    );
    const serdeUser = join(plant(fake, "rust", "serde-user"), "Cargo.toml");
    writeFileSync(serdeUser, `${readFileSync(serdeUser, "utf8")}serde_json = "1.0"\nhelper = { path = "helper" }\n`);
    const randUser = join(plant(fake, "rust", "rand-user"), "Cargo.toml");
    writeFileSync(randUser, `${readFileSync(randUser, "utf8")}rand = "0.8"\n\n[dev-dependencies]\nanyhow = "1"\n`);

    const scan = scanSuite(`polyglot:${fake}`);
    expect(scan.setAside).toEqual([
      { id: "java__gson-user", reason: expect.stringMatching(/needs com\.google\.code\.gson:gson, which Debian/) },
      { id: "java__json-user", reason: expect.stringMatching(/needs org\.json:json, which Debian/) },
      { id: "rust__serde-user", reason: expect.stringMatching(/needs the crate\(s\) serde_json, which the offline/) },
    ]);
    expect(scan.tasks.map((task) => task.manifest.id)).toEqual(["rust__rand-user"]);
  });

  it("sets aside a language no image runs, and keeps loading the rest", () => {
    const fake = tempDir("polyglot-unsupported");
    cpSync(root, fake, { recursive: true });
    cpSync(join(fixtures, "polyglot-unsupported"), fake, { recursive: true });
    const scan = scanSuite(`polyglot:${fake}`);
    expect(scan.setAside).toEqual([{ id: "csharp", reason: expect.stringMatching(/no sandbox image runs csharp/) }]);
    expect(scan.tasks).toHaveLength(6);
    expect(() => loadPolyglot(join(fake, "csharp"))).toThrow(
      /csharp__hello: polyglot language csharp is not supported/,
    );
  });

  it("reports a broken exercise by id and refuses to run a suite holding one", () => {
    const fake = tempDir("polyglot-broken");
    writeFileSync(join(plant(fake, "go", "broken"), ".meta", "config.json"), '{"files": {"solution": []}}');
    plant(fake, "go", "fine");
    const scan = scanSuite(`polyglot:${fake}`);
    expect(scan.problems).toEqual([{ name: "go__broken", message: expect.stringMatching(/files\.solution/) }]);
    expect(scan.tasks.map((task) => task.manifest.id)).toEqual(["go__fine"]);
    expect(() => loadPolyglot(fake)).toThrow(/1 polyglot exercise\(s\) do not load[\s\S]*go__broken/);
  });
});

describe("polyglot stages", () => {
  const threshold = 0.4;

  it("stages a benchmark root as DGM does: dgm-small, then dgm-medium, then everything", () => {
    expect(stagesOfSuite(`polyglot:${root}`, false)).toEqual([
      { name: "small", suite: `polyglot:${root}:dgm-small`, passThreshold: threshold },
      { name: "medium", suite: `polyglot:${root}:dgm-medium`, passThreshold: threshold },
    ]);
    expect(stagesOfSuite(`polyglot:${root}`, true).at(-1)).toEqual({
      name: "full",
      suite: `polyglot:${root}`,
      passThreshold: 0,
    });
    expect(stagesOfSuite(`polyglot:${root}:dgm-small`, true).map((stage) => stage.suite)).toEqual([
      `polyglot:${root}:dgm-small`,
    ]);
    expect(stagesOfSuite(`polyglot:${root}:dgm-medium`, true).map((stage) => stage.name)).toEqual(["small", "medium"]);
  });

  it("runs a language, an exercise or a language directory as one whole, filed under full", () => {
    for (const suite of [`polyglot:${root}:python`, `polyglot:${root}:go__clamp`, `polyglot:${join(root, "go")}`]) {
      expect(stagesOfSuite(suite, false)).toEqual([{ name: "full", suite, passThreshold: 0 }]);
    }
    expect(
      [`polyglot:${root}:dgm-small`, `polyglot:${root}:dgm-medium`, `polyglot:${root}`, `polyglot:${root}:python`].map(
        stageOfSuite,
      ),
    ).toEqual(["small", "medium", "full", "full"]);
  });
});
