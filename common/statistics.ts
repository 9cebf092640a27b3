// Small, dependency-free statistics for choosing parents and final picks: intervals on pass rates
// (Wilson, bootstrap), a paired test between two agents (exact McNemar), and Beta draws for Thompson
// sampling. Pure functions: randomness comes in as a `Uniform`, so every draw is reproducible from a seed
// (common cannot import archive's mulberry32, so callers pass it in).

/** The confidence of every interval the project shows and picks by. */
export const CONFIDENCE = 0.95;

/** A source of uniform floats in [0, 1), such as archive's `mulberry32(seed)`. */
export type Uniform = () => number;

export interface Interval {
  low: number;
  high: number;
}

function requireCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole number of 0 or more, got ${value}`);
  }
}

function requireConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must lie strictly between 0 and 1 (e.g. 0.95), got ${confidence}`);
  }
}

/** The z for a two-sided interval at `confidence` (0.95 → 1.96). */
function twoSidedZ(confidence: number): number {
  return normalQuantile(1 - (1 - confidence) / 2);
}

/**
 * Wilson score interval for successes/trials at `confidence` (default 0.95); trials 0 → {0,1};
 * estimate = successes/trials (0 when trials 0). Wilson rather than the normal approximation because
 * pass counts are small and often 0 or all: it never leaves [0,1] and never collapses to a point.
 */
export function wilsonInterval(
  successes: number,
  trials: number,
  confidence = CONFIDENCE,
): Interval & { estimate: number } {
  requireCount("successes", successes);
  requireCount("trials", trials);
  if (successes > trials) throw new RangeError(`successes (${successes}) cannot exceed trials (${trials})`);
  requireConfidence(confidence);
  if (trials === 0) return { estimate: 0, low: 0, high: 1 };
  const estimate = successes / trials;
  const z = twoSidedZ(confidence);
  const z2n = (z * z) / trials;
  const centre = (estimate + z2n / 2) / (1 + z2n);
  const halfWidth = (z / (1 + z2n)) * Math.sqrt((estimate * (1 - estimate)) / trials + z2n / (4 * trials));
  // The ends are exactly 0 and 1 at the extremes; pin them so rounding cannot leave 1e-17 or 0.9999….
  return {
    estimate,
    low: successes === 0 ? 0 : Math.max(0, centre - halfWidth),
    high: successes === trials ? 1 : Math.min(1, centre + halfWidth),
  };
}

/** The q-quantile of sorted values, interpolating between order statistics (numpy's default, R type 7). */
function sortedQuantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const lower = sorted[below]!;
  return lower + (sorted[above]! - lower) * (position - below);
}

/**
 * Percentile bootstrap of `statistic` over `values` (resampled with replacement, `resamples` default 2000).
 * Empty values → throws a RangeError saying so. The estimate is the statistic of the values themselves.
 */
export function bootstrapInterval(
  values: readonly number[],
  statistic: (sample: readonly number[]) => number,
  rng: Uniform,
  options: { resamples?: number; confidence?: number } = {},
): Interval & { estimate: number } {
  const resamples = options.resamples ?? 2000;
  const confidence = options.confidence ?? 0.95;
  if (values.length === 0) throw new RangeError("bootstrapInterval needs at least one value, got an empty list");
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new RangeError(`resamples must be a whole number of 1 or more, got ${resamples}`);
  }
  requireConfidence(confidence);
  const n = values.length;
  const sample = new Array<number>(n);
  const statistics: number[] = [];
  for (let r = 0; r < resamples; r++) {
    // min(): a Uniform that (wrongly) returns 1 must not index past the end.
    for (let i = 0; i < n; i++) sample[i] = values[Math.min(n - 1, Math.floor(rng() * n))]!;
    statistics.push(statistic(sample));
  }
  statistics.sort((a, b) => a - b);
  const tail = (1 - confidence) / 2;
  return {
    estimate: statistic(values),
    low: sortedQuantile(statistics, tail),
    high: sortedQuantile(statistics, 1 - tail),
  };
}

/**
 * Exact (binomial) two-sided McNemar test on the discordant pairs: onlyFirst = first passed & second failed,
 * onlySecond = the reverse. p = min(1, 2·P(X ≤ min(b,c))) with X ~ Bin(b+c, 1/2); b+c = 0 → p = 1.
 * Exact rather than chi-squared because discordant counts between close agents are small.
 */
export function mcnemarExact(
  onlyFirst: number,
  onlySecond: number,
): { onlyFirst: number; onlySecond: number; pValue: number } {
  requireCount("onlyFirst", onlyFirst);
  requireCount("onlySecond", onlySecond);
  const n = onlyFirst + onlySecond;
  const k = Math.min(onlyFirst, onlySecond);
  // When the counts differ by at most one, the lower tail already holds half the mass, so p is 1 exactly
  // (summing would land a rounding error short of it). This also covers n = 0.
  if (2 * k + 1 >= n) return { onlyFirst, onlySecond, pValue: 1 };
  // Sum C(n, i) for i ≤ k, then divide by 2^n. The binomials are exact integers while small (so small
  // tables give exact p-values); large sums are scaled down by 2^900 as they go, because C(1000, 400) and
  // 2^1000 each overflow a double though their ratio does not.
  let term = 1;
  let sum = 1;
  let halvings = n;
  for (let i = 0; i < k; i++) {
    term = (term * (n - i)) / (i + 1);
    sum += term;
    if (sum > 2 ** 900) {
      term *= 2 ** -900;
      sum *= 2 ** -900;
      halvings -= 900;
    }
  }
  // Halve in steps: 2 ** -halvings alone is 0 past 1074 even when the product is representable.
  let tail = sum;
  for (let left = halvings; left > 0; left -= 500) tail *= 2 ** -Math.min(left, 500);
  return { onlyFirst, onlySecond, pValue: Math.min(1, 2 * tail) };
}

