// Inspecting lineage and reusing agents: tree, show, diff, best (best.ts), report, serve, export, solve.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { Command } from "commander";
import pc from "picocolors";
import { openArchive, resolveRunRef } from "../../../archive/index.ts";
import { UsageError } from "../../../common/index.ts";
import { resolveArchivedAgent } from "../../../evaluator/index.ts";
import { DockerSandbox } from "../../../sandbox/index.ts";
import {
  colorDiff,
  formatScore,
  loadAgentDetail,
  loadRunView,
  renderAgentDetailText,
  renderHtmlReport,
  renderTreeText,
  startReportServer,
  treeJson,
} from "../../report/index.ts";
import { CommandError, exportAgent, type SolveOutput, solveOnRepository } from "../../run/index.ts";
import { fileOrText, homeFrom, positiveInt, printJson, runArgHelp, useColor, withArchive } from "../shared.ts";
import { registerBestCommand } from "./best.ts";

let pipeGuarded = false;
/** `dgm tree | head` closes the pipe early: that is the reader's choice, not an error. */
function ignoreClosedPipe(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
}

export function registerInspectCommands(program: Command): void {
  ignoreClosedPipe();
  program
    .command("tree")
    .description("show a run's lineage tree: score, status, generation; the seed → best path highlighted")
    .argument("[run]", runArgHelp)
    .option("--json", "print the tree as nested JSON")
    .option("--width <columns>", "line width (default: the terminal's)", positiveInt)
    .action(async (runRef: string | undefined, flags: { json?: boolean; width?: number }, command: Command) =>
      withArchive(command, async (archive) => {
        const view = loadRunView(archive, resolveRunRef(archive, runRef).id)!;
        if (flags.json) return printJson(treeJson(view));
        const width = flags.width ?? process.stdout.columns ?? 100;
        process.stdout.write(renderTreeText(view, { width, color: useColor() }));
      }),
    );

  program
    .command("show")
    .description(
      "show one agent: lineage, the problem statement it came from, its diff, scores, per-task results, cost",
    )
    .argument("<agent>", 'agent id, unique prefix, or "best" (of --run)')
    .option("--run <run>", 'the run whose "best" is meant')
    .option("--diff-lines <n>", "cut the diff after n lines", positiveInt)
    .option("--json", "print the details as JSON")
    .action(async (ref: string, flags: { run?: string; diffLines?: number; json?: boolean }, command: Command) =>
      withArchive(command, async (archive) => {
        const detail = await loadAgentDetail(archive, resolveArchivedAgent(archive, ref, flags.run));
        if (flags.json) return printJson(detail);
        process.stdout.write(renderAgentDetailText(detail, { color: useColor(), maxDiffLines: flags.diffLines }));
      }),
    );

  program
    .command("diff")
    .description("unified diff between two agents' source (b defaults to a's parent: what a changed)")
    .argument("<a>", "agent id or prefix")
    .argument("[b]", "agent id or prefix (default: a's parent)")
    .action(async (refA: string, refB: string | undefined, _flags: unknown, command: Command) =>
      withArchive(command, async (archive) => {
        const a = resolveArchivedAgent(archive, refA);
        let from = refB ? resolveArchivedAgent(archive, refB) : undefined;
        let to = a;
        if (!from) {
          if (!a.parentId)
            throw new UsageError(`agent ${a.id} is a seed (no parent)`, { fix: "give a second agent to compare with" });
          from = archive.getAgent(a.parentId);
          if (!from) throw new CommandError(`agent ${a.id}'s parent ${a.parentId} is not in this archive`);
        } else {
          [from, to] = [a, from];
        }
        const diff = await archive.store.diff(from.commit, to.commit);
        process.stdout.write(useColor() ? colorDiff(diff, pc) : diff);
      }),
    );

  registerBestCommand(program);

  program
    .command("report")
    .description("write one self-contained HTML report (works offline): tree, progress plot, solve matrix, costs")
    .argument("[run]", runArgHelp)
    .option("--out <file>", "where to write the report", "report.html")
    .action(async (runRef: string | undefined, flags: { out: string }, command: Command) =>
      withArchive(command, async (archive) => {
        const view = loadRunView(archive, resolveRunRef(archive, runRef).id)!;
        const out = resolve(flags.out);
        await mkdir(dirname(out), { recursive: true });
        await writeFile(out, renderHtmlReport(view, { generatedAt: new Date().toISOString() }));
        console.log(`wrote ${out} (${view.agents.length} agents, run ${view.run.id})`);
      }),
    );

  program
    .command("serve")
    .description("serve a local web UI over the archive: runs, an interactive tree, agent details; updates live")
    .option("--port <port>", "port to listen on (0: any free port)", "8765")
    .option("--host <host>", "address to bind (the archive holds source and prompts: keep it local)", "127.0.0.1")
    .action(async (flags: { port: string; host: string }, command: Command) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError(`--port must be 0..65535, got ${flags.port}`);
      const archive = await openArchive(homeFrom(command));
      const server = await startReportServer(archive, { port, host: flags.host }).catch((error: Error) => {
        archive.close();
        throw new CommandError(`cannot listen on ${flags.host}:${port}: ${error.message}`, {
          fix: "try another --port",
        });
      });
      console.log(`dgm web UI on ${server.url}  (archive ${archive.home}; Ctrl-C to stop)`);
      const stop = (): void => {
        void server.close().finally(() => {
          archive.close();
          process.exit(0);
        });
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      await new Promise(() => {}); // serve until interrupted
    });

  program
    .command("export")
    .description("export an agent: source/, agent.mjs (runnable bundle), manifest.json (lineage, scores, models)")
    .argument("<agent>", 'agent id, unique prefix, or "best" (of --run)')
    .requiredOption("--out <dir>", "a new or empty directory")
    .option("--run <run>", 'the run whose "best" is meant')
    .option("--bundle", "also write agent.bundle, a git bundle of the agent's history")
    .action(async (ref: string, flags: { out: string; run?: string; bundle?: boolean }, command: Command) =>
      withArchive(command, async (archive) => {
        const agent = resolveArchivedAgent(archive, ref, flags.run);
        const manifest = await exportAgent(archive, agent, flags.out, {
          gitBundle: flags.bundle ?? false,
          sandbox: new DockerSandbox(),
        });
        console.log(
          `exported agent ${agent.id} (score ${formatScore(agent)}, ${manifest.lineage.length} generations of lineage) to ${resolve(flags.out)}`,
        );
        if (manifest.bundleError)
          console.log(pc.yellow(`warning: no agent.mjs — the agent does not bundle: ${manifest.bundleError}`));
      }),
    );

  registerSolveCommand(program);
}

