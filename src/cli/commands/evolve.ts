// `dgm evolve`: start, resume or demo an evolution run, with a live view, and Ctrl-C handling
// (once: finish what is in flight and stop; twice: abort now, the archive stays consistent). Before a
// run that calls a real model, the estimate of its spend is shown and the user is asked (or --yes).
import { createInterface } from "node:readline/promises";
import { type Command, InvalidArgumentError, Option } from "commander";
import { selectionStrategyNames } from "../../../archive/index.ts";
import { DgmError, UsageError } from "../../../common/index.ts";
import { AGENT_REF_FORMS, SUITE_FORMS } from "../../../evaluator/index.ts";
import { enginePool } from "../../../sandbox/index.ts";
import {
  admissionPolicies,
  defaultStages,
  demoOptions,
  type EvolveOptions,
  type EvolveOptionsInput,
  formatEstimate,
  formatSummary,
  parseEvolveOptions,
  type RunEstimate,
  schedulerNames,
  summaryOf,
} from "../../evolve/index.ts";
import { estimateEvolution, type RunEvolutionOptions, runEvolution } from "../../run/index.ts";
import { runShieldedFromTerminal } from "../interrupt-shield.ts";
import { homeFrom, positiveInt, printJson } from "../shared.ts";

interface EvolveFlags {
  demo?: boolean;
  resume?: string;
  suite?: string;
  full?: boolean;
  maxGenerations?: number;
  children?: number;
  workers?: number;
  maxContainers?: number;
  strategy?: EvolveOptions["strategy"];
  admission?: EvolveOptions["admission"];
  noise?: number;
  seed?: number;
  budgetUsd?: number;
  budgetTokens?: number;
  maxHours?: number;
  wallSeconds?: number;
  maxSteps?: number;
  scheduler?: EvolveOptions["scheduler"];
  maxTaskEvals?: number;
  hgmAlpha?: number;
  hgmCooldown?: number | true;
  testSplit?: number;
  finalists?: number;
  selfImprove: boolean;
  openEnded: boolean;
  seedAgent?: string;
  model?: string;
  diagnoseModel?: string;
  config?: string;
  json?: boolean;
  estimate?: boolean;
  yes?: boolean;
}

const number = (value: string) => {
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new InvalidArgumentError(`"${value}" is not a number`);
  return parsed;
};

const modelsOf = (estimate: RunEstimate) =>
  [
    ...new Set(
      [estimate.models.solve, estimate.models.diagnose].filter((m) => m.real).map((m) => `${m.provider}:${m.model}`),
    ),
  ].join(", ");

/**
 * Shows the estimate and asks; --yes starts without asking. Without a terminal to ask on, a run that
 * spends money never starts by default. In --json mode stdout is the event stream, so the table and
 * the question go to stderr (the estimate itself is the stream's first line once the run starts).
 */
async function confirmSpend(estimate: RunEstimate, flags: EvolveFlags): Promise<boolean> {
  const json = flags.json ?? false;
  const say = (text: string) => (json ? process.stderr : process.stdout).write(`${text}\n`);
  if (!json) say(formatEstimate(estimate));
  if (flags.yes) return true;
  if (!process.stdin.isTTY) {
    throw new DgmError(
      `this run calls a paid model (${modelsOf(estimate)}), ${formatSummary(summaryOf(estimate))}: ` +
        "pass --yes to start without confirming (or --estimate to see the estimate only)",
    );
  }
  if (json) say(formatEstimate(estimate));
  const question = createInterface({ input: process.stdin, output: json ? process.stderr : process.stdout });
  try {
    const answer = await question.question("Start the run? [y/N] ");
    if (/^y(es)?$/i.test(answer.trim())) return true;
    say("not started");
    return false;
  } finally {
    question.close();
  }
}

