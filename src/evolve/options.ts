// The options of one evolution run, validated once, stored in the run row so that --resume
// continues with exactly the configuration the run started with.
import { z } from "zod";
import { selectionStrategyNames } from "../../archive/index.ts";
import { UsageError } from "../../common/index.ts";
import { stagesOfSuite } from "../../evaluator/index.ts";

export const admissionPolicies = ["keep_all", "keep_better"] as const;
/** dgm: every child gets the staged evaluation (DGM). hgm: expand or evaluate one task at a time (HGM). */
export const schedulerNames = ["dgm", "hgm"] as const;
export type SchedulerName = (typeof schedulerNames)[number];

export const evolveOptionsSchema = z.object({
  /** Task suite evaluated on, e.g. "builtin:small" or "polyglot:/path". Stages are subsets of it. */
  suite: z.string().default("builtin"),
  /** Stages in order; the next runs only when the previous one's score reaches its threshold. */
  stages: z
    .array(
      z.object({
        name: z.enum(["small", "medium", "full"]),
        suite: z.string(),
        /** Minimum score on this stage to go on to the next one (DGM: 0.4 on the small stage). */
        passThreshold: z.number().min(0).max(1).default(0.4),
      }),
    )
    .min(1),
  maxGenerations: z.number().int().positive().default(10),
  /** Children started per generation (DGM's selfimprove_size). */
  childrenPerGeneration: z.number().int().positive().default(2),
  /** Children in flight at once. */
  workers: z.number().int().positive().default(2),
  /** Containers running at once across everything (evaluations, self-modification, gate). */
  maxContainers: z.number().int().positive().default(2),
  strategy: z.enum(selectionStrategyNames).default("score_child_prop"),
  admission: z.enum(admissionPolicies).default("keep_all"),
  /** keep_better admits a child whose score ≥ parent's − noise. */
  noise: z.number().min(0).max(1).default(0.1),
  seed: z.number().int().default(0),
  scheduler: z.enum(schedulerNames).default("dgm"),
  /** Task evaluations the search may spend (children only: the seed's own evaluation is not counted, as in HGM). */
  maxTaskEvals: z.number().int().positive().nullable().default(null),
  /** HGM's knobs (arXiv 2510.21614): expand when evals^alpha ≥ the children attempted so far (failed ones too). */
  hgm: z
    .object({
      alpha: z.number().gt(0).max(1).default(0.6),
      /** Sharpen the Thompson draws as the task-evaluation budget is spent: Beta parameters × (B/(B−b))^beta. */
      cooldown: z.boolean().default(false),
      beta: z.number().positive().default(1),
    })
    .default({ alpha: 0.6, cooldown: false, beta: 1 }),
  /** Fraction of the suite's tasks held out from the search, for finalists only (0: none). */
  testSplit: z.number().min(0).max(0.9).default(0),
  /** Candidates re-evaluated on the held-out split at the end; the final pick has the highest lower bound. */
  finalists: z.number().int().min(1).default(5),
  budgetUsd: z.number().positive().nullable().default(null),
  budgetTokens: z.number().int().positive().nullable().default(null),
  maxHours: z.number().positive().nullable().default(null),
  /** Ablation: the seed agent always does the modifying, not the selected parent. */
  selfImprove: z.boolean().default(true),
  /** Ablation: always build on the best agent so far instead of sampling the archive. */
  openEnded: z.boolean().default(true),
  /** Agent limits while solving tasks and modifying itself. */
  agentLimits: z
    .object({
      maxSteps: z.number().int().positive().default(40),
      wallSeconds: z.number().int().positive().default(300),
      maxCallsPerSession: z.number().int().positive().default(60),
      maxTokensPerSession: z.number().int().positive().default(400_000),
    })
    .default({ maxSteps: 40, wallSeconds: 300, maxCallsPerSession: 60, maxTokensPerSession: 400_000 }),
  /** Where the seed agent comes from: "seed" (the built-in agents/seed), a directory, or an agent id in this archive. */
  seedAgent: z.string().default("seed"),
});

export type EvolveOptions = z.infer<typeof evolveOptionsSchema>;
export type EvolveOptionsInput = z.input<typeof evolveOptionsSchema>;

/**
 * The evaluation stages for a suite, as `dgm eval` files the same suite (evaluator's stagesOfSuite):
 * builtin:small → small; builtin:medium → small → medium at 40%; builtin → small → medium (→ full
 * with --full); any other suite (a polyglot directory, one task) is one stage, filed under full.
 */
export function defaultStages(suite: string, withFull: boolean): EvolveOptions["stages"] {
  return stagesOfSuite(suite, withFull);
}

/** The offline demo: the simulator on the small built-in suite, a few generations, minutes on 2 cores. */
export function demoOptions(): EvolveOptionsInput {
  return {
    suite: "builtin:small",
    stages: [{ name: "small", suite: "builtin:small", passThreshold: 1 }],
    maxGenerations: 4,
    childrenPerGeneration: 2,
    workers: 2,
    maxContainers: 2,
    seed: 42,
  };
}

export function parseEvolveOptions(input: unknown): EvolveOptions {
  const result = evolveOptionsSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "(options)"}: ${issue.message}`);
    throw new UsageError(`invalid evolve options:\n  ${problems.join("\n  ")}`);
  }
  if (result.data.hgm.cooldown && result.data.maxTaskEvals === null) {
    throw new UsageError("the HGM cool-down needs a task-evaluation budget: add --max-task-evals N");
  }
  return result.data;
}
