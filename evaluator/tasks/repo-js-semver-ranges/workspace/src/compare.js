import { format, toVersion } from "./parse.js";

export function compare(a, b) {
  const x = toVersion(a);
  const y = toVersion(b);
  for (const key of ["major", "minor", "patch"]) {
    if (x[key] !== y[key]) return x[key] < y[key] ? -1 : 1;
  }
  return comparePrerelease(x.prerelease, y.prerelease);
}

function comparePrerelease(a, b) {
  if (a.length === 0 && b.length === 0) return 0;
  // A version without a prerelease ranks above the same version with one.
  if (a.length === 0) return 1;
  if (b.length === 0) return -1;
  const sa = a.join(".");
  const sb = b.join(".");
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export const eq = (a, b) => compare(a, b) === 0;
export const gt = (a, b) => compare(a, b) > 0;
export const gte = (a, b) => compare(a, b) >= 0;
export const lt = (a, b) => compare(a, b) < 0;
export const lte = (a, b) => compare(a, b) <= 0;

/** New array sorted ascending; strings stay strings. */
export function sort(list) {
  return [...list].sort(compare);
}

export function rsort(list) {
  return [...list].sort((a, b) => compare(b, a));
}

export { format };
