// Sandbox overhead against Docker's own baselines, measured in the same run:
//   session (start + copy in 1 MB + exec true + copy out + destroy) vs `docker run --rm <image> true` (target ≤ 1.5×)
//   exec latency (session.exec true) vs the `docker exec <id> true` CLI (target ≤ 1.0×)
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { DockerSandbox, ensureSandboxImage, type SessionOptions } from "../sandbox/index.ts";
import { median, timed } from "./measure.ts";

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 10);
const EXECS = Number(process.env.BENCH_EXECS ?? 30);

const image = await ensureSandboxImage({ log: (line) => console.error(line) });
const sandbox = new DockerSandbox();
const options: SessionOptions = { labels: { purpose: "bench", run: "bench" }, image };
const scratch = await mkdtemp(join(tmpdir(), "dgm-bench-"));
const payload = join(scratch, "in");
await execa("mkdir", ["-p", payload]);
await writeFile(join(payload, "one-megabyte.bin"), randomBytes(1024 * 1024));

try {
  // Warm-up: first container start and first exec are slower for both sides.
  await execa("docker", ["run", "--rm", image, "true"]);
  const warm = await sandbox.startSession(options);
  await warm.exec({ cmd: ["true"], timeoutMs: 10_000 });
  await warm.destroy();

  const bare: number[] = [];
  const session: number[] = [];
  const phases: Record<string, number[]> = { start: [], copyIn: [], exec: [], copyOut: [], destroy: [] };
  for (let round = 0; round < SESSIONS; round++) {
    bare.push(await timed(() => execa("docker", ["run", "--rm", image, "true"])));
    session.push(
      await timed(async () => {
        let started = performance.now();
        const lap = (phase: string) => {
          phases[phase]!.push(performance.now() - started);
          started = performance.now();
        };
        const s = await sandbox.startSession(options);
        lap("start");
        try {
          await s.copyIn(payload, "/workspace/in");
          lap("copyIn");
          await s.exec({ cmd: ["true"], timeoutMs: 10_000 });
          lap("exec");
          await s.copyOut("/workspace/in", join(scratch, `out-${round}`));
          lap("copyOut");
        } finally {
          await s.destroy();
          lap("destroy");
        }
      }),
    );
  }

  const ours: number[] = [];
  const cli: number[] = [];
  const s = await sandbox.startSession(options);
  try {
    for (let round = 0; round < EXECS; round++) {
      cli.push(await timed(() => execa("docker", ["exec", s.containerId, "true"])));
      ours.push(await timed(() => s.exec({ cmd: ["true"], timeoutMs: 10_000 })));
    }
  } finally {
    await s.destroy();
  }

  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const sessionRatio = median(session) / median(bare);
  const execRatio = median(ours) / median(cli);
  console.log(`sandbox benchmark (${SESSIONS} sessions, ${EXECS} execs, image ${image})`);
  console.log(`  docker run --rm image true          median ${ms(median(bare))}`);
  console.log(
    `  session start+copy 1MB+exec+out+rm  median ${ms(median(session))}   ratio ${sessionRatio.toFixed(2)}× (target ≤ 1.5×)`,
  );
  console.log(
    `    phases: ${Object.entries(phases)
      .map(([name, values]) => `${name} ${ms(median(values))}`)
      .join(", ")}`,
  );
  console.log(`  docker exec CLI true                median ${ms(median(cli))}`);
  console.log(
    `  session.exec true                   median ${ms(median(ours))}   ratio ${execRatio.toFixed(2)}× (target ≤ 1.0×)`,
  );
} finally {
  await rm(scratch, { recursive: true, force: true });
}