interface SolveFlags {
  agent: string;
  repo: string;
  run?: string;
  branch?: string;
  patch?: string;
  apply?: boolean;
  model?: string;
  config?: string;
  maxSteps: number;
  wallSeconds: number;
  json?: boolean;
}

function registerSolveCommand(program: Command): void {
  program
    .command("solve")
    .description(
      "run an agent (an evolved one, or any) on a copy of your repository; leaves a patch file or a new branch",
    )
    .argument("<instructions>", "what to do: the text, or a file holding it")
    .requiredOption(
      "--agent <ref>",
      '"best" (of --run, default the latest run), "best@<run>", an agent id or prefix, "seed" or an agent directory',
    )
    .requiredOption("--repo <path>", "the repository to work on (only copied; never modified without --apply)")
    .option("--run <run>", 'the run whose "best" is meant')
    .option("--patch <file>", "write the result as a patch file (default: dgm-solve-<agent>.patch)")
    .option("--branch <name>", "instead, commit the result on a new branch (made from HEAD, no checkout)")
    .option("--apply", "also apply the result to the working tree")
    .option("--model <spec>", "model: sim, openai:<model>, replay:<runId> (default: configuration, else sim)")
    .option("--config <file>", "configuration file (default: dgm.config.json)")
    .option("--max-steps <n>", "maximum steps of the agent's loop", positiveInt, 50)
    .option("--wall-seconds <n>", "wall-clock limit in seconds", positiveInt, 600)
    .option("--json", "print the result as JSON")
    .action(async (instructionsArg: string, flags: SolveFlags, command: Command) => {
      if (flags.branch && flags.patch) throw new UsageError("give --patch or --branch, not both");
      const instructions = await fileOrText(instructionsArg, "<instructions>");
      const limits = { maxSteps: flags.maxSteps, wallSeconds: flags.wallSeconds };
      const output: SolveOutput = flags.branch
        ? { kind: "branch", name: flags.branch }
        : { kind: "patch", file: flags.patch };
      const progress = (line: string): void => {
        if (!flags.json) console.error(pc.dim(line));
      };
      await withArchive(
        command,
        async (archive) => {
          const result = await solveOnRepository({
            archive,
            agentRef: flags.agent,
            runRef: flags.run,
            repoDir: flags.repo,
            instructions,
            output,
            apply: flags.apply ?? false,
            limits,
            model: flags.model,
            configFile: flags.config,
            onProgress: progress,
          });
          if (flags.json) return printJson({ ...result, patch: undefined });
          const finished = result.status === "ok" && result.exitCode === 0;
          const verdict = finished
            ? pc.green("finished")
            : pc.yellow(`${result.status} (exit ${result.exitCode ?? "none"})`);
          console.log(`agent ${result.agent} ${verdict} in ${(result.durationMs / 1000).toFixed(1)}s`);
          console.log(`  changed  ${result.changedFiles.length === 0 ? "nothing" : result.changedFiles.join(", ")}`);
          if (result.patchFile)
            console.log(
              `  patch    ${result.patchFile}${result.applied ? "" : `   (apply with: git -C ${resolve(flags.repo)} apply ${result.patchFile})`}`,
            );
          if (result.branch)
            console.log(
              `  branch   ${result.branch}   (your working tree is untouched; git diff HEAD..${result.branch})`,
            );
          if (result.applied) console.log("  applied  to the working tree (--apply)");
          for (const warning of result.warnings) console.log(pc.yellow(`  warning: ${warning}`));
        },
        { create: true },
      );
    });
}
