// `dgm solve`'s core on a small git repository: the seed agent (imported into a real archive) runs in
// the real sandbox through the real gateway, driven by the scripted model (the only fake). The result
// is a patch that applies cleanly, or a branch — and the user's working tree is never touched.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type AgentRow, openArchive, type SqliteArchive } from "../../archive/index.ts";
import type { ScriptStep } from "../../src/llm/index.ts";
import { CommandError, solveOnRepository } from "../../src/run/index.ts";
import { describeDocker, testSandbox } from "../support/docker.ts";

const seedDir = new URL("../../agents/seed/", import.meta.url).pathname;
const original = "export function greet(name) {\n  return 'hello ' + name;\n}\n";
const helloLine = "  return `Hello, $" + "{name}!`;";
const fixed = `export function greet(name) {\n${helloLine}\n}\n`;

const git = (repo: string, ...args: string[]): string =>
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: repo, encoding: "utf8" });

describeDocker("dgm solve on a repository", () => {
  let archive: SqliteArchive;
  let agent: AgentRow;
  let repo: string;
  const work = mkdtempSync(join(tmpdir(), "dgm-solve-test-"));
  const script: ScriptStep[] = [
    {
      toolCalls: [
        {
          name: "editor",
          arguments: {
            command: "str_replace",
            path: "/workspace/src/greet.js",
            old_str: "'hello ' + name",
            new_str: helloLine.slice(9, -1),
          },
        },
      ],
    },
    "Greeting fixed.",
  ];

  beforeAll(async () => {
    archive = await openArchive(join(work, "home"));
    const run = archive.createRun({ config: {}, seed: 0 });
    const commit = await archive.store.importDir(seedDir, "seed");
    agent = archive.createAgent({ runId: run.id, parentId: null, ...commit, generation: 0, status: "admitted" });
    archive.setAgentScore(agent.id, "small", 0.5);

    repo = join(work, "repo");
    execFileSync("mkdir", ["-p", join(repo, "src")]);
    writeFileSync(join(repo, "src/greet.js"), original);
    writeFileSync(join(repo, "README.md"), "# greet\n");
    writeFileSync(join(repo, ".gitignore"), "secret.txt\n");
    git(repo, "init", "--quiet", "-b", "main");
    git(repo, "add", "-A");
    git(repo, "commit", "--quiet", "-m", "initial");
    writeFileSync(join(repo, "secret.txt"), "ignored files are not copied\n");
  }, 60_000);
  afterAll(() => {
    archive?.close();
    rmSync(work, { recursive: true, force: true });
  });

  const solve = (output: Parameters<typeof solveOnRepository>[0]["output"]) =>
    solveOnRepository({
      archive,
      agentRef: agent.id,
      repoDir: repo,
      instructions: "Make greet return 'Hello, <name>!'.",
      output,
      limits: { wallSeconds: 60, maxSteps: 5 },
      sandbox: testSandbox(),
      model: "scripted",
      scripts: { default: script },
    });

  it("writes a patch that applies cleanly and leaves the working tree untouched", async () => {
    const patchFile = join(work, "out/fix.patch");
    const result = await solve({ kind: "patch", file: patchFile });
    expect({ status: result.status, exitCode: result.exitCode, changed: result.changedFiles }).toEqual({
      status: "ok",
      exitCode: 0,
      changed: ["src/greet.js"],
    });
    expect(readFileSync(patchFile, "utf8")).toContain(`+${helloLine}`);
    // Untouched: same content, clean status (the ignored file is still there and was not copied).
    expect(readFileSync(join(repo, "src/greet.js"), "utf8")).toBe(original);
    expect(git(repo, "status", "--porcelain")).toBe("");
    git(repo, "apply", "--check", patchFile);
    // Recorded in the archive as a run with the agent's model call.
    expect(archive.listModelCalls({ runId: result.runId })).toHaveLength(2);
    expect(archive.getRun(result.runId)?.status).toBe("finished");
  }, 120_000);

  it("commits to a new branch from HEAD without checking it out", async () => {
    const result = await solve({ kind: "branch", name: "dgm/greet" });
    expect(result.branch).toBe("dgm/greet");
    expect(git(repo, "show", "dgm/greet:src/greet.js")).toBe(fixed);
    expect(git(repo, "rev-parse", "--abbrev-ref", "HEAD").trim()).toBe("main");
    expect(readFileSync(join(repo, "src/greet.js"), "utf8")).toBe(original);
    expect(git(repo, "status", "--porcelain")).toBe("");
    await expect(solve({ kind: "branch", name: "dgm/greet" })).rejects.toThrow(CommandError);
  }, 120_000);
});
