// Evaluator costs against Docker's own baseline, measured in the same run:
//   grading one task (fresh hardened container + copy in + test run + destroy) vs the same test command
//   in a bare `docker run --rm` over a bind-mounted, pre-written workspace (target ≤ 1.3×)
//   throughput of grading the medium subset's reference solutions at 1 and 2 workers
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  builtinSubsets,
  ContainerSlots,
  gradeFiles,
  loadBuiltinIds,
  loadSuite,
  type Task,
} from "../evaluator/index.ts";
import { DockerSandbox, ensureSandboxImage } from "../sandbox/index.ts";
import { bareTestRun, writeGradedWorkspace } from "./bare-run.ts";
import { median, timed } from "./measure.ts";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const OVERHEAD_TASKS = Number(process.env.BENCH_OVERHEAD_TASKS ?? 6);

/** The medium subset, or as much of it as loads (a broken task must not stop the benchmark). */
function mediumTasks(): Task[] {
  try {
    return loadSuite("builtin:medium");
  } catch (error) {
    console.error(`warning: ${(error as Error).message.split("\n")[0]}; using the tasks that load`);
    return builtinSubsets().medium.flatMap((id) => {
      try {
        return loadBuiltinIds([id]);
      } catch {
        return [];
      }
    });
  }
}

const image = await ensureSandboxImage({ log: (line) => console.error(line) });
const sandbox = new DockerSandbox();
const tasks = mediumTasks();
// An even mix of languages for the overhead comparison.
const js = tasks.filter((task) => task.manifest.language === "javascript");
const py = tasks.filter((task) => task.manifest.language === "python");
const sample = [...js.slice(0, OVERHEAD_TASKS / 2), ...py.slice(0, OVERHEAD_TASKS / 2)];
const scratch = mkdtempSync(join(tmpdir(), "dgm-eval-bench-"));

try {
  console.log(`grading overhead: ${sample.length} tasks × ${ROUNDS} rounds (image ${image})`);
  const ratios: number[] = [];
  const rows: string[] = [];
  for (const task of sample) {
    const dir = writeGradedWorkspace(task, join(scratch, task.manifest.id));
    const bare = () => bareTestRun(task, dir, { image });
    const grade = () => gradeFiles(task, task.reference, { sandbox });
    await bare();
    await grade(); // warm both paths once
    const bareTimes: number[] = [];
    const gradeTimes: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      bareTimes.push(await timed(bare));
      gradeTimes.push(await timed(grade));
    }
    const ratio = median(gradeTimes) / median(bareTimes);
    ratios.push(ratio);
    rows.push(
      `  ${task.manifest.id.padEnd(30)} bare ${median(bareTimes).toFixed(0).padStart(5)} ms  graded ${median(gradeTimes).toFixed(0).padStart(5)} ms  ${ratio.toFixed(2)}×`,
    );
  }
  console.log(rows.join("\n"));
  const overall = median(ratios);
  console.log(
    `grading vs bare docker run: median ${overall.toFixed(2)}× (target ≤ 1.30×) ${overall <= 1.3 ? "OK" : "OVER TARGET"}`,
  );

  console.log(`\nthroughput: grading ${tasks.length} medium references`);
  const throughput: Record<number, number> = {};
  for (const workers of [1, 2]) {
    const slots = new ContainerSlots(workers);
    const ms = await timed(async () => {
      const results = await Promise.all(tasks.map((task) => gradeFiles(task, task.reference, { sandbox, slots })));
      const failed = results.filter((result) => result.status !== "passed").length;
      if (failed > 0) console.log(`  (${failed} reference(s) did not pass)`);
    });
    throughput[workers] = tasks.length / (ms / 1000);
    console.log(`  ${workers} worker(s): ${(ms / 1000).toFixed(1)} s, ${throughput[workers]?.toFixed(2)} tasks/s`);
  }
  console.log(`  speed-up at 2 workers: ${((throughput[2] ?? 0) / (throughput[1] ?? 1)).toFixed(2)}×`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
