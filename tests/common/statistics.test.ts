// The statistics behind search and final picks, checked against numbers anyone can reproduce: closed
// forms worked by hand, and SciPy 1.17 (scipy.stats.norm.ppf, scipy.stats.binomtest) where a formula
// would need a computer. Random draws use archive's seeded mulberry32, so every figure here is fixed.
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../archive/index.ts";
import {
  bootstrapInterval,
  mcnemarExact,
  median,
  normalQuantile,
  pairResults,
  sampleBeta,
  sampleGamma,
  wilsonInterval,
} from "../../common/index.ts";

const mean = (xs: readonly number[]) => xs.reduce((sum, x) => sum + x, 0) / xs.length;
const variance = (xs: readonly number[]) => {
  const m = mean(xs);
  return xs.reduce((sum, x) => sum + (x - m) ** 2, 0) / (xs.length - 1);
};

/** Kolmogorov–Smirnov distance between the sample and a CDF: the largest gap between the two curves. */
function ksDistance(sample: readonly number[], cdf: (x: number) => number): number {
  const sorted = [...sample].sort((a, b) => a - b);
  const n = sorted.length;
  return sorted.reduce((gap, x, i) => Math.max(gap, Math.abs(cdf(x) - i / n), Math.abs((i + 1) / n - cdf(x))), 0);
}

// The 0.1% critical KS distance for n draws is 1.95/√n (Smirnov's asymptotic table): a correct sampler
// stays under it for all but 1 seed in 1000, a wrong one (wrong shape, off-by-one boost) lands far above.
const DRAWS = 20_000;
const KS_LIMIT = 1.95 / Math.sqrt(DRAWS);

const draw = (n: number, sampler: () => number) => Array.from({ length: n }, sampler);

describe("wilsonInterval", () => {
  // Wilson: centre = (p̂ + z²/2n)/(1 + z²/n), half = z/(1 + z²/n)·√(p̂(1−p̂)/n + z²/4n²), z = Φ⁻¹(1 − α/2).
  it("matches the Wilson formula at 8/10, 95% → [0.4902, 0.9433]", () => {
    const interval = wilsonInterval(8, 10);
    expect(interval.estimate).toBe(0.8);
    expect(interval.low).toBeCloseTo(0.4901624715366418, 12);
    expect(interval.high).toBeCloseTo(0.9433178485456248, 12);
  });

  it("takes the confidence: 3/20 at 90% → [0.06158, 0.32183]", () => {
    const interval = wilsonInterval(3, 20, 0.9);
    expect(interval.low).toBeCloseTo(0.061582410477368316, 12);
    expect(interval.high).toBeCloseTo(0.3218280756753068, 12);
  });

  it("pins the ends at 0 and 1 when nothing or everything passed", () => {
    // 0/10: low 0, high = z²/(n + z²) = 3.8415/13.8415 = 0.27753; 10/10 mirrors it.
    expect(wilsonInterval(0, 10)).toEqual({ estimate: 0, low: 0, high: expect.closeTo(0.2775327998628892, 12) });
    expect(wilsonInterval(10, 10)).toEqual({ estimate: 1, low: expect.closeTo(0.7224672001371107, 12), high: 1 });
  });

  it("says nothing is known after no trials", () => {
    expect(wilsonInterval(0, 0)).toEqual({ estimate: 0, low: 0, high: 1 });
  });

  it("narrows as trials grow at the same rate", () => {
    const small = wilsonInterval(5, 10);
    const large = wilsonInterval(50, 100);
    expect(large.high - large.low).toBeLessThan(small.high - small.low);
  });

  it("refuses impossible counts and confidences with a RangeError naming the problem", () => {
    expect(() => wilsonInterval(-1, 10)).toThrow(
      new RangeError("successes must be a whole number of 0 or more, got -1"),
    );
    expect(() => wilsonInterval(1.5, 10)).toThrow(/successes must be a whole number/);
    expect(() => wilsonInterval(0, -3)).toThrow(/trials must be a whole number of 0 or more, got -3/);
    expect(() => wilsonInterval(11, 10)).toThrow(new RangeError("successes (11) cannot exceed trials (10)"));
    for (const confidence of [0, 1, 95, -0.5, Number.NaN]) {
      expect(() => wilsonInterval(5, 10, confidence)).toThrow(RangeError);
      expect(() => wilsonInterval(5, 10, confidence)).toThrow(/confidence must lie strictly between 0 and 1/);
    }
  });
});

