// One generation of the loop with the sim simulator, split by phase (diagnose, self-modify, gate,
// evaluate), and the share of each phase spent in our own code rather than in sandbox calls
// (container start, copies, the agent and test processes, destroy). Children run one at a time with
// one container slot so that every sandbox call belongs to exactly one phase.
// Baseline measured in the same run: a bare `docker run --rm <image> true`.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { openArchive } from "../archive/index.ts";
import { DockerSandbox, ensureSandboxImage, type Sandbox, type SandboxSession } from "../sandbox/index.ts";
import {
  createEvolveServices,
  demoOptions,
  EvolutionLoop,
  type Phase,
  parseEvolveOptions,
} from "../src/evolve/index.ts";
import { loadModelsConfig } from "../src/llm/index.ts";

const CHILDREN = Number(process.env.BENCH_CHILDREN ?? 2);

/** Wraps a sandbox so that every call's duration is charged to the phase going on at the time. */
function timingSandbox(inner: Sandbox, charge: (ms: number) => void): Sandbox {
  const timed = async <T>(work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      charge(performance.now() - started);
    }
  };
  const wrap = (session: SandboxSession): SandboxSession => ({
    containerId: session.containerId,
    engine: session.engine,
    exec: (options) => timed(() => session.exec(options)),
    copyIn: (from, to) => timed(() => session.copyIn(from, to)),
    writeFiles: (dir, files) => timed(() => session.writeFiles(dir, files)),
    copyOut: (from, to) => timed(() => session.copyOut(from, to)),
    destroy: () => timed(() => session.destroy()),
  });
  return {
    startSession: async (options) => wrap(await timed(() => inner.startSession(options))),
    prune: (filter) => inner.prune(filter),
  };
}

const image = await ensureSandboxImage({ log: (line) => console.error(line) });
await execa("docker", ["run", "--rm", image, "true"]);
const bare: number[] = [];
for (let i = 0; i < 5; i++) {
  const started = performance.now();
  await execa("docker", ["run", "--rm", image, "true"]);
  bare.push(performance.now() - started);
}
const bareMs = bare.sort((a, b) => a - b)[2]!;

const home = await mkdtemp(join(tmpdir(), "dgm-bench-evolve-"));
const archive = await openArchive(home);
const options = parseEvolveOptions({
  ...demoOptions(),
  maxGenerations: 1,
  childrenPerGeneration: CHILDREN,
  workers: 1,
  maxContainers: 1,
});
const models = loadModelsConfig({ model: "sim" });
const run = archive.createRun({ config: { options, models }, seed: options.seed });

let phase: Phase | "seed" = "seed";
const wall: Record<string, number> = {};
const inSandbox: Record<string, number> = {};
let phaseStarted = performance.now();
const closePhase = (next: Phase | "seed") => {
  wall[phase] = (wall[phase] ?? 0) + performance.now() - phaseStarted;
  phase = next;
  phaseStarted = performance.now();
};
const sandbox = timingSandbox(new DockerSandbox(), (ms) => {
  inSandbox[phase] = (inSandbox[phase] ?? 0) + ms;
});
const wiring = createEvolveServices(archive, run, options, models, { sandbox });
const loop = new EvolutionLoop(wiring.services, options, home, {
  stop: new AbortController(),
  abort: new AbortController(),
});
loop.events.on((event) => {
  if (event.type === "attempt-phase") closePhase(event.phase);
  if (event.type === "attempt-ended") closePhase("done");
});

const started = performance.now();
const result = await loop.execute(run, false);
closePhase("done");
const total = performance.now() - started;
await wiring.close();

const rows = (["seed", "diagnosing", "self-modifying", "committing", "gating", "evaluating", "admitting"] as const).map(
  (name) => {
    const ms = wall[name] ?? 0;
    const container = Math.min(inSandbox[name] ?? 0, ms);
    return {
      phase: name,
      wallMs: Math.round(ms),
      sandboxMs: Math.round(container),
      ownMs: Math.round(ms - container),
      ownShare: ms ? (ms - container) / ms : 0,
    };
  },
);
const generation = rows.filter((row) => row.phase !== "seed");
const genWall = generation.reduce((sum, row) => sum + row.wallMs, 0);
const genOwn = generation.reduce((sum, row) => sum + row.ownMs, 0);

console.log(
  `run ${result.run.id}: ${result.status} (${result.stop.message}); ${CHILDREN} children, one at a time, one container slot`,
);
console.log(`baseline: bare docker run --rm true = ${bareMs.toFixed(0)} ms (median of 5)\n`);
console.log("phase            wall ms   in sandbox ms   own ms   own share   wall / bare docker run");
for (const row of rows) {
  console.log(
    `${row.phase.padEnd(16)} ${String(row.wallMs).padStart(7)}   ${String(row.sandboxMs).padStart(13)}   ${String(row.ownMs).padStart(6)}   ${(row.ownShare * 100).toFixed(1).padStart(8)}%   ${(row.wallMs / bareMs).toFixed(1).padStart(8)}×`,
  );
}
console.log(
  `\none generation (${CHILDREN} children): ${genWall} ms wall, ${genOwn} ms own overhead (${((genOwn / genWall) * 100).toFixed(1)}%), ${(genWall / bareMs).toFixed(1)}× a bare docker run; total with seed ${Math.round(total)} ms`,
);
archive.close();
await rm(home, { recursive: true, force: true });
