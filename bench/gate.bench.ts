// What the validation gate costs per child, on the seed agent, every figure measured in the same run:
//   host       tsc (the seed's tsconfig) + esbuild, run directly on the host — the gate before issue 12;
//              here only on our own seed, never on an agent's tree
//   build      buildAgent: one hardened container, copy in, tsc, bundle, copy agent.mjs out, destroy
//   build+tests the same container then runs the agent's own tests (issue 13's "tests" stage, as the gate does)
//   own container  the alternative for the tests stage: a second container (start, copy in, run the tests,
//              destroy) — what running them in the build container saves
//   smoke      the smoke run (stage 4), to put the tests stage against the whole gate
// Target: sandbox − host ≤ 2 s per child (issue 12). The tests stage is reported as its cost per child and
// the whole gate's ratio after/before it.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { execa } from "execa";
import { buildAgent, runAgentTestsIn } from "../evaluator/index.ts";
import { DockerSandbox, ensureSandboxImage, prepareToolchain } from "../sandbox/index.ts";
import { smokeTestAgent } from "../src/evolve/gate/index.ts";
import { median, timed } from "./measure.ts";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const root = fileURLToPath(new URL("..", import.meta.url));
const seedDir = join(root, "agents", "seed");

async function hostCompile(outFile: string): Promise<void> {
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  const typeRoots = join(root, "node_modules", "@types");
  await execa(
    process.execPath,
    [tsc, "-p", "tsconfig.json", "--noEmit", "--pretty", "false", "--typeRoots", typeRoots],
    {
      cwd: seedDir,
    },
  );
  await build({
    absWorkingDir: seedDir,
    entryPoints: ["src/main.ts"],
    outfile: outFile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "silent",
  });
}

await ensureSandboxImage({ log: (line) => console.error(line) });
const sandbox = new DockerSandbox();
const scratch = await mkdtemp(join(tmpdir(), "dgm-bench-gate-"));
try {
  /** The tests stage as buildAgent records it: its exec alone, the work it adds to the build container. */
  const testsStageMs: number[] = [];
  const sandboxBuild = async (outFile: string, runTests: boolean): Promise<void> => {
    const result = await buildAgent({ sandbox, sourceDir: seedDir, outFile, runTests });
    if (!result.ok) throw new Error(`the seed does not build: ${result.stage}: ${result.reason}`);
    if (result.durationsMs.tests !== undefined) testsStageMs.push(result.durationsMs.tests);
  };
  const testsInOwnContainer = async (): Promise<void> => {
    const toolchain = await prepareToolchain();
    const session = await sandbox.startSession({
      labels: { purpose: "bench" },
      trees: [toolchain.tree],
      env: { PATH: toolchain.path, LANG: "C.UTF-8", NODE_OPTIONS: "" },
    });
    try {
      await session.copyIn(seedDir, "/workspace/agent", { links: "refuse" });
      const tests = await runAgentTestsIn(session, "/workspace/agent", "/tmp/agent-tests", 120_000);
      if (!tests.ok) throw new Error(`the seed's tests fail: ${tests.reason}`);
    } finally {
      await session.destroy();
    }
  };
  const bundleFile = join(scratch, "seed.mjs");
  const smoke = async (): Promise<void> => {
    const result = await smokeTestAgent({ sandbox, bundleFile });
    if (!result.ok) throw new Error(`the seed fails the smoke run: ${result.reason}`);
  };
  // Warm-up: the first tsc and the first container are slower for every variant.
  await hostCompile(join(scratch, "warm-host.mjs"));
  await sandboxBuild(bundleFile, true);
  await testsInOwnContainer();
  await smoke();
  testsStageMs.length = 0;

  const samples = { host: [] as number[], build: [] as number[], withTests: [] as number[], own: [] as number[] };
  const smokeSamples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    samples.host.push(await timed(() => hostCompile(join(scratch, `host-${round}.mjs`))));
    samples.build.push(await timed(() => sandboxBuild(join(scratch, `build-${round}.mjs`), false)));
    samples.withTests.push(await timed(() => sandboxBuild(join(scratch, `tests-${round}.mjs`), true)));
    samples.own.push(await timed(testsInOwnContainer));
    smokeSamples.push(await timed(smoke));
  }
  const hostMs = median(samples.host);
  const buildMs = median(samples.build);
  const withTestsMs = median(samples.withTests);
  const ownMs = median(samples.own);
  const smokeMs = median(smokeSamples);
  const stageMs = median(testsStageMs);
  const gateBefore = buildMs + smokeMs;
  const ms = (value: number) => `${value.toFixed(0).padStart(6)} ms`;
  const ratio = (after: number) => `${(after / gateBefore).toFixed(2)}×`;
  console.log(`the gate on the seed, median of ${ROUNDS} rounds:`);
  console.log(`  host compile (before issue 12)          ${ms(hostMs)}`);
  console.log(`  typecheck+bundle in the sandbox         ${ms(buildMs)}   ${(buildMs / hostMs).toFixed(2)}× host`);
  console.log(
    `  … + tests in the same container         ${ms(withTestsMs)}   wall difference ${ms(withTestsMs - buildMs)}`,
  );
  console.log(`  tests stage as the build records it     ${ms(stageMs)}`);
  console.log(
    `  tests in a container of their own       ${ms(ownMs)}   ${(ownMs / stageMs).toFixed(2)}× the same-container stage`,
  );
  console.log(`  smoke run                               ${ms(smokeMs)}`);
  console.log(`  whole gate per child (build + smoke)    ${ms(gateBefore)} before the tests stage`);
  console.log(`    with the recorded tests stage         ${ms(gateBefore + stageMs)}   ${ratio(gateBefore + stageMs)}`);
  console.log(
    `    with the wall-time difference         ${ms(withTestsMs + smokeMs)}   ${ratio(withTestsMs + smokeMs)}`,
  );
  console.log(`  compile in the sandbox, extra per child ${(buildMs - hostMs).toFixed(0)} ms (target ≤ 2000 ms)`);
} finally {
  await rm(scratch, { recursive: true, force: true });
}
