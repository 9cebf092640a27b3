// Agent source trees are hostile (issue 12, items 1, 2 and 10): the host never compiles them, never
// follows a link in them, never lets their tsconfig reach a host path, and every command that runs an
// agent puts it through the same gate. Each attack aims at the canary in the host's environment.
import { existsSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { expect, it } from "vitest";
import { openArchive } from "../../archive/index.ts";
import { buildAgent } from "../../evaluator/index.ts";
import { CommandError, runAgentOnDirectory } from "../../src/run/index.ts";
import { describeDocker, testSandbox } from "../support/docker.ts";
import { tempDir } from "../support/temp.ts";
import { canary, filesHolding, hostileAgent } from "./hostile.ts";

const cli = new URL("../../bin/dgm.mjs", import.meta.url).pathname;
const seedTsconfig = JSON.parse(readFileSync(new URL("../../agents/seed/tsconfig.json", import.meta.url), "utf8"));

describeDocker("security: hostile agent trees", () => {
  it("a tree linking to /proc/self/environ is refused by the build, the archive and `agent run`; the key leaks nowhere", async () => {
    const key = canary();
    const dir = hostileAgent({
      header: '// @ts-ignore: a text import\nimport environ from "./env.txt";\nconsole.log(environ);',
      attack: "",
    });
    symlinkSync("/proc/self/environ", join(dir, "src", "env.txt"));
    const out = tempDir("hostile-build");

    const built = await buildAgent({ sandbox: testSandbox(), sourceDir: dir, outFile: join(out, "agent.mjs") });
    expect(built).toEqual({
      ok: false,
      stage: "typecheck",
      reason: expect.stringMatching(/src\/env\.txt is a symbolic link; an agent's tree may hold regular files only/),
    });
    expect(existsSync(join(out, "agent.mjs"))).toBe(false);

    const home = tempDir("hostile-home");
    const archive = await openArchive(home);
    try {
      await expect(archive.store.importDir(dir, "hostile")).rejects.toThrow(/src\/env\.txt is a symbolic link/);
      const workspace = tempDir("hostile-ws");
      const run = runAgentOnDirectory({
        archive,
        agentRef: dir,
        workspaceDir: workspace,
        instructions: "anything",
        outDir: join(home, "out"),
        model: "sim",
        limits: { wallSeconds: 30, maxSteps: 3 },
        sandbox: testSandbox(),
      });
      await expect(run).rejects.toThrow(CommandError);
      await expect(run).rejects.toThrow(/does not pass the gate: typecheck: .*src\/env\.txt is a symbolic link/);
    } finally {
      archive.close();
    }
    expect(JSON.stringify(built)).not.toContain(key);
    expect(filesHolding(home, key)).toEqual([]);
    expect(filesHolding(out, key)).toEqual([]);
  });

  it("the agent's tsconfig reaches no host path: tsBuildInfoFile writes nothing, files and extends read nothing", async () => {
    const key = canary();
    const hostDir = tempDir("hostile-tsconfig-host");
    const secretModule = join(hostDir, "secret.ts");
    writeFileSync(secretModule, `export const secret = "${key}";\n`);
    const secretConfig = join(hostDir, "secret.json");
    writeFileSync(secretConfig, `{"compilerOptions": {"strict": true}, "secret": "${key}"}`);
    const buildInfo = join(hostDir, "written-by-tsc.tsbuildinfo");

    const writes = hostileAgent({
      attack: "",
      tsconfig: {
        ...seedTsconfig,
        compilerOptions: { ...seedTsconfig.compilerOptions, incremental: true, tsBuildInfoFile: buildInfo },
      },
    });
    const reads = hostileAgent({
      attack: "",
      tsconfig: { ...seedTsconfig, extends: secretConfig, files: [secretModule, "src/main.ts"] },
    });
    const out = tempDir("hostile-tsconfig-out");
    const [written, read] = await Promise.all([
      buildAgent({ sandbox: testSandbox(), sourceDir: writes, outFile: join(out, "a.mjs") }),
      buildAgent({ sandbox: testSandbox(), sourceDir: reads, outFile: join(out, "b.mjs") }),
    ]);
    // tsc ran (the first agent is valid), but in the container: the host path was never written.
    expect(written).toMatchObject({ ok: true });
    expect(existsSync(buildInfo)).toBe(false);
    // The host files do not exist in the container: tsc fails without ever seeing their content.
    expect(read).toMatchObject({ ok: false, stage: "typecheck" });
    expect(JSON.stringify(read)).not.toContain(key);
    expect(filesHolding(out, key)).toEqual([]);
  });

  it("`dgm agent run <dir>` and `dgm eval <dir>` typecheck and smoke-run the agent, as the loop's gate does", async () => {
    const home = tempDir("hostile-cli-home");
    const workspace = tempDir("hostile-cli-ws");
    // Bundles fine (esbuild strips types) but does not typecheck.
    const typeError = hostileAgent({ attack: 'const count: number = "three"; void count;' });
    // Typechecks and bundles, but never does the smoke run's one job.
    const noSmoke = hostileAgent({ attack: "", smokeAttack: "process.exit(0);" });
    const env = { ...process.env, NO_COLOR: "1", CI: "" };
    const [agentRun, evaluation] = await Promise.all([
      execa(
        process.execPath,
        [cli, "agent", "run", typeError, "--workspace", workspace, "--instructions", "x", "--model", "sim"].concat([
          "--home",
          home,
        ]),
        { reject: false, env },
      ),
      execa(process.execPath, [cli, "eval", noSmoke, "--suite", "builtin:fn-js-run-length", "--home", home], {
        reject: false,
        env,
      }),
    ]);
    expect(agentRun.exitCode, agentRun.stderr).not.toBe(0);
    expect(agentRun.stderr).toMatch(/does not pass the gate: typecheck: type error at src\/main\.ts:\d+:\d+: TS2322/);
    expect(evaluation.exitCode, evaluation.stderr).not.toBe(0);
    expect(evaluation.stderr).toMatch(/does not pass the gate: smoke: smoke run exited 0 but hello\.txt is not usable/);
  });
});
