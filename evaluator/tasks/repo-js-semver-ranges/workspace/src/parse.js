import { SemverError } from "./errors.js";

const IDENTS = "[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*";
const VERSION = new RegExp(
  `^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-(${IDENTS}))?(?:\\+(${IDENTS}))?$`,
);

/** Parse a full version string. */
export function parse(text) {
  if (typeof text !== "string") throw new SemverError(`version must be a string, got ${typeof text}`);
  const m = VERSION.exec(text.trim());
  if (!m) throw new SemverError(`invalid version: ${JSON.stringify(text)}`);
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3]),
    prerelease: m[4] ? m[4].split(".").map((id) => (/^\d+$/.test(id) ? Number(id) : id)) : [],
    build: m[5] ? m[5].split(".") : [],
  };
}

/** Accept a version object or a string. */
export function toVersion(value) {
  return typeof value === "string" ? parse(value) : value;
}

export function format(version) {
  const v = toVersion(version);
  const core = `${v.major}.${v.minor}.${v.patch}`;
  return v.prerelease.length > 0 ? `${core}-${v.prerelease.join(".")}` : core;
}
