// Inspecting lineage and reusing agents: tree, show, diff, best, report, serve, export, solve.
import { existsSync, statSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { Command } from "commander";
import pc from "picocolors";
import { type Archive, openArchive } from "../../../archive/index.ts";
import { DockerSandbox, ensureSandboxImage } from "../../../sandbox/index.ts";
import { createPricing, createProvider, loadModelsConfig } from "../../llm/index.ts";
import {
  colorDiff,
  describeBest,
  ExportError,
  exportAgent,
  formatScore,
  loadAgentDetail,
  loadRunView,
  type Resolved,
  renderAgentDetailText,
  renderHtmlReport,
  renderTreeText,
  resolveAgentRef,
  resolveRun,
  SolveError,
  type SolveOutput,
  solveOnRepository,
  startReportServer,
  treeJson,
} from "../../report/index.ts";
import { UserError } from "../errors.ts";
import { homeFrom, printJson } from "../shared.ts";

async function withArchive<T>(command: Command, use: (archive: Archive) => Promise<T>): Promise<T> {
  const archive = await openArchive(homeFrom(command));
  try {
    return await use(archive);
  } finally {
    archive.close();
  }
}

function unwrap<T>(resolved: Resolved<T>): T {
  if (!resolved.ok) throw new UserError(resolved.message);
  return resolved.value;
}

function positiveInt(value: string, flag: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new UserError(`${flag} must be a positive integer, got ${value}`);
  return parsed;
}

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

const runArgHelp = 'run id, unique prefix, or "latest" (default: the latest run)';

export function registerInspectCommands(program: Command): void {
  ignoreClosedPipe();
  program
    .command("tree")
    .description("Show a run's lineage tree: score, status, generation; the seed → best path highlighted")
    .argument("[run]", runArgHelp)
    .option("--json", "print the tree as nested JSON")
    .option("--width <columns>", "line width (default: the terminal's)")
    .action(async (runRef: string | undefined, flags: { json?: boolean; width?: string }, command: Command) =>
      withArchive(command, async (archive) => {
        const view = loadRunView(archive, unwrap(resolveRun(archive, runRef)).id)!;
        if (flags.json) return printJson(treeJson(view));
        const width = flags.width ? positiveInt(flags.width, "--width") : (process.stdout.columns ?? 100);
        process.stdout.write(
          renderTreeText(view, { width, color: pc.isColorSupported && process.stdout.isTTY === true }),
        );
      }),
    );

  program
    .command("show")
    .description(
      "Show one agent: lineage, the problem statement it came from, its diff, scores, per-task results, cost",
    )
    .argument("<agent>", 'agent id, unique prefix, or "best" (of --run)')
    .option("--run <run>", 'the run whose "best" is meant')
    .option("--diff-lines <n>", "cut the diff after n lines")
    .option("--json", "print the details as JSON")
    .action(async (ref: string, flags: { run?: string; diffLines?: string; json?: boolean }, command: Command) =>
      withArchive(command, async (archive) => {
        const detail = await loadAgentDetail(archive, unwrap(resolveAgentRef(archive, ref, flags.run)));
        if (flags.json) return printJson(detail);
        const maxDiffLines = flags.diffLines ? positiveInt(flags.diffLines, "--diff-lines") : undefined;
        process.stdout.write(
          renderAgentDetailText(detail, { color: pc.isColorSupported && process.stdout.isTTY === true, maxDiffLines }),
        );
      }),
    );

  program
    .command("diff")
    .description("Unified diff between two agents' source (b defaults to a's parent: what a changed)")
    .argument("<a>", "agent id or prefix")
    .argument("[b]", "agent id or prefix (default: a's parent)")
    .action(async (refA: string, refB: string | undefined, _flags: unknown, command: Command) =>
      withArchive(command, async (archive) => {
        const a = unwrap(resolveAgentRef(archive, refA));
        let from = refB ? unwrap(resolveAgentRef(archive, refB)) : undefined;
        let to = a;
        if (!from) {
          if (!a.parentId)
            throw new UserError(`agent ${a.id} is a seed (no parent); give a second agent to compare with`);
          from = archive.getAgent(a.parentId);
          if (!from) throw new UserError(`agent ${a.id}'s parent ${a.parentId} is not in this archive`);
        } else {
          [from, to] = [a, from];
        }
        const diff = await archive.store.diff(from.commit, to.commit);
        process.stdout.write(process.stdout.isTTY && pc.isColorSupported ? colorDiff(diff, pc) : diff);
      }),
    );

  program
    .command("best")
    .description("Print the best agent of a run (highest score on its largest evaluated stage)")
    .argument("[run]", runArgHelp)
    .option("--json", "print the agent row as JSON")
    .action(async (runRef: string | undefined, flags: { json?: boolean }, command: Command) =>
      withArchive(command, async (archive) => {
        const run = unwrap(resolveRun(archive, runRef));
        const best = archive.bestAgent(run.id);
        if (flags.json) return printJson(best ?? null);
        if (!best) throw new UserError(`run ${run.id} has no scored, admitted agent yet`);
        console.log(describeBest({ agents: [best], bestId: best.id }));
      }),
    );

  program
    .command("report")
    .description("Write one self-contained HTML report (works offline): tree, progress plot, solve matrix, costs")
    .argument("[run]", runArgHelp)
    .option("--out <file>", "where to write the report", "report.html")
    .action(async (runRef: string | undefined, flags: { out: string }, command: Command) =>
      withArchive(command, async (archive) => {
        const view = loadRunView(archive, unwrap(resolveRun(archive, runRef)).id)!;
        const out = resolve(flags.out);
        await mkdir(dirname(out), { recursive: true });
        await writeFile(out, renderHtmlReport(view, { generatedAt: new Date().toISOString() }));
        console.log(`wrote ${out} (${view.agents.length} agents, run ${view.run.id})`);
      }),
    );

  program
    .command("serve")
    .description("Serve a local web UI over the archive: runs, an interactive tree, agent details; updates live")
    .option("--port <port>", "port to listen on (0: any free port)", "8765")
    .option("--host <host>", "address to bind (the archive holds source and prompts: keep it local)", "127.0.0.1")
    .action(async (flags: { port: string; host: string }, command: Command) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UserError(`--port must be 0..65535, got ${flags.port}`);
      const archive = await openArchive(homeFrom(command));
      const server = await startReportServer(archive, { port, host: flags.host }).catch((error: Error) => {
        archive.close();
        throw new UserError(`cannot listen on ${flags.host}:${port}: ${error.message} (try another --port)`);
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
    .description("Export an agent: source/, agent.mjs (runnable bundle), manifest.json (lineage, scores, models)")
    .argument("<agent>", 'agent id, unique prefix, or "best" (of --run)')
    .requiredOption("--out <dir>", "a new or empty directory")
    .option("--run <run>", 'the run whose "best" is meant')
    .option("--bundle", "also write agent.bundle, a git bundle of the agent's history")
    .action(async (ref: string, flags: { out: string; run?: string; bundle?: boolean }, command: Command) =>
      withArchive(command, async (archive) => {
        const agent = unwrap(resolveAgentRef(archive, ref, flags.run));
        const manifest = await exportAgent(archive, agent, flags.out, {
          gitBundle: flags.bundle ?? false,
          sandbox: new DockerSandbox(),
        }).catch((error: unknown) => {
          throw error instanceof ExportError ? new UserError(error.message) : error;
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
  maxSteps: string;
  wallSeconds: string;
  json?: boolean;
}

function registerSolveCommand(program: Command): void {
  program
    .command("solve")
    .description("Run an evolved agent on a copy of your repository; leaves a patch file or a new branch")
    .argument("<instructions>", "what to do: the text, or a file holding it")
    .requiredOption("--agent <id|best>", 'agent id, unique prefix, or "best" (of --run, default the latest run)')
    .requiredOption("--repo <path>", "the repository to work on (only copied; never modified without --apply)")
    .option("--run <run>", 'the run whose "best" is meant')
    .option("--patch <file>", "write the result as a patch file (default: dgm-solve-<agent>.patch)")
    .option("--branch <name>", "instead, commit the result on a new branch (made from HEAD, no checkout)")
    .option("--apply", "also apply the result to the working tree")
    .option("--model <spec>", "model: sim, openai:<model>, replay:<runId> (default: configuration, else sim)")
    .option("--config <file>", "configuration file (default: dgm.config.json)")
    .option("--max-steps <n>", "maximum steps of the agent's loop", "50")
    .option("--wall-seconds <n>", "wall-clock limit in seconds", "600")
    .option("--json", "print the result as JSON")
    .action(async (instructionsArg: string, flags: SolveFlags, command: Command) => {
      if (flags.branch && flags.patch) throw new UserError("give --patch or --branch, not both");
      const instructionsPath = resolve(instructionsArg);
      const instructions =
        existsSync(instructionsPath) && statSync(instructionsPath).isFile()
          ? await readFile(instructionsPath, "utf8")
          : instructionsArg;
      if (!instructions.trim()) throw new UserError("the instructions are empty");
      const limits = {
        maxSteps: positiveInt(flags.maxSteps, "--max-steps"),
        wallSeconds: positiveInt(flags.wallSeconds, "--wall-seconds"),
      };
      await withArchive(command, async (archive) => {
        const agent = unwrap(resolveAgentRef(archive, flags.agent, flags.run));
        const output: SolveOutput = flags.branch
          ? { kind: "branch", name: flags.branch }
          : { kind: "patch", file: flags.patch ?? `dgm-solve-${agent.id.slice(0, 8)}.patch` };
        const models = loadModelsConfig({ model: flags.model, configFile: flags.config });
        const progress = (line: string): void => {
          if (!flags.json) console.error(pc.dim(line));
        };
        await ensureSandboxImage({ log: progress });
        const result = await solveOnRepository({
          archive,
          agent,
          repoDir: flags.repo,
          instructions,
          output,
          apply: flags.apply ?? false,
          limits,
          sandbox: new DockerSandbox(),
          provider: createProvider(models.solve, { archive }),
          pricing: createPricing(models.prices ?? {}),
          onProgress: progress,
        }).catch((error: unknown) => {
          throw error instanceof SolveError ? new UserError(error.message) : error;
        });
        if (flags.json) return printJson({ ...result, patch: undefined });
        console.log(
          `agent ${agent.id} ${result.status === "ok" && result.exitCode === 0 ? pc.green("finished") : pc.yellow(`${result.status} (exit ${result.exitCode ?? "none"})`)} in ${(result.durationMs / 1000).toFixed(1)}s`,
        );
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
      });
    });
}
