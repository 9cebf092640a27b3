// What comes out of a container is hostile (issue 12, items 3, 4, 5 and 11): links never reach the
// host's readers, a sparse file stops at a byte cap, and `dgm solve --apply` writes no link out of the
// user's repository. Every attack aims at the canary in the host's environment or a host file.
import { execFileSync } from "node:child_process";
import { lstatSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { expect, it } from "vitest";
import { openArchive } from "../../archive/index.ts";
import { validateAgent } from "../../src/evolve/gate/index.ts";
import { runAgentOnDirectory, solveOnRepository } from "../../src/run/index.ts";
import { describeDocker, testSandbox } from "../support/docker.ts";
import { tempDir } from "../support/temp.ts";
import { canary, filesHolding, hostileAgent } from "./hostile.ts";

const cli = new URL("../../bin/dgm.mjs", import.meta.url).pathname;

/** Runs an agent through `agent run`'s core on an empty workspace; its home and out dir are returned for inspection. */
async function agentRun(agentDir: string) {
  const home = tempDir("copy-out-home");
  const archive = await openArchive(home);
  try {
    const result = await runAgentOnDirectory({
      archive,
      agentRef: agentDir,
      workspaceDir: tempDir("copy-out-ws"),
      instructions: "anything",
      outDir: join(home, "out"),
      model: "sim",
      limits: { wallSeconds: 60, maxSteps: 3 },
      sandbox: testSandbox(),
    });
    return { result, home };
  } finally {
    archive.close();
  }
}

describeDocker("security: what leaves a container", () => {
  it("the smoke stage never reads a hello.txt that links to a host file", async () => {
    const key = canary();
    const hostFile = join(tempDir("copy-out-host"), "secret.txt");
    writeFileSync(hostFile, `${key}\n`);
    const agent = hostileAgent({
      attack: "",
      smokeAttack: `symlinkSync(${JSON.stringify(hostFile)}, join(workspace, "hello.txt"));`,
    });
    const gate = await validateAgent({
      sourceDir: agent,
      sandbox: testSandbox(),
      bundleDir: tempDir("copy-out-bundle"),
    });
    expect(gate).toEqual({
      ok: false,
      stage: "smoke",
      reason: expect.stringMatching(/^smoke run exited 0 but hello\.txt is not usable: hello\.txt does not exist/),
    });
    expect(JSON.stringify(gate)).not.toContain(key);
  });

  it("a trajectory.jsonl linked to /proc/self/environ is refused on copy-out; --out and the archive stay clean", async () => {
    const key = canary();
    const agent = hostileAgent({
      attack: `rmSync(join(out, "trajectory.jsonl"));
  symlinkSync("/proc/self/environ", join(out, "trajectory.jsonl"));`,
    });
    const { result, home } = await agentRun(agent);
    expect(result.warnings).toContain("/io/out: trajectory.jsonl: symbolic link to /proc/self/environ (refused)");
    expect(readFileSync(result.trajectoryFile, "utf8")).toBe("");
    expect(filesHolding(home, key)).toEqual([]);
  });

  it("a solution file linked to /proc/self/environ is graded as missing; the key reaches no grading output", async () => {
    const key = canary();
    const agent = hostileAgent({
      attack: `rmSync(join(workspace, "rle.js"));
  symlinkSync("/proc/self/environ", join(workspace, "rle.js"));`,
    });
    const home = tempDir("copy-out-eval");
    const evaluation = await execa(
      process.execPath,
      [cli, "eval", agent, "--suite", "builtin:fn-js-run-length", "--home", home, "--json"],
      { reject: false, env: { ...process.env, NO_COLOR: "1" } },
    );
    expect(evaluation.exitCode, evaluation.stderr).toBe(0);
    expect(JSON.parse(evaluation.stdout)).toMatchObject({ solved: 0, total: 1 });
    expect(filesHolding(home, key)).toEqual([]);
  });

  it("a 3 GiB sparse file in /workspace stops the copy at its byte cap, with a clear warning and nothing left", async () => {
    const agent = hostileAgent({
      attack: `writeFileSync(join(workspace, "big.bin"), "");
  truncateSync(join(workspace, "big.bin"), 3 * 1024 ** 3);`,
    });
    const { result } = await agentRun(agent);
    expect(result.status).toBe("ok");
    expect(result.changedFiles).toEqual([]);
    expect(result.warnings.join("\n")).toMatch(
      /copying \/workspace out failed: .*more than 268435456 bytes \(at \.\/big\.bin, 3221225472 bytes\); stopped at the cap/,
    );
  });

  it("`solve --apply` leaves no link to /etc/passwd or / in the user's repository", async () => {
    const home = tempDir("copy-out-solve");
    const archive = await openArchive(home);
    const repo = tempDir("copy-out-repo");
    writeFileSync(join(repo, "README.md"), "# repo\n");
    for (const args of [
      ["init", "--quiet", "-b", "main"],
      ["add", "-A"],
      ["commit", "--quiet", "-m", "initial"],
    ])
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: repo });
    try {
      const agentDir = hostileAgent({
        attack: `symlinkSync("/etc/passwd", join(workspace, "passwd"));
  symlinkSync("/", join(workspace, "root"));
  symlinkSync("../../..", join(workspace, "up"));
  writeFileSync(join(workspace, "NOTES.md"), "an honest change\\n");`,
      });
      const run = archive.createRun({ config: {}, seed: 0 });
      const commit = await archive.store.importDir(agentDir, "hostile");
      const agent = archive.createAgent({
        runId: run.id,
        parentId: null,
        ...commit,
        generation: 0,
        status: "admitted",
      });
      const result = await solveOnRepository({
        archive,
        agentRef: agent.id,
        repoDir: repo,
        instructions: "anything",
        output: { kind: "patch", file: join(home, "fix.patch") },
        apply: true,
        limits: { wallSeconds: 60, maxSteps: 3 },
        sandbox: testSandbox(),
        model: "scripted",
        scripts: { default: ["done"] },
      });
      expect(result.applied).toBe(true);
      expect(result.changedFiles).toEqual(["NOTES.md"]);
      expect(result.warnings).toEqual(
        expect.arrayContaining([
          "workspace: passwd: symbolic link to /etc/passwd (refused)",
          "workspace: root: symbolic link to / (refused)",
          "workspace: up: symbolic link to ../../.. (refused)",
        ]),
      );
      const links = readdirSync(repo).filter((name) => lstatSync(join(repo, name)).isSymbolicLink());
      expect(links).toEqual([]);
      expect(readFileSync(join(repo, "NOTES.md"), "utf8")).toBe("an honest change\n");
    } finally {
      archive.close();
    }
  });
});
