// A bench:search worker process: reads one search job per line on stdin, runs it, writes its outcome as
// one JSON line on stdout. Several run at once so that one search's waits (git, SQLite) overlap another's work.
import { createInterface } from "node:readline";
import { runSearch, type SearchJob } from "./one-search.ts";

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const job = JSON.parse(line) as SearchJob;
  try {
    process.stdout.write(`${JSON.stringify({ ok: true, outcome: await runSearch(job) })}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ ok: false, job, error: (error as Error).stack ?? String(error) })}\n`);
  }
}
