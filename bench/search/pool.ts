// Runs search jobs on a pool of worker processes (worker.ts), handing each worker its next job as soon as
// it reports the last one, so long and short searches balance out.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { SearchJob, SearchOutcome } from "./one-search.ts";

type Reply = { ok: true; outcome: SearchOutcome } | { ok: false; job: SearchJob; error: string };

export async function runPool(
  jobs: readonly SearchJob[],
  workers: number,
  onOutcome: (outcome: SearchOutcome, done: number) => void,
): Promise<SearchOutcome[]> {
  const queue = [...jobs];
  const outcomes: SearchOutcome[] = [];
  const root = join(import.meta.dirname, "..", "..");
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [join(root, "bin/run-ts.mjs"), join(import.meta.dirname, "worker.ts")], {
        stdio: ["pipe", "pipe", "inherit"],
        cwd: root,
      });
      const giveNext = () => {
        const job = queue.shift();
        if (job) child.stdin.write(`${JSON.stringify(job)}\n`);
        else child.stdin.end();
      };
      createInterface({ input: child.stdout }).on("line", (line) => {
        const reply = JSON.parse(line) as Reply;
        if (!reply.ok) {
          child.kill();
          reject(new Error(`search ${JSON.stringify(reply.job)} failed:\n${reply.error}`));
          return;
        }
        outcomes.push(reply.outcome);
        onOutcome(reply.outcome, outcomes.length);
        giveNext();
      });
      child.on("error", reject);
      child.on("exit", (code) =>
        code === 0 || code === null ? resolve() : reject(new Error(`worker exited ${code}`)),
      );
      giveNext();
    });
  await Promise.all(Array.from({ length: Math.min(workers, jobs.length) }, one));
  return outcomes;
}