/** Flags given on the command line override the demo preset or the defaults, key by key. */
function optionsFrom(flags: EvolveFlags): EvolveOptionsInput {
  const base: EvolveOptionsInput = flags.demo
    ? demoOptions()
    : {
        stages: defaultStages(flags.suite ?? "builtin", flags.full ?? false),
        suite: flags.suite ?? "builtin",
        // As many containers at once as the engines of the pool have slots for.
        maxContainers: enginePool().totalSlots,
      };
  const given: Partial<EvolveOptionsInput> = {
    maxGenerations: flags.maxGenerations,
    childrenPerGeneration: flags.children,
    workers: flags.workers,
    maxContainers: flags.maxContainers,
    strategy: flags.strategy,
    admission: flags.admission,
    noise: flags.noise,
    seed: flags.seed,
    budgetUsd: flags.budgetUsd,
    budgetTokens: flags.budgetTokens,
    maxHours: flags.maxHours,
    seedAgent: flags.seedAgent,
  };
  const defined = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
  const options: EvolveOptionsInput = {
    ...base,
    ...defined,
    selfImprove: flags.selfImprove,
    openEnded: flags.openEnded,
  };
  if (flags.scheduler) options.scheduler = flags.scheduler;
  if (flags.wallSeconds !== undefined || flags.maxSteps !== undefined) {
    options.agentLimits = {
      ...(flags.wallSeconds !== undefined ? { wallSeconds: flags.wallSeconds } : {}),
      ...(flags.maxSteps !== undefined ? { maxSteps: flags.maxSteps } : {}),
    };
  }
  // The HGM demo spends half the task evaluations DGM's demo does (8 children × 10 tasks).
  options.maxTaskEvals = flags.maxTaskEvals ?? (flags.demo && flags.scheduler === "hgm" ? 40 : undefined);
  if (flags.hgmAlpha !== undefined || flags.hgmCooldown !== undefined) {
    options.hgm = {
      ...(flags.hgmAlpha !== undefined ? { alpha: flags.hgmAlpha } : {}),
      ...(flags.hgmCooldown !== undefined
        ? { cooldown: true, ...(flags.hgmCooldown === true ? {} : { beta: flags.hgmCooldown }) }
        : {}),
    };
  }
  const budget = options.maxTaskEvals;
  if (options.scheduler === "hgm" && budget && !flags.demo && flags.maxGenerations === undefined) {
    // HGM grows to about budget^alpha agents: room for that many children and as many failed attempts,
    // so that the task-evaluation budget, not the child count meant for DGM, ends the run.
    const agents = 2 * budget ** (flags.hgmAlpha ?? 0.6);
    options.maxGenerations = Math.ceil(agents / (options.childrenPerGeneration ?? 2));
  }
  if (flags.finalists !== undefined && flags.testSplit === undefined) {
    throw new UsageError("--finalists are judged on held-out tasks: add --test-split <fraction> (e.g. 0.3)");
  }
  if (flags.testSplit !== undefined) options.testSplit = flags.testSplit;
  if (flags.finalists !== undefined) options.finalists = flags.finalists;
  return options;
}

