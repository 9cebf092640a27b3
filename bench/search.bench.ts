// bench:search — does a scheduler find better agents for the same task evaluations? DGM, HGM and two
// baselines (DGM's schedule with random or best parent selection) search the simulator's landscape on the
// in-process services (real archive, git and gateway; no containers) at equal task-evaluation budgets,
// over many seeds, with a held-out split and finalists. Judged by the simulator's ground truth: each
// agent's true score (its exact expected pass rate), which the searches never see.
//
//   npm run bench:search -- [--seeds 20] [--budgets 200,400,800] [--policies dgm,hgm,random,best]
//                           [--workers 4] [--out bench-search.html] [--json outcomes.json]
//   npm run bench:search -- --from outcomes.json     # the table and plot again from saved outcomes, no search
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { renderSearchPage } from "./search/chart.ts";
import { POLICIES, type Policy, type SearchJob, type SearchOutcome } from "./search/one-search.ts";
import { runPool } from "./search/pool.ts";
import { formatTables, policyRows, reachRows } from "./search/summary.ts";

const { values } = parseArgs({
  options: {
    seeds: { type: "string", default: "20" },
    budgets: { type: "string", default: "200,400,800" },
    policies: { type: "string", default: POLICIES.join(",") },
    // Half of a search's time is waiting for git and SQLite: two searches per core keep both cores busy.
    workers: { type: "string", default: "4" },
    out: { type: "string", default: "bench-search.html" },
    json: { type: "string" },
    from: { type: "string" },
  },
});

function positiveInts(text: string, flag: string): number[] {
  const numbers = text.split(",").map(Number);
  if (numbers.some((n) => !Number.isInteger(n) || n <= 0)) {
    console.error(`--${flag} takes positive integers separated by commas, got "${text}"`);
    process.exit(2);
  }
  return numbers;
}

const seeds = positiveInts(values.seeds, "seeds")[0]!;
const budgets = positiveInts(values.budgets, "budgets").sort((a, b) => b - a);
const workers = positiveInts(values.workers, "workers")[0]!;
const policies = values.policies.split(",") as Policy[];
const unknown = policies.filter((policy) => !(POLICIES as readonly string[]).includes(policy));
if (unknown.length > 0 || !policies.includes("dgm")) {
  console.error(
    `--policies takes ${POLICIES.join(", ")} and must include dgm (the reference); got "${values.policies}"`,
  );
  process.exit(2);
}

async function search(): Promise<SearchOutcome[]> {
  // Largest budgets first, so that the longest searches do not end the run alone.
  const jobs: SearchJob[] = budgets.flatMap((budget) =>
    policies.flatMap((policy) => Array.from({ length: seeds }, (_, i) => ({ policy, budget, seed: i + 1 }))),
  );
  const started = performance.now();
  console.error(
    `bench:search: ${jobs.length} searches (${policies.join(", ")} × budgets ${budgets.join(", ")} × ${seeds} seeds) on ${workers} workers`,
  );
  const outcomes = await runPool(jobs, workers, (outcome, done) => {
    const pick = outcome.finalPickTrue ?? outcome.highestObservedTrue;
    console.error(
      `  [${done}/${jobs.length}] ${outcome.policy} ${outcome.budget} seed ${outcome.seed}: pick ${pick.toFixed(3)}, best made ${outcome.bestTrue.toFixed(3)}, ${outcome.agents} agents, ${(outcome.ms / 1000).toFixed(1)} s`,
    );
  });
  console.error(`${jobs.length} searches in ${((performance.now() - started) / 60_000).toFixed(1)} min`);
  return outcomes;
}

const outcomes = values.from
  ? (JSON.parse(readFileSync(values.from, "utf8")) as SearchOutcome[]).filter((o) => policies.includes(o.policy))
  : await search();
const largest = Math.max(...outcomes.map((o) => o.budget));
const rows = policyRows(outcomes);
const table = formatTables(rows, reachRows(outcomes, policies), largest);
console.log(table);
if (values.json && !values.from) writeFileSync(values.json, `${JSON.stringify(outcomes, null, 1)}\n`);
writeFileSync(values.out, renderSearchPage(outcomes, rows, policies, table));
console.log(`plot: ${values.out}`);
