// What a SWE-bench instance costs on this machine beyond our own tasks, measured in the same run:
//   grading    the offline instance's gold patch (fresh container of its image, /testbed copied and
//              committed, patches applied, pytest, log parsed) vs grading a built-in Python task's
//              reference (gradeFiles), median of BENCH_ROUNDS
//   repository the agent's session set-up for a repository of BENCH_REPO_MB (its image built once from
//              the offline instance's with generated files and a .git of about a third of that):
//              start with /testbed copied + node carried in + base committed + diff taken, vs a plain
//              session start on the same image; and how much of the tmpfs the copy fills
//   disk       the instance image's own layer over our base image
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  commitBase,
  diffFromBase,
  type EnvironmentTask,
  gradeFiles,
  gradeInstance,
  loadSuite,
  repositoryDir,
} from "../evaluator/index.ts";
import {
  DEFAULT_LIMITS,
  DockerSandbox,
  ensureSandboxImage,
  imageSizeBytes,
  prepareNodeRuntime,
} from "../sandbox/index.ts";
import { swebenchFixture, swebenchRepositoryImage } from "../tests/support/swebench-fixture.ts";
import { median, timed } from "./measure.ts";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const REPO_MB = Number(process.env.BENCH_REPO_MB ?? 60);
const MB = 1_000_000;

const base = await ensureSandboxImage({ log: (line) => console.error(line) });
const sandbox = new DockerSandbox();
const fixture = await swebenchFixture();
const scratch = mkdtempSync(join(tmpdir(), "dgm-swebench-bench-"));
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

try {
  const [instance] = loadSuite(`swebench:${fixture.instancesFile(scratch)}`);
  if (!instance?.environment) throw new Error("the fixture did not load");
  const task = { ...instance, environment: { ...instance.environment, image: fixture.image } } as EnvironmentTask;
  const [builtin] = loadSuite("builtin:repo-py-inventory-stock");
  if (!builtin) throw new Error("builtin:repo-py-inventory-stock did not load");

  // Grading: one warm-up each, then alternate so a busy moment hits both alike.
  await gradeInstance(task, fixture.goldPatch, { sandbox });
  await gradeFiles(builtin, builtin.reference, { sandbox });
  const instanceTimes: number[] = [];
  const builtinTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    instanceTimes.push(await timed(() => gradeInstance(task, fixture.goldPatch, { sandbox })));
    builtinTimes.push(await timed(() => gradeFiles(builtin, builtin.reference, { sandbox })));
  }
  const grading = median(instanceTimes) / median(builtinTimes);
  console.log(
    `grading: instance ${fmt(median(instanceTimes))} vs built-in python task ${fmt(median(builtinTimes))} → ${grading.toFixed(2)}×`,
  );

  // The agent's session set-up on a bigger repository.
  const image = await swebenchRepositoryImage(fixture, REPO_MB);
  const runtime = await prepareNodeRuntime();
  const labels = { purpose: "bench" as const };
  let used = "";
  const phases: { copy: number[]; commit: number[]; diff: number[] } = { copy: [], commit: [], diff: [] };
  const setUp = async () => {
    let started = performance.now();
    const session = await sandbox.startSession({
      labels,
      image,
      trees: [runtime],
      imageDirs: [repositoryDir(DEFAULT_LIMITS.workspaceBytes)],
    });
    phases.copy.push(performance.now() - started);
    try {
      started = performance.now();
      const commit = await commitBase(session);
      phases.commit.push(performance.now() - started);
      started = performance.now();
      await diffFromBase(session, commit);
      phases.diff.push(performance.now() - started);
      used = (await session.exec({ cmd: ["du", "-sm", "/testbed"], timeoutMs: 60_000 })).stdout.split("\t")[0] ?? "?";
    } finally {
      await session.destroy();
    }
  };
  const plain = async () => (await sandbox.startSession({ labels, image })).destroy();
  await setUp();
  await plain();
  const setUpTimes: number[] = [];
  const plainTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    setUpTimes.push(await timed(setUp));
    plainTimes.push(await timed(plain));
  }
  console.log(
    `repository of ${REPO_MB} MB + .git of ${Math.round(REPO_MB / 3)} MB: set-up ${fmt(median(setUpTimes))} vs plain start ${fmt(median(plainTimes))} → ${(median(setUpTimes) / median(plainTimes)).toFixed(2)}×; ${((median(setUpTimes) - median(plainTimes)) / REPO_MB).toFixed(1)} ms per MB; /testbed fills ${used} MB of its ${DEFAULT_LIMITS.workspaceBytes / 2 ** 20} MiB tmpfs (the .git is left out)`,
  );
  console.log(
    `  of which: start with the copy ${fmt(median(phases.copy))}, commit the base ${fmt(median(phases.commit))}, take the diff ${fmt(median(phases.diff))}`,
  );

  const layer = (await imageSizeBytes(fixture.image)) - (await imageSizeBytes(base));
  console.log(
    `disk: the offline instance's image adds ${(layer / MB).toFixed(2)} MB to our base (${((await imageSizeBytes(base)) / MB) | 0} MB)`,
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