describe("mcnemarExact", () => {
  it("b=1, c=9 → p = 2·(C(10,0) + C(10,1))/2¹⁰ = 2·11/1024 = 0.021484375", () => {
    expect(mcnemarExact(1, 9)).toEqual({ onlyFirst: 1, onlySecond: 9, pValue: 0.021484375 });
    expect(mcnemarExact(9, 1).pValue).toBe(0.021484375);
  });

  it("small tables by hand: (0,5) → 2/32, (3,0) → 2/8", () => {
    expect(mcnemarExact(0, 5).pValue).toBe(0.0625);
    expect(mcnemarExact(3, 0).pValue).toBe(0.25);
  });

  it("gives p = 1 when the discordant pairs split evenly or there are none", () => {
    expect(mcnemarExact(4, 4).pValue).toBe(1);
    expect(mcnemarExact(0, 0).pValue).toBe(1);
    expect(mcnemarExact(500, 501).pValue).toBe(1);
  });

  it("matches scipy.stats.binomtest(b, b+c, 0.5) on larger tables", () => {
    expect(mcnemarExact(30, 50).pValue).toBeCloseTo(0.03299261842647619, 12);
    // 2¹⁰⁰⁰ and C(1000, 400) overflow a double: only a scaled sum gets this right.
    expect(mcnemarExact(400, 600).pValue / 2.728464156065947e-10).toBeCloseTo(1, 9);
    expect(mcnemarExact(700, 760).pValue).toBeCloseTo(0.12253442205251179, 12);
    expect(mcnemarExact(1000, 1400).pValue / 3.262202836750829e-16).toBeCloseTo(1, 9);
    expect(mcnemarExact(2, 40).pValue / 4.1109160520136356e-10).toBeCloseTo(1, 9);
    // 2·2⁻¹¹⁰⁰ is below the smallest double; SciPy says 0 too.
    expect(mcnemarExact(0, 1100).pValue).toBe(0);
  });

  it("refuses negative or fractional counts", () => {
    expect(() => mcnemarExact(-1, 3)).toThrow(new RangeError("onlyFirst must be a whole number of 0 or more, got -1"));
    expect(() => mcnemarExact(2, 0.5)).toThrow(/onlySecond must be a whole number/);
  });
});

describe("pairResults", () => {
  it("counts the four cells over shared tasks only, and lists those tasks sorted", () => {
    const first = new Map([
      ["t3", true],
      ["t1", true],
      ["t2", false],
      ["t4", false],
      ["only-in-first", true],
    ]);
    const second = new Map([
      ["t4", false],
      ["t1", true],
      ["t2", true],
      ["t3", false],
      ["only-in-second", false],
    ]);
    expect(pairResults(first, second)).toEqual({
      shared: ["t1", "t2", "t3", "t4"],
      both: 1,
      onlyFirst: 1,
      onlySecond: 1,
      neither: 1,
    });
  });

  it("is all zeros when the agents share no task", () => {
    expect(pairResults(new Map([["a", true]]), new Map([["b", true]]))).toEqual({
      shared: [],
      both: 0,
      onlyFirst: 0,
      onlySecond: 0,
      neither: 0,
    });
  });
});

