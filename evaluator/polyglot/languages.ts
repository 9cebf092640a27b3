// How each polyglot language's exercises are run, as the benchmark's own setup runs them (Aider's
// polyglot benchmark, which DGM uses): the test command, the rewrite that un-skips the tests Exercism
// skips for students, the exercise files an agent never gets, and what an exercise needs that cannot
// be had offline. The toolchains themselves are the sandbox's language images (sandbox/languages/).
import type { SandboxLanguage } from "../../sandbox/index.ts";
import type { FileMap } from "../files.ts";

/** Where the sandbox image keeps jest and its config (sandbox/recipe/Dockerfile copies them there). */
export const JEST_DIR = "/opt/jest";

export interface LanguageSpec {
  language: SandboxLanguage;
  /** The toolchain, for the agent's instructions. */
  toolchain: string;
  /** argv that runs the hidden tests in the workspace root. */
  testCommand(testFiles: string[], exercise: string): string[];
  /** Seconds the test command may take: compiling is part of it. */
  testSeconds: number;
  /** The test file with every test enabled (Exercism marks all but the first as skipped). */
  unskip?(source: string): string;
  /** Exercise files the agent does not get: tooling that cannot work offline. */
  omit?(path: string): boolean;
  /** Why the exercise cannot run in the language image, when it cannot (read from its build files). */
  offlineProblem?(workspace: FileMap, reference: FileMap): string | undefined;
  /** Files the reference solution needs besides the example files (Rust: its own Cargo.toml). */
  referenceExtras?(exercise: FileMap): FileMap;
}

/** Crates the rust image serves from Debian's librust-*-dev packages (see sandbox/languages/rust). */
const OFFLINE_CRATES = new Set([
  "time",
  "anyhow",
  "rand",
  "itertools",
  "permutohedron",
  "num-bigint",
  "num-traits",
  "thiserror",
  "regex",
]);
/** Maven artifacts the java image has besides JUnit 5 and AssertJ (see sandbox/languages/java): none. */
const OFFLINE_JARS = new Set<string>();

const text = (file: Buffer | undefined): string => file?.toString("utf8") ?? "";

/**
 * Each line of a Cargo.toml, marked when it declares a crate from a registry: an entry of a
 * [dependencies] or [dev-dependencies] table that is not a local `path` dependency.
 */
function cargoLines(cargoToml: string): { line: string; registryCrate: boolean }[] {
  let inDependencies = false;
  return cargoToml.split("\n").map((line) => {
    const section = /^\s*\[([^\]]+)\]/.exec(line);
    if (section) inDependencies = /^(dev-)?dependencies$/.test(section[1]?.trim() ?? "");
    const value = /^\s*[A-Za-z0-9_-]+\s*=(.*)$/.exec(line)?.[1];
    const registryCrate = inDependencies && !section && value !== undefined && !/\bpath\s*=/.test(value);
    return { line, registryCrate };
  });
}

/** The registry crates a Cargo.toml depends on (names only). */
function crateDependencies(cargoToml: string): string[] {
  return cargoLines(cargoToml)
    .filter((entry) => entry.registryCrate)
    .map((entry) => /^\s*([A-Za-z0-9_-]+)/.exec(entry.line)?.[1] ?? "");
}

/**
 * A Cargo.toml whose dependencies take any version: the offline registry has one version of each crate
 * (Debian's), which is often not the one an old reference pinned.
 */
export function anyCrateVersion(cargoToml: string): string {
  return cargoLines(cargoToml)
    .map(({ line, registryCrate }) =>
      registryCrate
        ? line.replace(/^(\s*[A-Za-z0-9_-]+\s*=\s*)"[^"]*"/, '$1"*"').replace(/(\bversion\s*=\s*)"[^"]*"/, '$1"*"')
        : line,
    )
    .join("\n");
}

/** Maven coordinates (group:artifact) a build.gradle puts on the main classpath. */
function gradleDependencies(buildGradle: string): string[] {
  return [...buildGradle.matchAll(/^\s*(?:implementation|compile|api)\s*\(?\s*["']([^:"']+):([^:"']+)/gm)].map(
    (match) => `${match[1]}:${match[2]}`,
  );
}

