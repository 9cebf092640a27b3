// `dgm runs`, `dgm agents <run>`, `dgm lineage <agent>` and `dgm archive verify|sweep`: reading the archive.
import { stripVTControlCharacters } from "node:util";
import type { Command } from "commander";
import pc from "picocolors";
import { type AgentRow, archiveExists, headlineScore, type RunRow, resolveRunRef } from "../../../archive/index.ts";
import { resolveArchivedAgent } from "../../../evaluator/index.ts";
import { estimatedMark, estimateNote, runKind } from "../../report/index.ts";
import { homeFrom, printJson, wholeNumber, withArchive } from "../shared.ts";

/** Left-aligned columns sized to their widest cell (ANSI colours ignored when measuring). */
export function table(header: string[], rows: string[][]): string {
  const visible = (cell: string) => stripVTControlCharacters(cell).length;
  const widths = header.map((title, i) => Math.max(visible(title), ...rows.map((row) => visible(row[i] ?? ""))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell + " ".repeat(Math.max(0, (widths[i] ?? 0) - visible(cell))))
      .join("  ")
      .trimEnd();
  return [pc.bold(line(header)), ...rows.map(line)].join("\n");
}

const money = (usd: number | null) => (usd === null ? "unknown" : `$${usd.toFixed(4)}`);
/** A run's cost, "≈"-marked when some of its calls had no usage from the server. */
const runMoney = (run: RunRow) =>
  run.estimatedCalls > 0 && run.costUsd !== null ? `${estimatedMark}${money(run.costUsd)}` : money(run.costUsd);
const score = (agent: AgentRow) => {
  const value = headlineScore(agent);
  return value === undefined ? "-" : value.toFixed(3);
};
const scores = (agent: AgentRow) =>
  Object.entries(agent.scores)
    .map(([stage, value]) => `${stage} ${value.toFixed(2)}`)
    .join(", ") || "-";
const statusColour: Record<AgentRow["status"], (text: string) => string> = {
  admitted: pc.green,
  rejected: pc.yellow,
  invalid: pc.red,
  pending: pc.dim,
  evaluating: pc.cyan,
};

export function registerArchiveCommands(program: Command): void {
  program
    .command("runs")
    .description(
      "list runs (evolution runs, and the bookkeeping runs of agent run, solve and eval) with their status, agents, best score, tokens and cost",
    )
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }, command: Command) => {
      // A home with no archive yet has no runs: an empty listing, not an error.
      if (!archiveExists(homeFrom(command))) {
        if (options.json) return printJson([]);
        return console.log("No runs yet; start one with `dgm evolve`.");
      }
      return withArchive(command, (archive) => {
        const runs = archive.listRuns().map((run) => ({
          ...run,
          kind: runKind(run),
          agents: archive.listAgents(run.id).length,
          best: archive.bestAgent(run.id) ?? null,
        }));
        if (options.json) return printJson(runs);
        if (runs.length === 0) return console.log("No runs yet; start one with `dgm evolve`.");
        console.log(
          table(
            ["run", "kind", "status", "created", "agents", "best", "tokens", "cost"],
            runs.map((run) => [
              run.id,
              run.kind,
              run.status,
              run.createdAt.replace("T", " ").slice(0, 19),
              String(run.agents),
              run.best ? `${score(run.best)} (${run.best.id})` : "-",
              String(run.totalTokens),
              runMoney(run),
            ]),
          ),
        );
        for (const run of runs.filter((row) => row.estimatedCalls > 0)) {
          const note = estimateNote(run.estimatedCalls, archive.costOf({ runId: run.id }).calls);
          console.log(pc.dim(`run ${run.id}: ${note}`));
        }
      });
    });

  program
    .command("agents")
    .description("list a run's agents: generation, parent, status, scores and why any were rejected")
    .argument("<run>", 'run id, unique prefix, or "latest"')
    .option("--json", "print JSON")
    .action(async (runId: string, options: { json?: boolean }, command: Command) =>
      withArchive(command, (archive) => {
        const run = resolveRunRef(archive, runId);
        const agents = archive.listAgents(run.id);
        if (options.json) return printJson(agents);
        console.log(
          table(
            ["agent", "gen", "parent", "status", "score", "scores", "reason"],
            agents.map((agent) => [
              agent.id,
              String(agent.generation),
              agent.parentId ?? "-",
              statusColour[agent.status](agent.status),
              score(agent),
              scores(agent),
              agent.statusReason ?? "",
            ]),
          ),
        );
      }),
    );

  program
    .command("lineage")
    .description("show an agent's ancestry from the seed down to it")
    .argument("<agent>", 'agent id, unique prefix, "best" or "best@<run>"')
    .option("--json", "print JSON")
    .action(async (agentId: string, options: { json?: boolean }, command: Command) =>
      withArchive(command, (archive) => {
        const lineage = archive.lineage(resolveArchivedAgent(archive, agentId).id);
        if (options.json) return printJson(lineage);
        console.log(
          table(
            ["gen", "agent", "status", "score", "commit"],
            lineage.map((agent) => [
              String(agent.generation),
              agent.id,
              statusColour[agent.status](agent.status),
              score(agent),
              agent.commit.slice(0, 12),
            ]),
          ),
        );
      }),
    );

  const archiveCommand = program.command("archive").description("maintain the archive (integrity checks, cleanup)");
  archiveCommand
    .command("verify")
    .description(
      "check the database (integrity, foreign keys), the agent repository (git fsck) and every agent's commit; exit 1 on problems",
    )
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }, command: Command) =>
      withArchive(command, async (archive) => {
        const result = await archive.verify();
        if (options.json) printJson(result);
        else if (result.ok) console.log(pc.green(`archive ${archive.home} is sound`));
        else for (const problem of result.problems) console.error(pc.red(`problem: ${problem}`));
        if (!result.ok) process.exitCode = 1;
      }),
    );
  archiveCommand
    .command("sweep")
    .description("delete agent branches that no agent row points at (left by a crash between commit and insert)")
    .option("--grace <seconds>", "spare branches younger than this, in case a writer is mid-insert", wholeNumber, 600)
    .action(async (options: { grace: number }, command: Command) =>
      withArchive(command, async (archive) => {
        const swept = await archive.sweepOrphans({ graceMs: options.grace * 1000 });
        console.log(`swept ${swept} orphaned agent branch${swept === 1 ? "" : "es"}`);
      }),
    );
}
