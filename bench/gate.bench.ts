// The gate's compile stages moved into the sandbox (issue 12): what that costs per child, measured
// against the host path it replaced, in the same run, on the seed agent:
//   host    tsc (the seed's tsconfig) + esbuild, run directly on the host — the old gate; here only on
//           our own seed, never on an agent's tree
//   sandbox buildAgent: one hardened container, copy in, tsc, bundle, copy agent.mjs out, destroy
// Target: sandbox − host ≤ 2 s per child on 2 cores.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { execa } from "execa";
import { buildAgent } from "../evaluator/index.ts";
import { DockerSandbox, ensureSandboxImage } from "../sandbox/index.ts";
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
  const sandboxCompile = async (outFile: string): Promise<void> => {
    const result = await buildAgent({ sandbox, sourceDir: seedDir, outFile });
    if (!result.ok) throw new Error(`the seed does not build: ${result.stage}: ${result.reason}`);
  };
  // Warm-up: the first tsc and the first container are slower for both sides.
  await hostCompile(join(scratch, "warm-host.mjs"));
  await sandboxCompile(join(scratch, "warm-sandbox.mjs"));

  const host: number[] = [];
  const inSandbox: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    host.push(await timed(() => hostCompile(join(scratch, `host-${round}.mjs`))));
    inSandbox.push(await timed(() => sandboxCompile(join(scratch, `sandbox-${round}.mjs`))));
  }
  const hostMs = median(host);
  const sandboxMs = median(inSandbox);
  console.log(`gate compile, median of ${ROUNDS} rounds on the seed:`);
  console.log(`  host (old)     ${hostMs.toFixed(0)} ms`);
  console.log(`  sandbox (new)  ${sandboxMs.toFixed(0)} ms   ratio ${(sandboxMs / hostMs).toFixed(2)}×`);
  console.log(`  extra per child ${(sandboxMs - hostMs).toFixed(0)} ms (target ≤ 2000 ms)`);
} finally {
  await rm(scratch, { recursive: true, force: true });
}
