// `dgm tasks fetch polyglot` over the real program and real git: a local repository holding the
// polyglot fixture (one exercise per language, a language no image runs, an exercise on the set-aside
// list) stands in for the benchmark's GitHub repository.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../support/temp.ts";

const cli = new URL("../../bin/dgm.mjs", import.meta.url).pathname;
const fixtures = new URL("../fixtures/", import.meta.url).pathname;

function dgm(args: string[], home: string) {
  const result = spawnSync(process.execPath, [cli, "--home", home, ...args], { encoding: "utf8", timeout: 120_000 });
  return {
    status: result.status,
    stdout: stripVTControlCharacters(result.stdout),
    stderr: stripVTControlCharacters(result.stderr),
  };
}

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync("git", ["-c", "user.name=dgm test", "-c", "user.email=test@dgm.invalid", ...args], {
    cwd,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout.trim();
}

describe("dgm tasks fetch", () => {
  const work = tempDir("tasks-fetch");
  const home = join(work, "home");
  const mirror = join(work, "mirror");
  let head = "";

  beforeAll(() => {
    cpSync(join(fixtures, "polyglot"), mirror, { recursive: true });
    cpSync(join(fixtures, "polyglot-unsupported"), mirror, { recursive: true });
    // javascript__ledger is on the set-aside list: listed by the scan, not counted as runnable.
    cpSync(
      join(mirror, "javascript", "exercises", "practice", "two-fer"),
      join(mirror, "javascript", "exercises", "practice", "ledger"),
      { recursive: true },
    );
    git(mirror, "init", "--quiet");
    git(mirror, "add", ".");
    git(mirror, "commit", "--quiet", "-m", "polyglot fixture");
    head = git(mirror, "rev-parse", "HEAD");
  });

  it("clones the benchmark at the given ref and counts its runnable exercises per language", () => {
    const dir = join(work, "fetched");
    const result = dgm(["tasks", "fetch", "polyglot", "--dir", dir, "--from", mirror, "--ref", "HEAD", "--json"], home);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      dir,
      commit: head,
      exercises: { cpp: 1, go: 1, java: 1, javascript: 1, python: 1, rust: 1 },
      setAside: 2,
    });
    expect(git(dir, "rev-parse", "HEAD")).toBe(head);
    expect(git(dir, "status", "--porcelain")).toBe("");
    expect(existsSync(join(dir, "go", "exercises", "practice", "clamp", ".meta", "example.go"))).toBe(true);
  });

  it("says in words what it fetched and what to run next", () => {
    const dir = join(work, "fetched-text");
    const result = dgm(["tasks", "fetch", "polyglot", "--dir", dir, "--from", mirror, "--ref", "HEAD"], home);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`polyglot benchmark at ${head.slice(0, 7)} in ${dir}`);
    expect(result.stdout).toContain("runnable: cpp 1, go 1, java 1, javascript 1, python 1, rust 1; set aside: 2");
    expect(result.stdout).toContain(`next: dgm tasks check polyglot:${dir}:dgm-small`);
  });

  it("refuses a --dir that is not empty, saying how to go on", () => {
    const dir = join(work, "occupied");
    mkdirSync(dir);
    writeFileSync(join(dir, "notes.txt"), "mine\n");
    const result = dgm(["tasks", "fetch", "polyglot", "--dir", dir, "--from", mirror, "--json"], home);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${dir} exists and is not empty`);
    expect(result.stderr).toMatch(/^fix: .*--suite polyglot:/m);
    expect(result.stdout).toBe("");
  });

  it("says what went wrong when the ref is not in the repository, and leaves no clone behind", () => {
    const dir = join(work, "bad-ref");
    const result = dgm(["tasks", "fetch", "polyglot", "--dir", dir, "--from", mirror, "--ref", "no-such-ref"], home);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`could not fetch the polyglot benchmark from ${mirror} at no-such-ref`);
    expect(result.stderr).toMatch(/^fix: /m);
    // A clone at the wrong commit would block the retry with the ref corrected.
    expect(existsSync(dir)).toBe(false);
    expect(dgm(["tasks", "fetch", "polyglot", "--dir", dir, "--from", mirror, "--ref", "HEAD"], home).status).toBe(0);
  });

  it("rejects a benchmark it cannot fetch as a usage error", () => {
    const result = dgm(["tasks", "fetch", "swe-bench", "--dir", join(work, "never")], home);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown benchmark "swe-bench": the one that can be fetched is polyglot');
    expect(existsSync(join(work, "never"))).toBe(false);
  });
});