const javascript: LanguageSpec = {
  language: "javascript",
  toolchain: `Node ${process.versions.node.split(".")[0]} with jest 29 and Exercism's babel preset`,
  testCommand: (testFiles) => [
    "node",
    `${JEST_DIR}/node_modules/jest/bin/jest.js`,
    "--ci",
    "--config",
    `${JEST_DIR}/jest.config.cjs`,
    "--no-cache",
    "--verbose",
    ...testFiles,
  ],
  testSeconds: 120,
  unskip: (source) => source.replace(/\bxtest\(/g, "test(").replace(/\bxit\(/g, "it("),
};

const python: LanguageSpec = {
  language: "python",
  toolchain: "Python 3.11 with pytest",
  testCommand: (testFiles) => ["python3", "-m", "pytest", "-v", "-p", "no:cacheprovider", ...testFiles],
  testSeconds: 120,
};

const go: LanguageSpec = {
  language: "go",
  toolchain: "Go 1.22 (modules offline: the standard library only)",
  // go test, from the standard library's build cache made with the image (sandbox/languages/go).
  testCommand: () => ["dgm-go-test", "-json", "./..."],
  testSeconds: 180,
};

const rust: LanguageSpec = {
  language: "rust",
  toolchain: `Rust 1.85 with cargo (offline; crates: ${[...OFFLINE_CRATES].join(", ")})`,
  // --include-ignored runs the tests Exercism marks #[ignore].
  testCommand: () => ["cargo", "test", "--", "--include-ignored"],
  testSeconds: 300,
  omit: (path) => path === "Cargo.lock" || path.startsWith("target/"),
  // The reference brings its own Cargo.toml when it uses crates the stub's does not name.
  referenceExtras: (exercise): FileMap => {
    const example = exercise[".meta/Cargo-example.toml"];
    return example ? { "Cargo.toml": Buffer.from(anyCrateVersion(example.toString("utf8"))) } : {};
  },
  offlineProblem: (workspace, reference) => {
    const needed = [text(workspace["Cargo.toml"]), text(reference["Cargo.toml"])].flatMap(crateDependencies);
    const missing = [...new Set(needed)].filter((name) => !OFFLINE_CRATES.has(name));
    return missing.length > 0
      ? `needs the crate(s) ${missing.join(", ")}, which the offline rust image does not have`
      : undefined;
  },
};

const java: LanguageSpec = {
  language: "java",
  toolchain: "Java 17 with JUnit 5 and AssertJ (compiled directly: no gradle)",
  // Compiles src/main/java and src/test/java and runs JUnit's console launcher (sandbox/languages/java).
  testCommand: () => ["dgm-java-test"],
  testSeconds: 180,
  unskip: (source) => source.replace(/^[ \t]*@Disabled(\([^)]*\))?[ \t]*\r?\n/gm, ""),
  // The gradle wrapper downloads gradle: it cannot run in a sandbox without a network.
  omit: (path) => path === "gradlew" || path === "gradlew.bat" || path.startsWith("gradle/"),
  offlineProblem: (workspace) => {
    const missing = gradleDependencies(text(workspace["build.gradle"])).filter((name) => !OFFLINE_JARS.has(name));
    return missing.length > 0
      ? `needs ${missing.join(", ")}, which Debian does not package for the offline java image`
      : undefined;
  },
};

const cpp: LanguageSpec = {
  language: "cpp",
  toolchain: "g++ 12, cmake and Boost.Date_Time; Catch is vendored in the exercise",
  // cmake -DEXERCISM_RUN_ALL_TESTS=1, then make, which runs the tests (sandbox/languages/cpp). The
  // exercise's CMakeLists names its targets after its directory, so the script is told that name.
  testCommand: (_testFiles, exercise) => ["dgm-cpp-test", exercise],
  testSeconds: 300,
  omit: (path) => path.startsWith("build/"),
};

export const LANGUAGE_SPECS: Partial<Record<SandboxLanguage, LanguageSpec>> = {
  javascript,
  python,
  go,
  rust,
  java,
  cpp,
};
