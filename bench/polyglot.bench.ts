// What the polyglot languages cost, every figure measured in the same run:
//   image      each toolchain image built anew (no layer cache) on the current base, and its size
//   grading    per exercise, grading the reference as evaluation does (gradeFiles: a hardened container,
//              files written in, the test command, the verdict, destroy) against the same test command
//              in a bare `docker run --rm` with the workspace bind-mounted — median and p90 per language
// Target: grading ≤ 1.3× the bare run (issue 15).
//
//   npm run bench:polyglot                                 the fixtures (one exercise per language)
//   npm run bench:polyglot -- --suite polyglot:<dir>:dgm-small --rounds 3 --no-build
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { formatTable, gradeFiles, loadSuite, type Task } from "../evaluator/index.ts";
import {
  buildLanguageImage,
  DockerSandbox,
  ensureSandboxImage,
  imageSizeBytes,
  languageImageTag,
  TOOLCHAIN_LANGUAGES,
} from "../sandbox/index.ts";
import { bareTestRun, writeGradedWorkspace } from "./bare-run.ts";
import { median, timed } from "./measure.ts";

const { values: args } = parseArgs({
  options: {
    suite: {
      type: "string",
      default: `polyglot:${fileURLToPath(new URL("../tests/fixtures/polyglot", import.meta.url))}`,
    },
    rounds: { type: "string", default: "5" },
    "no-build": { type: "boolean", default: false },
  },
});
const rounds = Number(args.rounds);

function p90(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.9) - 1)] ?? 0;
}

const seconds = (ms: number): string => (ms / 1000).toFixed(2);

/** The same test command in a bare container, timed (see bare-run.ts). */
async function bareRun(task: Task, scratch: string, limited: boolean): Promise<number> {
  const dir = writeGradedWorkspace(task, await mkdtemp(join(scratch, "bare-")));
  const ms = await timed(() => bareTestRun(task, dir, { image: languageImageTag(task.manifest.language), limited }));
  await rm(dir, { recursive: true, force: true });
  return ms;
}

const megabytes = async (tag: string): Promise<string> => `${((await imageSizeBytes(tag)) / 1e6).toFixed(0)} MB`;

await ensureSandboxImage({ log: (line) => console.error(line) });
const imageRows: string[][] = [];
for (const language of TOOLCHAIN_LANGUAGES) {
  let buildMs: number | undefined;
  if (!args["no-build"]) {
    console.error(`building the ${language} image anew…`);
    const outcome = await buildLanguageImage(language, { force: true });
    buildMs = outcome.durationMs;
  } else await buildLanguageImage(language);
  const tag = languageImageTag(language);
  imageRows.push([language, tag, buildMs === undefined ? "-" : `${seconds(buildMs)} s`, await megabytes(tag)]);
}
const base = languageImageTag("python");
imageRows.push(["javascript, python", base, "(base image)", await megabytes(base)]);

const tasks = loadSuite(args.suite as string);
const sandbox = new DockerSandbox();
const scratch = await mkdtemp(join(tmpdir(), "dgm-bench-polyglot-"));
const ours = new Map<string, number[]>();
const bare = new Map<string, number[]>();
const bareLimited = new Map<string, number[]>();
try {
  for (const task of tasks) {
    const language = task.manifest.language;
    // Warm-up: the first container of an image pays for its layers being read.
    await gradeFiles(task, task.reference, { sandbox });
    for (let round = 0; round < rounds; round++) {
      const ms = await timed(async () => {
        const result = await gradeFiles(task, task.reference, { sandbox });
        if (result.status !== "passed")
          throw new Error(`${task.qualifiedId}: the reference ${result.status}: ${result.output.slice(-400)}`);
      });
      ours.set(language, [...(ours.get(language) ?? []), ms]);
      bare.set(language, [...(bare.get(language) ?? []), await bareRun(task, scratch, false)]);
      bareLimited.set(language, [...(bareLimited.get(language) ?? []), await bareRun(task, scratch, true)]);
    }
    console.error(`graded ${task.qualifiedId} ×${rounds}`);
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
}

console.log(`\nImages (built without layer cache on ${base})\n`);
console.log(formatTable(["language", "tag", "build", "size"], imageRows));
console.log(`\nGrading the reference, ${tasks.length} exercise(s) of ${args.suite}, ${rounds} round(s) each\n`);
const gradingRows = [...ours.keys()].sort().map((language) => {
  const mine = ours.get(language) ?? [];
  const theirs = bare.get(language) ?? [];
  const limited = bareLimited.get(language) ?? [];
  return [
    language,
    String(mine.length),
    `${seconds(median(mine))} s`,
    `${seconds(p90(mine))} s`,
    `${seconds(median(theirs))} s`,
    `${seconds(p90(theirs))} s`,
    `${(median(mine) / median(theirs)).toFixed(2)}×`,
    `${seconds(median(limited))} s`,
    `${(median(mine) / median(limited)).toFixed(2)}×`,
  ];
});
console.log(
  formatTable(
    ["language", "runs", "median", "p90", "bare median", "bare p90", "ratio", "bare, same limits", "ratio"],
    gradingRows,
  ),
);
console.log(
  "\ntarget: ratio ≤ 1.3× (grading = container + files + verdict around the same test command); the last column " +
    "compares with a bare run under the sandbox's CPU and memory limits, which is what the harness itself adds",
);