export function registerEvolveCommand(program: Command): void {
  program
    .command("evolve")
    .description("grow an archive of self-improving coding agents (the Darwin Gödel Machine loop)")
    .option("--demo", "offline demo: the sim simulator on builtin:small, a few generations (minutes on 2 cores)")
    .option(
      "--resume <run>",
      "continue a run that was stopped or killed; finished work is not repeated (--max-generations, --budget-*, --max-hours, --max-task-evals may change)",
    )
    .option("--suite <suite>", `task suite, staged as DGM stages it: ${SUITE_FORMS}`)
    .option("--full", "add the full suite as a third evaluation stage")
    .option("--max-generations <n>", "generations to run (each starts --children children)", number)
    .option("--children <n>", "children per generation", number)
    .option("--workers <n>", "children in flight at once", number)
    .option(
      "--max-containers <n>",
      "sandbox containers at once, across everything (default: the slots of every engine together)",
      number,
    )
    .addOption(new Option("--strategy <name>", "parent selection").choices(selectionStrategyNames))
    .addOption(new Option("--admission <policy>", "which children join the archive").choices(admissionPolicies))
    .option("--noise <x>", "keep_better tolerance below the parent's score", number)
    .option("--seed <n>", "random seed of the run (selection, entries, the sim simulator)", number)
    .option("--budget-usd <usd>", "stop starting new work once this much is spent", number)
    .option("--budget-tokens <n>", "stop starting new work once this many tokens are used", number)
    .option("--max-hours <h>", "stop starting new work after this many hours", number)
    .option("--wall-seconds <n>", "an agent's wall time per task and per self-modification (default 300)", positiveInt)
    .option("--max-steps <n>", "an agent's model calls per task and per self-modification (default 40)", positiveInt)
    .addOption(
      new Option(
        "--scheduler <name>",
        "how the search spends evaluations: dgm (each child gets the staged evaluation) or hgm (expand or evaluate one task at a time, Huxley-Gödel Machine)",
      ).choices(schedulerNames),
    )
    .option(
      "--max-task-evals <n>",
      "stop once the search has run this many task evaluations (the seed's not counted); with hgm, --max-generations defaults to room for 2·n^alpha children",
      number,
    )
    .option("--hgm-alpha <x>", "hgm: make a child when evals^x ≥ the children attempted so far (default 0.6)", number)
    .option(
      "--hgm-cooldown [beta]",
      "hgm: sharpen the Thompson draws as --max-task-evals is spent, by (B/(B−b))^beta (beta default 1)",
      number,
    )
    .option(
      "--test-split <fraction>",
      "hold this fraction of the suite's tasks out of the search, for the final pick",
      number,
    )
    .option(
      "--finalists <k>",
      "with --test-split: evaluate the top k agents on the held-out tasks and pick by the 95% lower bound (default 5)",
      number,
    )
    .option("--no-self-improve", "ablation: the seed agent always does the modifying")
    .option("--no-open-ended", "ablation: always build on the best agent instead of sampling the archive")
    .option("--seed-agent <ref>", `the first agent: ${AGENT_REF_FORMS} (default: "seed", the built-in one)`)
    .option("--model <spec>", "model for solving and self-modifying: sim, openai:<model>, replay:<run>")
    .option("--diagnose-model <spec>", "model for diagnosis (default: same as --model)")
    .option("--config <file>", "configuration file (default ./dgm.config.json when present)")
    .option("--json", "print the event stream as JSON lines instead of the live view (with --estimate: the estimate)")
    .option(
      "--estimate",
      "print the expected tokens and dollars of the run (of what is left, with --resume) and exit; starts nothing, needs no Docker",
    )
    .option("--yes", "start a run that calls a paid model without asking (the estimate is still printed)")
    .action(async (flags: EvolveFlags, command: Command) => {
      const home = homeFrom(command);
      if (flags.resume && flags.demo) throw new UsageError("--resume and --demo cannot be combined");
      if (flags.estimate) {
        const estimate = await estimateEvolution(requestOf(flags, home));
        if (flags.json) printJson(estimate);
        else console.log(formatEstimate(estimate));
        return;
      }
      const shielded = runShieldedFromTerminal();
      if (shielded) {
        process.exitCode = await shielded;
        return;
      }
      process.exitCode = await runEvolution({
        ...requestOf(flags, home),
        confirmSpend: (estimate) => confirmSpend(estimate, flags),
      });
    });
}

/** What runEvolution and estimateEvolution need, from the flags. */
function requestOf(flags: EvolveFlags, home: string): RunEvolutionOptions {
  let options: EvolveOptions | undefined;
  if (!flags.resume) {
    options = parseEvolveOptions(optionsFrom(flags));
  }
  const model = flags.model ?? (flags.demo ? "sim" : undefined);
  return {
    home,
    options,
    resumeRunId: flags.resume,
    resumeOverrides: flags.resume
      ? {
          maxGenerations: flags.maxGenerations,
          budgetUsd: flags.budgetUsd,
          budgetTokens: flags.budgetTokens,
          maxHours: flags.maxHours,
          maxTaskEvals: flags.maxTaskEvals,
        }
      : undefined,
    models: { solve: model, diagnose: flags.diagnoseModel ?? model, configFile: flags.config },
    json: flags.json ?? false,
    demo: flags.demo ?? false,
  };
}
