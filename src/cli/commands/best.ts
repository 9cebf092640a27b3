// `dgm best`: a run's best agent — its final pick when finalists chose one on held-out tasks, else the
// highest score — and, with --confidence, the pick by the highest 95% lower bound with the table behind it.
import type { Command } from "commander";
import pc from "picocolors";
import { type Archive, resolveRunRef } from "../../../archive/index.ts";
import { UsageError } from "../../../common/index.ts";
import { bestOfRun } from "../../evolve/index.ts";
import { describeBest, describeFinalPick, formatInterval } from "../../report/index.ts";
import { CommandError, type ConfidentPick, pickWithConfidence } from "../../run/index.ts";
import { positiveInt, printJson, runArgHelp, withArchive } from "../shared.ts";

interface BestFlags {
  run?: string;
  confidence?: boolean;
  finalists?: number;
  json?: boolean;
}

export function registerBestCommand(program: Command): void {
  program
    .command("best")
    .description(
      "print the best agent of a run: its final pick when finalists chose one on held-out tasks, else the highest score on its largest evaluated stage",
    )
    .argument("[run]", runArgHelp)
    .option("--run <run>", "the run (the same as the argument)")
    .option(
      "--confidence",
      "pick by the highest 95% lower bound: finalists re-evaluated on the run's held-out split (needs Docker), or without a split on the tasks of the search (optimistic)",
    )
    .option(
      "--finalists <k>",
      "with --confidence: how many top agents to weigh (default: the run's --finalists, else 5)",
      positiveInt,
    )
    .option("--json", "print the agent row as JSON (with --confidence: the pick, the finalists and their intervals)")
    .action(async (runArg: string | undefined, flags: BestFlags, command: Command) => {
      if (runArg && flags.run && runArg !== flags.run)
        throw new UsageError(`two runs given (${runArg} and --run ${flags.run})`, { fix: "give one of them" });
      if (flags.finalists !== undefined && !flags.confidence)
        throw new UsageError("--finalists says how many agents --confidence weighs: add --confidence");
      await withArchive(command, async (archive) => {
        const run = resolveRunRef(archive, runArg ?? flags.run);
        if (flags.confidence) return printConfidentPick(await confidentPick(archive, run.id, flags), flags.json);
        printBest(archive, run.id, flags.json);
      });
    });
}

function printBest(archive: Archive, runId: string, json: boolean | undefined): void {
  const run = archive.getRun(runId)!;
  const highest = archive.bestAgent(runId);
  const picked = run.finalPick ? archive.getAgent(run.finalPick.agentId) : undefined;
  const best = bestOfRun(archive, run);
  if (json) {
    printJson(best ?? null);
    return;
  }
  if (!best) throw new CommandError(`run ${runId} has no scored, admitted agent yet`);
  console.log(describeBest({ agents: [best], bestId: best.id }));
  if (!run.finalPick && highest && best.id !== highest.id) {
    console.log(
      `  hgm: the highest 95% lower bound of its results (agents are scored on different tasks); the highest score is ${highest.id.slice(0, 8)}`,
    );
  }
  if (!run.finalPick || !picked) return;
  const text = describeFinalPick(run.finalPick, highest);
  console.log(`  final pick, ${text.how}`);
  if (text.highestObserved) console.log(`  ${text.highestObserved}`);
}

/** Runs the pick; Ctrl-C abandons the held-out evaluations in flight (what is recorded stays). */
async function confidentPick(archive: Archive, runId: string, flags: BestFlags): Promise<ConfidentPick> {
  const interrupt = new AbortController();
  const onSignal = () => interrupt.abort();
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    return await pickWithConfidence({
      archive,
      run: archive.getRun(runId)!,
      finalists: flags.finalists,
      signal: interrupt.signal,
      onProgress: (line) => {
        if (!flags.json) console.error(pc.dim(line));
      },
    });
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

function printConfidentPick(result: ConfidentPick, json: boolean | undefined): void {
  if (json) {
    printJson(result);
    return;
  }
  const percent = `${Math.round(result.confidence * 100)}%`;
  const heldOut = result.method === "holdout-lcb";
  console.log(
    heldOut
      ? `run ${result.runId}: ${result.finalists.length} finalists re-evaluated on ${result.heldOutTasks} held-out tasks the search never used`
      : `run ${result.runId}: no held-out split; the top ${result.finalists.length} admitted agents by the ${percent} lower bound of their search results`,
  );
  const header = [
    "agent",
    "gen",
    heldOut ? "held-out" : "passed",
    `${percent} interval`,
    heldOut ? "search score" : "score",
  ];
  const rows = result.finalists.map((finalist) => [
    finalist.agentId.slice(0, 8),
    String(finalist.generation),
    `${finalist.passed}/${finalist.total}`,
    formatInterval(finalist),
    finalist.searchScore === null ? "—" : finalist.searchScore.toFixed(2),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join("  ");
  console.log(`  ${line(header)}`.trimEnd());
  for (const [index, row] of rows.entries()) {
    const picked = result.finalists[index]!.agentId === result.pick.agentId;
    console.log(`${picked ? "★" : " "} ${line(row)}`.trimEnd());
  }
  console.log(`pick: ${result.pick.agentId}, the highest ${percent} lower bound (${result.pick.low.toFixed(2)})`);
  console.log(result.optimistic ? pc.yellow(`note: ${result.note}`) : pc.dim(`note: ${result.note}`));
}
