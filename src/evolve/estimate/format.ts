// The estimate for people: a compact table (one row per kind of work, the total), the models and
// their prices, where the figures come from, and the assumptions; and the one-line summary the live
// view puts beside the run's spend.
import { formatTable } from "../../../evaluator/index.ts";
import type { EstimateSummary, ModelLine, RunEstimate, Spread } from "./types.ts";

export function formatTokens(tokens: number): string {
  if (tokens >= 1e9) return `${(tokens / 1e9).toFixed(1)}B`;
  if (tokens >= 1e6) return `${(tokens / 1e6).toFixed(1)}M`;
  if (tokens >= 1e3) return `${Math.round(tokens / 1e3)}k`;
  return String(Math.round(tokens));
}

export function formatUsd(usd: number): string {
  if (usd === 0) return "$0";
  if (usd < 0.1) return `$${usd.toFixed(3)}`;
  if (usd < 1000) return `$${usd.toFixed(2)}`;
  return `$${Math.round(usd).toLocaleString("en-US")}`;
}

const count = (value: number) => Math.round(value).toLocaleString("en-US");

function formatCount(spread: Spread<number>): string {
  if (Math.round(spread.low) === Math.round(spread.high)) return count(spread.expected);
  return `≈${count(spread.expected)} (${count(spread.low)}–${count(spread.high)})`;
}

const rangeOf = (spread: Spread<number>, unit: (value: number) => string) => `${unit(spread.low)}–${unit(spread.high)}`;

const rate = (usd: number) => `$${usd > 0 && usd < 0.1 ? usd.toFixed(3) : usd.toFixed(2)}`;

function describeModel(line: ModelLine, width: number): string {
  const name = `${line.role.padEnd(8)}  ${`${line.provider}:${line.model}`.padEnd(width)}`;
  if (!line.real) return `${name}  no real model: nothing is spent`;
  if (!line.price) return `${name}  no price known: tokens only (add ${line.priceFix})`;
  const { input, cachedInput, output } = line.price;
  return `${name}  ${rate(input)} input, ${rate(cachedInput)} cached input, ${rate(output)} output per 1M tokens`;
}

function budgetNote(estimate: RunEstimate): string[] {
  const usd = estimate.total.usd;
  if (estimate.budgetUsd === null || !usd || usd.expected <= estimate.budgetUsd) return [];
  return [
    `budget: --budget-usd ${estimate.budgetUsd} is below the expected ${formatUsd(usd.expected)}: the run will likely stop early (--resume with a larger budget goes on)`,
  ];
}

export function formatEstimate(estimate: RunEstimate): string {
  const header = ["", "count", "tokens", "USD expected", "USD low–high"];
  const rows = estimate.rows
    .filter((row) => row.count.high > 0)
    .map((row) => [
      row.name,
      formatCount(row.count),
      formatTokens(row.tokens.expected.prompt + row.tokens.expected.completion),
      row.usd ? formatUsd(row.usd.expected) : "unknown",
      row.usd ? rangeOf(row.usd, formatUsd) : "unknown",
    ]);
  const { total } = estimate;
  rows.push([
    "total",
    "",
    formatTokens(total.tokens.expected),
    total.usd ? formatUsd(total.usd.expected) : "unknown",
    total.usd ? rangeOf(total.usd, formatUsd) : "unknown (a model has no price)",
  ]);
  const { solve, diagnose } = estimate.models;
  const width =
    Math.max(solve.provider.length + solve.model.length, diagnose.provider.length + diagnose.model.length) + 1;
  return [
    `Estimate for ${estimate.scope} on ${estimate.suite}: ${estimate.stages.join(", ")}${estimate.seedEvaluated ? " (the seed is already evaluated)" : ""}`,
    `  ${describeModel(solve, width)}`,
    `  ${describeModel(diagnose, width)}`,
    "",
    formatTable(header, rows),
    "",
    ...estimate.basis.map((line) => `basis: ${line}`),
    ...(solve.real || diagnose.real
      ? []
      : ["note: no role calls a real model: nothing is spent, and the tokens are what one would use"]),
    ...budgetNote(estimate),
    ...estimate.assumptions.map((line) => `assumptions: ${line}`),
  ].join("\n");
}

export function summaryOf(estimate: RunEstimate): EstimateSummary {
  const { usd, tokens } = estimate.total;
  const fourDecimals = (value: number) => Math.round(value * 1e4) / 1e4;
  return {
    usd: usd && { low: fourDecimals(usd.low), expected: fourDecimals(usd.expected), high: fourDecimals(usd.high) },
    tokens: { low: Math.round(tokens.low), expected: Math.round(tokens.expected), high: Math.round(tokens.high) },
  };
}

/** "≈$4.50 estimated (range $2.10–$9.80)", or in tokens when a model has no price. */
export function formatSummary(summary: EstimateSummary): string {
  if (summary.usd) return `≈${formatUsd(summary.usd.expected)} estimated (range ${rangeOf(summary.usd, formatUsd)})`;
  return `≈${formatTokens(summary.tokens.expected)} tokens estimated (range ${rangeOf(summary.tokens, formatTokens)})`;
}
