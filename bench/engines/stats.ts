// The figures every part of bench:engines reports: median and p90 of samples, and ratios to a baseline.
import { median } from "../measure.ts";

export interface Spread {
  median: number;
  p90: number;
  samples: number;
}

/** Nearest-rank 90th percentile: a value that was actually measured, never an interpolation. */
export function p90(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length * 0.9) - 1)] ?? 0;
}

export function spread(values: number[]): Spread {
  return { median: median(values), p90: p90(values), samples: values.length };
}

/** measured / baseline; NaN when the baseline is zero (a phase too short to time says nothing). */
export function ratio(measured: number, baseline: number): number {
  return baseline > 0 ? measured / baseline : Number.NaN;
}

export const formatMs = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
export const formatRatio = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(2)}×` : "—");
