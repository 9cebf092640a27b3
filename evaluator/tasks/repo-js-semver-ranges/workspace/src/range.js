import { compare } from "./compare.js";
import { SemverError } from "./errors.js";
import { parse, toVersion } from "./parse.js";

const PARTIAL = /^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?$/;

/** Expand a range string into comparator sets. */
export function parseRange(text) {
  if (typeof text !== "string") throw new SemverError("range must be a string");
  return text.split("||").map((part) => {
    const tokens = part.trim().split(/\s+/).filter(Boolean);
    if (tokens.length === 0) return [];
    return tokens.flatMap(expand);
  });
}

function expand(token) {
  const op = /^(>=|<=|>|<|=)/.exec(token)?.[1];
  if (op) return [{ op, version: parse(token.slice(op.length)) }];
  if (token.startsWith("^")) return caret(partial(token.slice(1)));
  if (token.startsWith("~")) return tilde(partial(token.slice(1)));
  const p = partial(token);
  if (p.major === null) return [];
  if (p.minor === null) return between(v(p.major, 0, 0), v(p.major + 1, 0, 0));
  if (p.patch === null) return between(v(p.major, p.minor, 0), v(p.major, p.minor + 1, 0));
  return [{ op: "=", version: parse(token) }];
}

function partial(text) {
  const m = PARTIAL.exec(text);
  if (!m) {
    // Full versions with a prerelease are valid after ^ and ~.
    try {
      const full = parse(text);
      return { major: full.major, minor: full.minor, patch: full.patch, prerelease: full.prerelease };
    } catch {
      throw new SemverError(`invalid range: ${JSON.stringify(text)}`);
    }
  }
  const nums = [m[1], m[2], m[3]].map((s) => (s === undefined || /[xX*]/.test(s) ? null : Number(s)));
  // Nothing may follow a wildcard.
  for (let i = 1; i < 3; i++) {
    if (nums[i - 1] === null && nums[i] !== null) throw new SemverError(`invalid range: ${text}`);
  }
  return { major: nums[0], minor: nums[1], patch: nums[2], prerelease: [] };
}

function lowerBound(p) {
  return { major: p.major, minor: p.minor ?? 0, patch: p.patch ?? 0, prerelease: p.prerelease, build: [] };
}

function caret(p) {
  if (p.major === null) return [];
  return between(lowerBound(p), v(p.major + 1, 0, 0));
}

function tilde(p) {
  if (p.major === null) return [];
  if (p.minor === null) return between(lowerBound(p), v(p.major + 1, 0, 0));
  return between(lowerBound(p), v(p.major, p.minor + 1, 0));
}

function between(low, high) {
  return [
    { op: ">=", version: low },
    { op: "<", version: high },
  ];
}

function v(major, minor, patch) {
  return { major, minor, patch, prerelease: [], build: [] };
}

function test(version, { op, version: bound }) {
  const c = compare(version, bound);
  switch (op) {
    case ">=":
      return c >= 0;
    case ">":
      return c > 0;
    case "<=":
      return c <= 0;
    case "<":
      return c < 0;
    default:
      return c === 0;
  }
}

export function satisfies(version, range) {
  const ver = toVersion(version);
  return parseRange(range).some((set) => set.every((comparator) => test(ver, comparator)));
}

export function maxSatisfying(versions, range) {
  let best = null;
  for (const candidate of versions) {
    if (satisfies(candidate, range) && (best === null || compare(candidate, best) > 0)) best = candidate;
  }
  return best;
}
