// bench:search's one page (--out bench-search.html): the median true score of each policy's pick against
// the task evaluations spent (the largest budget's searches), and the final picks' regrets by budget.
// Charts by Chart.js, inlined so that the page works offline and on its own.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { median } from "../../common/index.ts";
import { escapeHtml } from "../../src/report/index.ts";
import type { Policy, SearchOutcome } from "./one-search.ts";
import type { PolicyRow } from "./summary.ts";

const colors: Record<Policy, string> = { dgm: "#1a73e8", hgm: "#d93025", random: "#9aa0a6", best: "#188038" };

/** The true score of the trace's pick after `evals` evaluations (the seed's before its first change). */
function scoreAt(outcome: SearchOutcome, evals: number): number {
  let score = outcome.seedTrue;
  for (const [at, value] of outcome.trace) {
    if (at > evals) break;
    score = value;
  }
  return score;
}

function traceSeries(outcomes: readonly SearchOutcome[], policies: readonly Policy[], budget: number) {
  const step = Math.max(1, Math.round(budget / 80));
  const grid = Array.from({ length: Math.floor(budget / step) + 1 }, (_, i) => i * step);
  return policies.map((policy) => {
    const runs = outcomes.filter((o) => o.policy === policy && o.budget === budget);
    return {
      label: `${policy} (median of ${runs.length} seeds)`,
      data: grid.map((x) => ({ x, y: runs.length > 0 ? median(runs.map((run) => scoreAt(run, x))) : null })),
      borderColor: colors[policy],
      backgroundColor: colors[policy],
      stepped: true,
      pointRadius: 0,
      borderWidth: 2,
    };
  });
}

function regretBars(rows: readonly PolicyRow[], policies: readonly Policy[]) {
  const budgets = [...new Set(rows.map((row) => row.budget))].sort((a, b) => a - b);
  const datasets = policies.flatMap((policy) =>
    (["meanRegretHighestObserved", "meanRegretFinalists"] as const).map((key) => ({
      label: `${policy}: ${key === "meanRegretHighestObserved" ? "highest observed" : "LCB after finalists"}`,
      data: budgets.map((budget) => rows.find((row) => row.policy === policy && row.budget === budget)?.[key] ?? null),
      backgroundColor: key === "meanRegretHighestObserved" ? `${colors[policy]}66` : colors[policy],
      ...(key === "meanRegretHighestObserved" ? { borderColor: "#202124", borderWidth: 1 } : {}),
    })),
  );
  return { labels: budgets.map((budget) => `${budget} evals`), datasets };
}

export function renderSearchPage(
  outcomes: readonly SearchOutcome[],
  rows: readonly PolicyRow[],
  policies: readonly Policy[],
  table: string,
): string {
  const largest = Math.max(...outcomes.map((o) => o.budget));
  const require = createRequire(import.meta.url);
  // The package exports only its module entries; the browser bundle sits beside them in dist/.
  const chartJs = readFileSync(join(dirname(require.resolve("chart.js")), "chart.umd.min.js"), "utf8");
  const line = { datasets: traceSeries(outcomes, policies, largest) };
  const bars = regretBars(rows, policies);
  const json = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bench:search</title>
<style>body{font:14px system-ui,sans-serif;margin:24px;max-width:1100px}pre{font-size:12px;overflow-x:auto}.chart{height:360px;margin:16px 0 32px}</style>
</head><body>
<h1>Search quality: DGM, HGM and baselines on the simulator's landscape</h1>
<p>True scores are the simulator's exact expected pass rates, computed from each agent's source; the searches never see them.</p>
<h2>True score of the search's pick (highest 95% lower bound) against task evaluations spent, budget ${largest}</h2>
<div class="chart"><canvas id="trace"></canvas></div>
<h2>Regret of the final pick (best true score made − the pick's), mean over seeds</h2>
<div class="chart"><canvas id="regret"></canvas></div>
<h2>Table</h2>
<pre>${escapeHtml(table)}</pre>
<script>${chartJs}</script>
<script>
new Chart(document.getElementById("trace"), { type: "line", data: ${json(line)},
  options: { maintainAspectRatio: false, animation: false, parsing: true,
    scales: { x: { type: "linear", title: { display: true, text: "task evaluations" } },
              y: { title: { display: true, text: "true score" } } } } });
new Chart(document.getElementById("regret"), { type: "bar", data: ${json(bars)},
  options: { maintainAspectRatio: false, animation: false,
    scales: { y: { beginAtZero: true, title: { display: true, text: "regret (true score)" } } } } });
</script>
</body></html>
`;
}
