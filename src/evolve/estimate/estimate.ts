// The estimate of a run: how many units of each kind it does (plan.ts), the tokens of one unit from
// the archive's history when it has enough of them (history.ts) or else from the seed's structural
// prior (seed-prior.ts), and the configured models' prices (cost.ts).
import type { Archive } from "../../../archive/index.ts";
import { SEED_AGENT_DIR } from "../../../evaluator/index.ts";
import type { ModelsConfig } from "../../llm/index.ts";
import type { EvolveOptions } from "../options.ts";
import { loadStages } from "../run-resources.ts";
import { modelLines, usdSpread } from "./cost.ts";
import { type History, historyFigures, readHistory, shareSpread } from "./history.ts";
import { countUnits, describeStages, type PlannedStage, planStages, type UnitCounts } from "./plan.ts";
import {
  describePriorAssumptions,
  diagnosePrior,
  measureSeed,
  priorAssumptions,
  type SeedShape,
  selfModifyPrior,
  taskSessionPrior,
} from "./seed-prior.ts";
import type { EstimateRow, ModelLine, RunEstimate, Spread, TokenSplit, UnitFigures } from "./types.ts";

export interface EstimateRequest {
  options: EvolveOptions;
  models: ModelsConfig;
  /** The archive whose history to use; none: the prior only. */
  archive?: Archive;
  /** Children still to make (a resumed run); default: all of the run. */
  children?: number;
  /** The seed is already evaluated (a resumed run): its evaluation costs nothing more. */
  seedEvaluated?: boolean;
}

const keys = ["low", "expected", "high"] as const;
const zero = (): TokenSplit => ({ prompt: 0, cached: 0, completion: 0 });
const add = (a: TokenSplit, b: TokenSplit, times = 1): TokenSplit => ({
  prompt: a.prompt + b.prompt * times,
  cached: a.cached + b.cached * times,
  completion: a.completion + b.completion * times,
});

/** Σ count × unit over stages (or once), per scenario. */
function tokensOf(parts: { count: Spread<number>; unit: Spread<TokenSplit> }[]): Spread<TokenSplit> {
  const total = { low: zero(), expected: zero(), high: zero() };
  for (const part of parts) for (const key of keys) total[key] = add(total[key], part.unit[key], part.count[key]);
  return total;
}

function sumCounts(counts: Spread<number>[]): Spread<number> {
  const total = { low: 0, expected: 0, high: 0 };
  for (const count of counts) for (const key of keys) total[key] += count[key];
  return total;
}

/** The mean of per-task prior figures over a stage's tasks: the stage's unit. */
function meanSpread(spreads: Spread<TokenSplit>[]): Spread<TokenSplit> {
  const total = tokensOf(spreads.map((unit) => ({ count: { low: 1, expected: 1, high: 1 }, unit })));
  const n = Math.max(1, spreads.length);
  const scale = (split: TokenSplit): TokenSplit => add(zero(), split, 1 / n);
  return { low: scale(total.low), expected: scale(total.expected), high: scale(total.high) };
}

interface Units {
  /** Per stage: one task session's tokens. */
  task: Spread<TokenSplit>[];
  selfModify: Spread<TokenSplit>;
  diagnose: Spread<TokenSplit>;
  /** [what, where its figures come from] per kind of unit. */
  basis: [string, string][];
  usedPrior: boolean;
}

async function unitFigures(request: EstimateRequest, plan: PlannedStage[], history: History): Promise<Units> {
  const { options, models } = request;
  const limits = options.agentLimits;
  const fromHistory = {
    task: historyFigures(history, "task", models.solve.model),
    selfModify: historyFigures(history, "self-modify", models.solve.model),
    diagnose: historyFigures(history, "diagnose", models.diagnose.model),
  };
  let seed: SeedShape | undefined;
  const measured = async () => {
    // The prior is the seed's: a seed given as a directory is measured, an archived one stands for the built-in seed.
    const dir = options.seedAgent === "seed" || options.seedAgent.length === 0 ? SEED_AGENT_DIR : options.seedAgent;
    seed ??= await measureSeed(dir).catch(() => measureSeed(SEED_AGENT_DIR));
    return seed;
  };
  const prior: UnitFigures["describe"] = "prior: the seed's structural estimate, no history";
  const basis: [string, string][] = [];

  let task: Spread<TokenSplit>[];
  if (fromHistory.task) {
    const unit = fromHistory.task.tokens;
    task = plan.map(() => unit);
    basis.push(["task runs", fromHistory.task.describe]);
  } else {
    const shape = await measured();
    task = plan.map((stage) => meanSpread(stage.fresh.map((t) => taskSessionPrior(shape, t, limits))));
    basis.push(["task runs", prior]);
  }
  let selfModify: Spread<TokenSplit>;
  if (fromHistory.selfModify) {
    selfModify = fromHistory.selfModify.tokens;
    basis.push(["self-modifications", fromHistory.selfModify.describe]);
  } else {
    selfModify = selfModifyPrior(await measured(), limits);
    basis.push(["self-modifications", prior]);
  }
  let diagnose: Spread<TokenSplit>;
  if (fromHistory.diagnose) {
    diagnose = fromHistory.diagnose.tokens;
    basis.push(["diagnoses", fromHistory.diagnose.describe]);
  } else {
    const tasks = plan.flatMap((stage) => stage.fresh);
    const meanChars = tasks.reduce((sum, t) => sum + t.instructions.length, 0) / Math.max(1, tasks.length);
    const cap = models.diagnose.maxOutputTokens;
    diagnose = diagnosePrior(await measured(), "x".repeat(Math.round(meanChars)), models.diagnose.model, cap);
    basis.push(["diagnoses", prior]);
  }
  return { task, selfModify, diagnose, basis, usedPrior: seed !== undefined };
}

