export { compare, eq, gt, gte, lt, lte, rsort, sort } from "./compare.js";
export { SemverError } from "./errors.js";
export { format, parse } from "./parse.js";
export { maxSatisfying, parseRange, satisfies } from "./range.js";
