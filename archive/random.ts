// A small seeded PRNG shared by the whole project, so every random choice in a run is reproducible from its seed.

/** A function returning uniform floats in [0, 1). */
export type Rng = () => number;

/** mulberry32: 32-bit state, fast, good enough statistics for sampling (not for cryptography). */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Derives an independent stream from a seed and a label (e.g. the generation number), so streams don't overlap. */
export function deriveSeed(seed: number, label: string | number): number {
  let hash = (seed ^ 0x811c9dc5) >>> 0;
  for (const char of String(label)) {
    hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  }
  return hash;
}