function row(
  name: EstimateRow["name"],
  model: ModelLine,
  parts: { count: Spread<number>; unit: Spread<TokenSplit> }[],
): EstimateRow {
  const tokens = tokensOf(parts);
  return {
    name,
    role: model.role,
    count: sumCounts(parts.map((part) => part.count)),
    tokens,
    usd: usdSpread(tokens, model),
  };
}

const totalTokens = (split: TokenSplit) => split.prompt + split.completion;

/** One line per distinct source: "prior: … (task runs, self-modifications, diagnoses)". */
function groupBasis(pairs: [string, string][]): string[] {
  const byDescription = new Map<string, string[]>();
  for (const [what, description] of pairs)
    byDescription.set(description, [...(byDescription.get(description) ?? []), what]);
  return [...byDescription.entries()].map(([description, whats]) => `${description} (${whats.join(", ")})`);
}

/** --max-task-evals bounds the children's task sessions, whichever scheduler spends them. */
function capChildTasks(counts: UnitCounts, budget: number | null): UnitCounts {
  if (budget === null) return counts;
  const scaled = (key: "low" | "expected" | "high") => {
    const total = counts.childTasks.reduce((sum, stage) => sum + stage[key], 0);
    return total > budget ? budget / total : 1;
  };
  const factor = { low: scaled("low"), expected: scaled("expected"), high: scaled("high") };
  return {
    ...counts,
    childTasks: counts.childTasks.map((stage) => ({
      low: stage.low * factor.low,
      expected: stage.expected * factor.expected,
      high: stage.high * factor.high,
    })),
  };
}

export async function estimateRun(request: EstimateRequest): Promise<RunEstimate> {
  const { options, models } = request;
  const plan = planStages(loadStages(options).stages);
  const history: History = request.archive
    ? readHistory(request.archive)
    : { sessions: [], childEvaluated: { of: 0, hits: 0 }, advance: { of: 0, hits: 0 } };
  const planned = request.children ?? options.maxGenerations * options.childrenPerGeneration;
  // HGM grows about budget^alpha agents, whatever room --max-generations leaves it.
  const budget = options.maxTaskEvals;
  const children =
    options.scheduler === "hgm" && budget !== null
      ? Math.min(planned, Math.ceil(budget ** options.hgm.alpha))
      : planned;
  const childEvaluated = shareSpread(history.childEvaluated);
  const advance = shareSpread(history.advance);
  const counts = capChildTasks(
    countUnits({
      plan,
      children,
      seedEvaluated: request.seedEvaluated ?? false,
      childEvaluated: childEvaluated ?? priorAssumptions.childEvaluated,
      advance: advance ?? priorAssumptions.advance,
    }),
    budget,
  );
  const units = await unitFigures(request, plan, history);
  const lines = modelLines(models);
  const rows: EstimateRow[] = [
    row(
      "seed evaluation",
      lines.solve,
      counts.seedTasks.map((count, index) => ({ count, unit: units.task[index]! })),
    ),
    row(
      "task runs",
      lines.solve,
      counts.childTasks.map((count, index) => ({ count, unit: units.task[index]! })),
    ),
    row("self-modifications", lines.solve, [{ count: counts.selfModifications, unit: units.selfModify }]),
    row("diagnoses", lines.diagnose, [{ count: counts.diagnoses, unit: units.diagnose }]),
  ];
  const tokens = { low: 0, expected: 0, high: 0 };
  let usd: Spread<number> | null = { low: 0, expected: 0, high: 0 };
  for (const each of rows) {
    for (const key of keys) tokens[key] += totalTokens(each.tokens[key]);
    if (each.count.high === 0) continue;
    if (!each.usd) usd = null;
    else if (usd) for (const key of keys) usd[key] += each.usd[key];
  }
  const shares = [
    childEvaluated
      ? `children evaluated: history: ${history.childEvaluated.hits} of ${history.childEvaluated.of} attempts of real-model runs in this archive`
      : undefined,
    advance
      ? `reaching the next stage: history: ${history.advance.hits} of ${history.advance.of} evaluations of real-model runs in this archive`
      : undefined,
  ].filter((line): line is string => line !== undefined);
  const priorLine = describePriorAssumptions({
    sessions: units.usedPrior,
    childEvaluated: !childEvaluated,
    advance: !advance && plan.some((stage) => stage.after > 0),
  });
  const scope =
    request.children === undefined
      ? children < planned
        ? `about ${children} children (hgm: ${budget} task evaluations^${options.hgm.alpha})`
        : `${children} children (${options.maxGenerations} generations × ${options.childrenPerGeneration})`
      : `the remaining ${children} children`;
  return {
    children,
    scope,
    seedEvaluated: request.seedEvaluated ?? false,
    suite: options.suite,
    stages: describeStages(plan),
    models: lines,
    rows,
    total: { tokens, usd },
    basis: [...groupBasis(units.basis), ...shares],
    budgetUsd: options.budgetUsd,
    assumptions: [
      ...(priorLine ? [priorLine] : []),
      "range: every figure at its low or high end at once; results cached for unchanged agents are not subtracted",
    ],
  };
}
