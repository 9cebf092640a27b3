// `dgm tasks fetch polyglot`: a checkout of Aider's polyglot benchmark at the commit our set-aside list
// was measured on, where git can reach it (a machine with internet, or a mirror given by --from).
// Everything else works on any local checkout; this only saves finding and pinning one.
import { existsSync, readdirSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { simpleGit } from "simple-git";
import { scanSuite } from "../../evaluator/index.ts";
import { CommandError } from "./errors.ts";

export const POLYGLOT_REPOSITORY = "https://github.com/Aider-AI/polyglot-benchmark.git";
/** The commit the set-aside list (evaluator/polyglot/set-aside.ts) was measured on. */
export const POLYGLOT_COMMIT = "7e0611e77b54e2dea774cdc0aa00cf9f7ed6144f";

export interface FetchOptions {
  dir: string;
  /** Where to clone from (default: the benchmark's GitHub repository). */
  from?: string;
  /** Commit or branch to check out (default: POLYGLOT_COMMIT). */
  ref?: string;
  onProgress?: (line: string) => void;
}

export interface FetchOutcome {
  dir: string;
  commit: string;
  /** Runnable exercises per language. */
  exercises: Record<string, number>;
  setAside: number;
}

export async function fetchPolyglot(options: FetchOptions): Promise<FetchOutcome> {
  const dir = resolve(options.dir);
  const from = options.from ?? POLYGLOT_REPOSITORY;
  const ref = options.ref ?? POLYGLOT_COMMIT;
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new CommandError(`${dir} exists and is not empty`, {
      fix: `use it as it is (--suite polyglot:${dir}), or choose another --dir`,
    });
  }
  options.onProgress?.(`cloning ${from} into ${dir}`);
  try {
    await simpleGit().clone(from, dir, ["--quiet"]);
    await simpleGit(dir).checkout(["--quiet", ref]);
  } catch (error) {
    // A clone left at the wrong commit (a mistyped --ref) would be refused as "not empty" on the retry.
    rmSync(dir, { recursive: true, force: true });
    const reason = error instanceof Error ? error.message.trim().split("\n").at(-1) : String(error);
    throw new CommandError(`could not fetch the polyglot benchmark from ${from} at ${ref}: ${reason}`, {
      fix: "on a machine without internet, copy a checkout here (or pass --from <mirror>) and use --suite polyglot:<dir>",
      cause: error,
    });
  }
  const commit = (await simpleGit(dir).revparse(["HEAD"])).trim();
  const scan = scanSuite(`polyglot:${dir}`);
  const exercises: Record<string, number> = {};
  for (const task of scan.tasks) exercises[task.manifest.language] = (exercises[task.manifest.language] ?? 0) + 1;
  return { dir, commit, exercises, setAside: scan.setAside.length };
}
