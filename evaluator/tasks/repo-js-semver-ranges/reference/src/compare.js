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
  // Identifier by identifier: numbers numerically and below strings, strings in ASCII order;
  // when one list is a prefix of the other, the shorter one ranks lower.
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i >= a.length) return -1;
    if (i >= b.length) return 1;
    const c = compareIdentifier(a[i], b[i]);
    if (c !== 0) return c;
  }
  return 0;
}

function compareIdentifier(x, y) {
  const xNum = typeof x === "number";
  const yNum = typeof y === "number";
  if (xNum && !yNum) return -1;
  if (!xNum && yNum) return 1;
  return x < y ? -1 : x > y ? 1 : 0;
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
