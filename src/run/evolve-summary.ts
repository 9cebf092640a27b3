// The closing screen of a run: the lineage tree, the best agent against the seed, the spend, where
// the archive is, and what to try next.
import { resolve } from "node:path";
import pc from "picocolors";
import type { Archive } from "../../archive/index.ts";
import type { LoopResult } from "../evolve/index.ts";
import type { ModelsConfig } from "../llm/index.ts";
import { loadRunView, renderTreeText } from "../report/index.ts";

const score = (value: number | undefined) => (value === undefined ? "—" : value.toFixed(2));

export async function printRunSummary(
  archive: Archive,
  result: LoopResult,
  context: { demo: boolean; models: ModelsConfig },
): Promise<void> {
  const runId = result.run.id;
  const view = loadRunView(archive, runId);
  const out: string[] = [""];
  if (view) {
    out.push(
      pc.bold("Lineage"),
      renderTreeText(view, { width: process.stdout.columns ?? 100, color: process.stdout.isTTY }),
      "",
    );
  }
  const agents = archive.listAgents(runId);
  const seed = agents.find((agent) => agent.parentId === null);
  const best = result.best;
  const counts = new Map<string, number>();
  for (const agent of agents) counts.set(agent.status, (counts.get(agent.status) ?? 0) + 1);
  out.push(
    `${pc.bold("Run")} ${runId}: ${result.status}${result.stop.kind === "finished" ? "" : ` (${result.stop.message})`}`,
    `  agents: ${[...counts.entries()].map(([status, n]) => `${n} ${status}`).join(", ")}`,
  );
  if (seed && best) {
    for (const stage of ["small", "medium", "full"] as const) {
      if (seed.scores[stage] === undefined && best.scores[stage] === undefined) continue;
      out.push(`  ${stage}: seed ${score(seed.scores[stage])} → best ${pc.green(score(best.scores[stage]))}`);
    }
    out.push(`  best agent: ${best.id}${best.id === seed.id ? " (the seed: no child beat it yet)" : ""}`);
  }
  const run = archive.getRun(runId);
  const spend = run?.costUsd === null ? "unknown (a model had no price)" : `$${(run?.costUsd ?? 0).toFixed(4)}`;
  out.push(
    `  spend: ${spend}, ${run?.totalTokens ?? 0} tokens${context.models.solve.provider === "sim" ? " (simulated: the sim simulator, not a model)" : ""}`,
  );
  out.push(`  archive: ${archive.home}`, "");
  out.push(pc.bold("Next"));
  const dgm = `npx dgm${archive.home === resolve(".dgm") ? "" : ` --home ${archive.home}`}`;
  const next: [string, string][] = [["the lineage again", `${dgm} tree ${runId}`]];
  if (best) next.push(["the best agent: its diff, problem statement, results", `${dgm} show ${best.id.slice(0, 8)}`]);
  next.push(["an offline HTML report", `${dgm} report ${runId} --out report.html`]);
  next.push(["the live web UI", `${dgm} serve`]);
  next.push(["use the best agent on your code", `${dgm} solve --agent best --repo <path> "<instructions>"`]);
  if (result.status !== "finished") next.push(["continue this run", `${dgm} evolve --resume ${runId}`]);
  for (const [what, command] of next) out.push(pc.dim(`  # ${what}`), `  ${command}`);
  console.log(out.join("\n"));
}