/** Pairs two agents' pass/fail results on the tasks both have: counts of both/onlyFirst/onlySecond/neither and the shared task ids (sorted). */
export function pairResults(
  first: ReadonlyMap<string, boolean>,
  second: ReadonlyMap<string, boolean>,
): { shared: string[]; both: number; onlyFirst: number; onlySecond: number; neither: number } {
  const shared = [...first.keys()].filter((task) => second.has(task)).sort();
  const counts = { both: 0, onlyFirst: 0, onlySecond: 0, neither: 0 };
  for (const task of shared) {
    const a = first.get(task) === true;
    const b = second.get(task) === true;
    if (a && b) counts.both++;
    else if (a) counts.onlyFirst++;
    else if (b) counts.onlySecond++;
    else counts.neither++;
  }
  return { shared, ...counts };
}

/** a[0] + a[1]·x + a[2]·x² + … (Horner). */
function polynomial(coefficients: readonly number[], x: number): number {
  return coefficients.reduceRight((sum, coefficient) => sum * x + coefficient, 0);
}

// Wichura's AS241 (PPND16) coefficients, lowest power first: CPython's statistics module's, written as the doubles they
// round to (the published 20-digit figures are the same numbers at runtime).
const CENTRAL_NUM = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987, 67265.7709270087,
  33430.57558358813, 2509.0809287301227,
];
const CENTRAL_DEN = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271, 28729.085735721943,
  5226.495278852854,
];
const NEAR_NUM = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684, 0.2417807251774506,
  0.022723844989269184, 0.0007745450142783414,
];
const NEAR_DEN = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457,
  0.0005475938084995345, 1.0507500716444169e-9,
];
const FAR_NUM = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124,
  0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7,
];
const FAR_DEN = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133, 0.000018463183175100548,
  1.421511758316446e-7, 2.0442631033899397e-15,
];

/** Standard normal quantile (inverse CDF) by Wichura's AS241, accurate to about 1e-16; 0 → -∞, 1 → +∞. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`normalQuantile needs a probability in [0, 1], got ${p}`);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * polynomial(CENTRAL_NUM, r)) / polynomial(CENTRAL_DEN, r);
  }
  // Tails: work with the smaller tail probability so 1 - p never loses digits, then restore the sign.
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x = polynomial(NEAR_NUM, r) / polynomial(NEAR_DEN, r);
  } else {
    r -= 5;
    x = polynomial(FAR_NUM, r) / polynomial(FAR_DEN, r);
  }
  return q < 0 ? -x : x;
}

/** A uniform in (0, 1]: safe to take the log of or raise to a power without hitting 0. */
function openUniform(rng: Uniform): number {
  return 1 - rng();
}

/** One standard normal draw by Box–Muller (the cosine half; the sine half is dropped to keep no state). */
function sampleNormal(rng: Uniform): number {
  return Math.sqrt(-2 * Math.log(openUniform(rng))) * Math.cos(2 * Math.PI * rng());
}

function requireShape(name: string, value: number): void {
  if (!(value > 0 && Number.isFinite(value))) {
    throw new RangeError(`${name} must be a finite number greater than 0, got ${value}`);
  }
}

/**
 * log of a Gamma(shape, 1) draw. Logs because for small shapes the boost u^(1/shape) underflows to 0
 * (u = 1e-5, shape 0.01 → 1e-500), and a Beta from two zeros would be 0/0.
 */
function sampleLogGamma(shape: number, rng: Uniform): number {
  if (shape < 1) {
    // Gamma(a) = Gamma(a + 1) · U^(1/a) (Marsaglia & Tsang's boost for a < 1).
    return sampleLogGamma(shape + 1, rng) + Math.log(openUniform(rng)) / shape;
  }
  // Marsaglia & Tsang (2000): squeeze on a cubed normal; accepts over 95% of tries for every shape ≥ 1.
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = sampleNormal(rng);
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    const u = openUniform(rng);
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
      return Math.log(d * v);
    }
  }
}

/** Gamma(shape, 1) draw (Marsaglia–Tsang; shape < 1 by the boost u^(1/shape)); normal draws by Box–Muller from `rng`. */
export function sampleGamma(shape: number, rng: Uniform): number {
  requireShape("shape", shape);
  return Math.exp(sampleLogGamma(shape, rng));
}

/** Beta(alpha, beta) draw via two gammas, X/(X+Y), computed from their logs. alpha, beta > 0 (RangeError otherwise). */
export function sampleBeta(alpha: number, beta: number, rng: Uniform): number {
  requireShape("alpha", alpha);
  requireShape("beta", beta);
  const logX = sampleLogGamma(alpha, rng);
  const logY = sampleLogGamma(beta, rng);
  // X/(X+Y) = 1/(1 + Y/X): finite even when both draws underflow as plain numbers.
  return 1 / (1 + Math.exp(logY - logX));
}

/** Median of a non-empty list (mean of the two middle values for even length). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("median needs at least one value, got an empty list");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
