// `npm run bench:report`: time to render the HTML report and the terminal tree for 1,000 and 10,000
// agents (target: under 2 s for 10,000), against a baseline measured in the same run —
// JSON.stringify of the same rows, the least any renderer must do to touch every row.
import { rmSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { loadRunView, renderHtmlReport, renderTreeText, treeJson } from "../src/report/index.ts";
import { buildLargeRun } from "../tests/fixtures/archives/build.ts";

function time<T>(fn: () => T, repeats = 3): { ms: number; value: T } {
  let best = Number.POSITIVE_INFINITY;
  let value!: T;
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    value = fn();
    best = Math.min(best, performance.now() - start);
  }
  return { ms: best, value };
}

const rows: string[][] = [];
for (const count of [1000, 10_000]) {
  const fixture = await buildLargeRun(count);
  try {
    const load = time(() => loadRunView(fixture.archive, fixture.runId)!);
    const view = load.value;
    const baseline = time(() => JSON.stringify(view));
    const report = time(() => renderHtmlReport(view));
    const tree = time(() => renderTreeText(view, { width: 100 }));
    const json = time(() => JSON.stringify(treeJson(view)));
    const ratio = (ms: number): string => `${(ms / baseline.ms).toFixed(1)}×`;
    rows.push(
      [`${count}`, "load rows (SQLite)", load.ms.toFixed(0), ratio(load.ms), ""],
      [
        `${count}`,
        "baseline JSON.stringify",
        baseline.ms.toFixed(0),
        "1.0×",
        `${(baseline.value.length / 1e6).toFixed(1)} MB`,
      ],
      [
        `${count}`,
        "HTML report",
        report.ms.toFixed(0),
        ratio(report.ms),
        `${(report.value.length / 1e6).toFixed(1)} MB`,
      ],
      [`${count}`, "terminal tree", tree.ms.toFixed(0), ratio(tree.ms), `${tree.value.split("\n").length} lines`],
      [`${count}`, "tree --json", json.ms.toFixed(0), ratio(json.ms), ""],
      [
        `${count}`,
        "report total (load + render)",
        (load.ms + report.ms).toFixed(0),
        ratio(load.ms + report.ms),
        count === 10_000 ? (load.ms + report.ms < 2000 ? "target < 2 s: met" : "target < 2 s: MISSED") : "",
      ],
    );
  } finally {
    await fixture.dispose();
    rmSync(fixture.home, { recursive: true, force: true });
  }
}

const header = ["agents", "what", "ms (best of 3)", "vs baseline", "size"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
const line = (cells: string[]): string =>
  cells.map((cell, i) => (i === 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
console.log(line(header));
for (const row of rows) console.log(line(row));
