// `dgm agent run`: run an agent on any directory in the sandbox and write its patch and trajectory.
import { join, resolve } from "node:path";
import type { Command } from "commander";
import pc from "picocolors";
import { AGENT_REF_FORMS } from "../../../evaluator/index.ts";
import { estimateNote, formatCost } from "../../report/index.ts";
import { type AgentRunOutput, runAgentOnDirectory } from "../../run/index.ts";
import { fileOrText, homeFrom, positiveInt, printJson, withArchive } from "../shared.ts";

interface AgentRunFlags {
  workspace: string;
  instructions: string;
  model?: string;
  config?: string;
  out?: string;
  maxSteps: number;
  maxTokensPerCall: number;
  wallSeconds: number;
  toolchain?: boolean;
  json?: boolean;
}

function printSummary(result: AgentRunOutput): void {
  const ok = result.status === "ok" && result.exitCode === 0;
  // The container ran to its end ("ok") yet the agent's exit code says it stopped early: say stopped.
  const ended = result.status === "ok" ? "stopped" : result.status;
  const verdict = ok ? pc.green("finished") : pc.yellow(`${ended}, exit code ${result.exitCode ?? "none"}`);
  const usage = result.usage;
  const cost = usage?.costUsd === null ? "unknown cost" : formatCost(usage?.costUsd ?? 0, usage?.estimatedCalls);
  console.log(`${pc.bold(result.agent)} ${verdict} in ${(result.durationMs / 1000).toFixed(1)}s (run ${result.runId})`);
  console.log(
    `  model        ${result.model}: ${usage?.calls ?? 0} calls, ${(usage?.promptTokens ?? 0) + (usage?.completionTokens ?? 0)} tokens, ${cost}`,
  );
  const estimated = estimateNote(usage?.estimatedCalls ?? 0, usage?.calls ?? 0);
  if (estimated) console.log(pc.dim(`               ${estimated}`));
  console.log(`  steps        ${result.steps}`);
  const failure = usage?.modelFailure;
  if (failure) {
    console.log(pc.red(`  ${failure.message}`));
    if (failure.fix) console.log(pc.dim(`  fix: ${failure.fix}`));
  } else if (!ok && result.endReason) console.log(`  reason       ${result.endReason}`);
  console.log(`  changed      ${result.changedFiles.length === 0 ? "nothing" : result.changedFiles.join(", ")}`);
  console.log(`  patch        ${result.patchFile}`);
  console.log(`  trajectory   ${result.trajectoryFile}`);
  if (!ok && result.stderrTail.trim())
    console.log(pc.dim(`  stderr tail:\n${result.stderrTail.trim().split("\n").slice(-10).join("\n")}`));
  for (const warning of result.warnings) console.log(pc.yellow(`  warning: ${warning}`));
  if (result.changedFiles.length > 0)
    console.log(pc.dim(`Your directory is untouched; apply the change with: git apply ${result.patchFile}`));
  else if (result.model.startsWith("sim:"))
    console.log(
      pc.dim(
        "The sim simulator only knows the built-in tasks' solutions; on your own code use a real model, e.g. --model openai:gpt-4.1-mini.",
      ),
    );
}

export function registerAgentCommands(program: Command): void {
  const agent = program
    .command("agent")
    .description("run coding agents (the seed, an evolved one, or any agent directory) on your code");

  agent
    .command("run")
    .description("run an agent in the sandbox on a copy of a directory; writes patch.diff and trajectory.jsonl")
    .argument("<agent>", AGENT_REF_FORMS)
    .requiredOption("--workspace <dir>", "the directory to work on (never modified: the agent works on a copy)")
    .requiredOption("--instructions <file|text>", "the task: a file, or the text itself")
    .option(
      "--model <spec>",
      "model for the agent: sim, openai:<model>, replay:<runId> (default: configuration, else sim)",
    )
    .option("--config <file>", "configuration file (default: dgm.config.json in the current directory)")
    .option("--out <dir>", "where to write patch.diff and trajectory.jsonl (default: <home>/agent-runs/<timestamp>)")
    .option("--max-steps <n>", "maximum steps of the agent's loop", positiveInt, 50)
    .option("--max-tokens-per-call <n>", "max_tokens of each model call", positiveInt, 4096)
    .option(
      "--wall-seconds <n>",
      "wall-clock limit of the agent, in seconds (the sandbox kills it 30 s later)",
      positiveInt,
      600,
    )
    .option("--toolchain", "mount tsc, esbuild and agent-check read-only in the container")
    .option("--json", "print the result as JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  dgm agent run seed --workspace ./my-lib --instructions 'Fix the failing test in test/parse.test.js'\n" +
        "  dgm agent run agents/seed --workspace . --instructions task.md --model openai:gpt-4.1-mini --out ./agent-out",
    )
    .action(async (agentRef: string, flags: AgentRunFlags, command: Command) => {
      const limits = {
        maxSteps: flags.maxSteps,
        maxTokensPerCall: flags.maxTokensPerCall,
        wallSeconds: flags.wallSeconds,
      };
      const instructions = await fileOrText(flags.instructions, "--instructions");
      const home = homeFrom(command);
      const outDir = resolve(flags.out ?? join(home, "agent-runs", new Date().toISOString().replace(/[:.]/g, "-")));
      await withArchive(
        command,
        async (archive) => {
          const result = await runAgentOnDirectory({
            archive,
            agentRef,
            workspaceDir: flags.workspace,
            instructions,
            outDir,
            limits,
            model: flags.model,
            configFile: flags.config,
            toolchain: flags.toolchain ?? false,
            onProgress: flags.json ? undefined : (message) => console.error(pc.dim(message)),
          });
          if (flags.json) printJson(result);
          else printSummary(result);
          if (result.status !== "ok" || result.exitCode !== 0) process.exitCode = 1;
        },
        { create: true },
      );
    });
}