describe("normalQuantile", () => {
  it("matches scipy.stats.norm.ppf to 1e-9 from the centre to far tails", () => {
    const reference: [number, number][] = [
      [0.975, 1.959963984540054],
      [0.025, -1.9599639845400545],
      [0.9, 1.2815515655446004],
      [0.3, -0.5244005127080409],
      [0.999, 3.090232306167813],
      [1e-5, -4.264890793922825],
      [1e-10, -6.361340902404056],
      [0.9999999, 5.199337582290661],
      [1e-300, -37.0470962993612],
    ];
    for (const [p, z] of reference) expect(Math.abs(normalQuantile(p) - z)).toBeLessThan(1e-9);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it("is antisymmetric about 1/2 and maps 0 and 1 to the infinities", () => {
    expect(normalQuantile(0.2)).toBeCloseTo(-normalQuantile(0.8), 14);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
  });

  it("refuses what is not a probability", () => {
    expect(() => normalQuantile(1.5)).toThrow(new RangeError("normalQuantile needs a probability in [0, 1], got 1.5"));
    expect(() => normalQuantile(Number.NaN)).toThrow(RangeError);
  });
});

describe("sampleGamma", () => {
  it("Gamma(0.3) (the boosted path) draws are positive, with mean and variance ≈ 0.3", () => {
    const rng = mulberry32(7);
    const draws = draw(DRAWS, () => sampleGamma(0.3, rng));
    expect(draws.every((x) => x > 0)).toBe(true);
    // Gamma(k, 1) has mean k and variance k; the mean's standard error here is √(0.3/20000) = 0.0039.
    expect(Math.abs(mean(draws) - 0.3)).toBeLessThan(0.016);
    expect(Math.abs(variance(draws) - 0.3)).toBeLessThan(0.04);
  });

  it("Gamma(1) is the unit exponential: CDF 1 − e^(−x)", () => {
    const rng = mulberry32(11);
    const draws = draw(DRAWS, () => sampleGamma(1, rng));
    expect(ksDistance(draws, (x) => 1 - Math.exp(-x))).toBeLessThan(KS_LIMIT);
  });

  it("Gamma(0.5) is half a chi-square with one degree of freedom: Z²/2, CDF erf(√x)", () => {
    // erf by its Maclaurin series; 60 terms reach 1e-15 for the arguments a Gamma(0.5) draw takes (≤ ~4).
    const erf = (x: number) => {
      let term = x;
      let sum = x;
      for (let n = 1; n < 60 && Math.abs(term) > 1e-17; n++) {
        term *= (-x * x) / n;
        sum += term / (2 * n + 1);
      }
      return Math.min(1, (2 / Math.sqrt(Math.PI)) * sum);
    };
    const rng = mulberry32(13);
    const draws = draw(DRAWS, () => sampleGamma(0.5, rng));
    expect(ksDistance(draws, (x) => erf(Math.sqrt(x)))).toBeLessThan(KS_LIMIT);
  });

  it("Gamma(9) (the squeeze path well above 1) has mean and variance ≈ 9", () => {
    const rng = mulberry32(17);
    const draws = draw(DRAWS, () => sampleGamma(9, rng));
    // Standard errors: mean √(9/20000) = 0.021, variance ≈ 9·√(2/20000 + 6/(9·20000)) ≈ 0.11.
    expect(Math.abs(mean(draws) - 9)).toBeLessThan(0.1);
    expect(Math.abs(variance(draws) - 9)).toBeLessThan(0.5);
  });

  it("is reproducible from the seed", () => {
    const a = mulberry32(5);
    const b = mulberry32(5);
    expect(draw(50, () => sampleGamma(2.5, a))).toEqual(draw(50, () => sampleGamma(2.5, b)));
  });

  it("refuses a shape that is not a positive finite number", () => {
    const rng = mulberry32(1);
    expect(() => sampleGamma(0, rng)).toThrow(new RangeError("shape must be a finite number greater than 0, got 0"));
    expect(() => sampleGamma(-2, rng)).toThrow(RangeError);
    expect(() => sampleGamma(Number.POSITIVE_INFINITY, rng)).toThrow(RangeError);
  });
});

describe("sampleBeta", () => {
  // Beta(α, β): mean α/(α+β), variance αβ/((α+β)²(α+β+1)).
  it("Beta(2,5): mean 2/7, variance 10/392, CDF P(Bin(6,x) ≥ 2) = 1 − (1−x)⁶ − 6x(1−x)⁵", () => {
    const rng = mulberry32(2024);
    const draws = draw(DRAWS, () => sampleBeta(2, 5, rng));
    expect(draws.every((x) => x > 0 && x < 1)).toBe(true);
    // Standard errors: mean √(0.02551/20000) = 0.00113, variance ≈ 0.00023.
    expect(Math.abs(mean(draws) - 2 / 7)).toBeLessThan(0.004);
    expect(Math.abs(variance(draws) - 10 / 392)).toBeLessThan(0.001);
    expect(ksDistance(draws, (x) => 1 - (1 - x) ** 6 - 6 * x * (1 - x) ** 5)).toBeLessThan(KS_LIMIT);
  });

  it("Beta(0.5,0.5) (both gammas boosted): mean 1/2, variance 1/8, CDF (2/π)·asin(√x)", () => {
    const rng = mulberry32(99);
    const draws = draw(DRAWS, () => sampleBeta(0.5, 0.5, rng));
    // Standard errors: mean √(0.125/20000) = 0.0025, variance √((3/128 − 1/64)/20000) = 0.00062.
    expect(Math.abs(mean(draws) - 0.5)).toBeLessThan(0.009);
    expect(Math.abs(variance(draws) - 0.125)).toBeLessThan(0.0025);
    expect(ksDistance(draws, (x) => (2 / Math.PI) * Math.asin(Math.sqrt(x)))).toBeLessThan(KS_LIMIT);
  });

  it("stays a number for tiny shapes, where both gamma draws underflow as plain numbers", () => {
    // Beta(0.01, 0.01) piles its mass at 0 and 1 in equal halves: most gamma draws are below 1e-300.
    const rng = mulberry32(3);
    const draws = draw(2000, () => sampleBeta(0.01, 0.01, rng));
    expect(draws.every((x) => x >= 0 && x <= 1)).toBe(true);
    const nearOne = draws.filter((x) => x > 0.5).length / draws.length;
    expect(Math.abs(nearOne - 0.5)).toBeLessThan(0.05);
  });

  it("refuses non-positive parameters, naming which", () => {
    const rng = mulberry32(1);
    expect(() => sampleBeta(0, 1, rng)).toThrow(new RangeError("alpha must be a finite number greater than 0, got 0"));
    expect(() => sampleBeta(1, -1, rng)).toThrow(new RangeError("beta must be a finite number greater than 0, got -1"));
    expect(() => sampleBeta(Number.NaN, 1, rng)).toThrow(RangeError);
  });
});

describe("bootstrapInterval", () => {
  const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  it("brackets the mean of 1..10 where the normal theory puts it: 5.5 ± 1.96·2.872/√10 ≈ [3.72, 7.28]", () => {
    const interval = bootstrapInterval(values, mean, mulberry32(42));
    expect(interval.estimate).toBe(5.5);
    expect(interval.low).toBeLessThan(5.5);
    expect(interval.high).toBeGreaterThan(5.5);
    expect(interval.low).toBeGreaterThan(3.4);
    expect(interval.low).toBeLessThan(4.0);
    expect(interval.high).toBeGreaterThan(7.0);
    expect(interval.high).toBeLessThan(7.6);
  });

  it("is reproducible with the same seed and moves with another", () => {
    const a = bootstrapInterval(values, mean, mulberry32(42));
    expect(bootstrapInterval(values, mean, mulberry32(42))).toEqual(a);
    expect(bootstrapInterval(values, mean, mulberry32(43))).not.toEqual(a);
  });

  it("narrows with a lower confidence and takes any statistic", () => {
    const wide = bootstrapInterval(values, mean, mulberry32(1), { confidence: 0.99 });
    const narrow = bootstrapInterval(values, mean, mulberry32(1), { confidence: 0.5 });
    expect(narrow.high - narrow.low).toBeLessThan(wide.high - wide.low);
    const byMedian = bootstrapInterval(values, median, mulberry32(1), { resamples: 500 });
    expect(byMedian.estimate).toBe(5.5);
    expect(byMedian.low).toBeLessThanOrEqual(5.5);
    expect(byMedian.high).toBeGreaterThanOrEqual(5.5);
  });

  it("collapses to the value when every value is the same", () => {
    expect(bootstrapInterval([3, 3, 3], mean, mulberry32(1), { resamples: 100 })).toEqual({
      estimate: 3,
      low: 3,
      high: 3,
    });
  });

  it("refuses an empty list, a bad resample count and a bad confidence", () => {
    const rng = mulberry32(1);
    expect(() => bootstrapInterval([], mean, rng)).toThrow(
      new RangeError("bootstrapInterval needs at least one value, got an empty list"),
    );
    expect(() => bootstrapInterval(values, mean, rng, { resamples: 0 })).toThrow(/resamples must be a whole number/);
    expect(() => bootstrapInterval(values, mean, rng, { confidence: 1 })).toThrow(/confidence must lie strictly/);
  });
});

describe("median", () => {
  it("takes the middle value, or the mean of the two middle values, without reordering the input", () => {
    const input = [9, 1, 5];
    expect(median(input)).toBe(5);
    expect(input).toEqual([9, 1, 5]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([10, 2, 33, 4, 100, 7])).toBe(8.5); // numeric order 2 4 7 10 33 100, not "10" < "2"
    expect(median([-1])).toBe(-1);
  });

  it("refuses an empty list", () => {
    expect(() => median([])).toThrow(new RangeError("median needs at least one value, got an empty list"));
  });
});
